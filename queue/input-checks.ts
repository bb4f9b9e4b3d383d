// Checks on what callers pass in, shared by the backends so both refuse the same input the same way
// (AGENTLAB_QUEUE_INPUT_INVALID) before anything is written.
import { stageNamePattern } from './constants.js';
import { queueInputInvalid } from './errors.js';
import type { EnqueueOptions } from './job-queue.js';

/** Queue names and ids become Redis keys on the BullMQ backend, where ':' separates key parts. */
const namePattern = /^[A-Za-z0-9_.\-/]{1,200}$/;

export function checkEnqueueOptions(queue: string, options: EnqueueOptions): void {
  if (!namePattern.test(queue)) throw queueInputInvalid(`The queue name ${JSON.stringify(queue)} must be 1–200 letters, digits, '_', '.', '-' or '/'.`);
  if (options.id !== undefined && (!namePattern.test(options.id) || /^\d+$/.test(options.id))) {
    throw queueInputInvalid(`The job id ${JSON.stringify(options.id)} must be 1–200 letters, digits, '_', '.', '-' or '/', and not a number alone.`);
  }
  if (options.maxAttempts !== undefined && (!Number.isInteger(options.maxAttempts) || options.maxAttempts < 1)) {
    throw queueInputInvalid(`maxAttempts must be a whole number of at least 1, not ${options.maxAttempts}.`);
  }
}

export function checkLeaseMs(leaseMs: number): void {
  if (!Number.isInteger(leaseMs) || leaseMs < 1) throw queueInputInvalid(`A lease must last a whole number of milliseconds, at least 1, not ${leaseMs}.`);
}

export function checkStage(stage: string): void {
  if (!stageNamePattern.test(stage)) throw queueInputInvalid(`The stage name ${JSON.stringify(stage)} must be 1–100 letters, digits, '_' or '-'.`);
}

/** The worker id is the Redis backend's lock token, where '0' means "no lock check". */
export function checkWorkerId(workerId: string): void {
  if (workerId === '' || workerId === '0') throw queueInputInvalid(`A worker id must be a non-empty name other than "0", not ${JSON.stringify(workerId)}.`);
}

/** Refuses what JSON cannot hold (undefined, a function, a bigint, a cycle) before anything is written. */
export function checkJson(value: unknown, what: string): void {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw queueInputInvalid(`${what} cannot be written as JSON: ${error instanceof Error ? error.message : String(error)}.`);
  }
  if (text === undefined) throw queueInputInvalid(`${what} cannot be written as JSON (it is ${typeof value}).`);
}
