// The record-replay benchmark's workload and targets.
import { fileURLToPath } from 'node:url';

/** The bundled golden dataset: every kind of task the built-in agents do (search, files, arithmetic, e-mail…). */
export const DATASET = fileURLToPath(new URL('../../datasets/golden/agent-tasks.jsonl', import.meta.url));
export const AGENT = 'react';
/** Every simulated call held 200 ms, as a hosted model answers a short request: what a replay does not wait for. */
export const SIM_LATENCY = '200';
export const CONCURRENCY = 8;
export const SEED = 7;
/** A replay waits for no model: at most half the recording's time. */
export const REPLAY_SHARE_TARGET = 0.5;
