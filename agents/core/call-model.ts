// One model call with the guards every call needs: a timeout, retries of transport errors with
// backoff that honours Retry-After, and a trajectory step recording tokens, latency and retries.
import OpenAI from 'openai';
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { RATE_LIMIT_RETRIES, RateLimitedOpenAI, RETRY_COUNT_HEADER } from '../../models/index.js';
import type { ModelCallStep } from './agent-result.js';
import type { AgentLimits, AgentModel } from './agent-options.js';
import { describeConnectionFailure } from './connection-failure.js';
import { linkSignal } from './linked-signal.js';
import { backoffMs, retryAfterMs } from './retry-delay.js';
import { RunStop } from './run-stop.js';

export type ModelRequest = Omit<ChatCompletionCreateParamsNonStreaming, 'model' | 'seed' | 'stream'>;

export interface CallModelDependencies {
  model: AgentModel;
  limits: AgentLimits;
  seed?: number;
  signal?: AbortSignal;
  now: () => number;
  sleep: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
  onRetry: (attempt: number, error: string, waitMs: number) => void;
}

/** Connection failures, timeouts, 408, 409, 429 and 5xx are worth another try; other statuses are not. */
function isTransient(error: unknown): boolean {
  if (error instanceof OpenAI.APIConnectionError) return true;
  if (error instanceof OpenAI.APIError) {
    const status = error.status ?? 0;
    return status === 408 || status === 409 || status === 429 || status >= 500 || status === 0;
  }
  return false;
}

/**
 * A 429 of a model whose client keeps to configured rate limits: the limiter has slowed down and holds
 * the next send for the Retry-After, so sending again costs no try (a spent quota, `insufficient_quota`,
 * is no rate limit and does).
 */
function isRateLimitRefusal(error: unknown, model: AgentModel): boolean {
  return model.client instanceof RateLimitedOpenAI && error instanceof OpenAI.RateLimitError && error.code !== 'insufficient_quota';
}

/** OpenAI's (and OpenAI-compatible servers') 400 for a request longer than the model's window. */
function isContextLengthExceeded(error: unknown): boolean {
  return error instanceof OpenAI.BadRequestError && error.code === 'context_length_exceeded';
}

/** A call that never reached the endpoint names the URL it tried: "Connection error." alone cannot be acted on. */
function describe(error: unknown, model: AgentModel): string {
  if (error instanceof OpenAI.APIConnectionTimeoutError) return 'timed out';
  if (error instanceof OpenAI.APIConnectionError) return describeConnectionFailure(error.cause ?? error, model.client.buildURL('/chat/completions', undefined));
  if (error instanceof Error) return error.message;
  return String(error);
}

export async function callModel(
  agent: string,
  request: ModelRequest,
  dependencies: CallModelDependencies,
): Promise<{ completion: ChatCompletion; step: ModelCallStep }> {
  const { model, limits, signal, now } = dependencies;
  const startedAt = now();
  const retries: NonNullable<ModelCallStep['retries']> = [];
  const temperature = request.temperature ?? 0;
  // Refusals by the rate limit, sent again without using up a try (each is still an attempt of its own).
  let rateLimitRefusals = 0;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw new RunStop('error', 'aborted', 'the run was cancelled');
    const requestSignal = linkSignal(signal);
    try {
      const completion = await model.client.chat.completions.create(
        { ...request, model: model.model, ...(dependencies.seed === undefined ? {} : { seed: dependencies.seed }) },
        // The SDK's own retries are off, so it would call every try the first: the count says which it is,
        // and the simulator's faults then depend on this call alone, not on what else it has served.
        { timeout: limits.modelTimeoutMs, maxRetries: 0, headers: { [RETRY_COUNT_HEADER]: String(attempt - 1) }, ...(requestSignal.signal ? { signal: requestSignal.signal } : {}) },
      );
      const message = completion.choices[0]?.message;
      const step: ModelCallStep = {
        type: 'model_call',
        agent,
        model: model.model,
        provider: model.provider,
        inputTokens: completion.usage?.prompt_tokens ?? 0,
        outputTokens: completion.usage?.completion_tokens ?? 0,
        latencyMs: now() - startedAt,
        finishReason: completion.choices[0]?.finish_reason ?? null,
        attempts: attempt,
        responseId: completion.id,
        responseModel: completion.model,
        temperature,
        content: message?.content ?? null,
        toolCalls: (message?.tool_calls ?? []).flatMap((call) =>
          call.type === 'function' ? [{ id: call.id, name: call.function.name, arguments: call.function.arguments }] : [],
        ),
        startedAt,
        ...(retries.length > 0 ? { retries } : {}),
      };
      return { completion, step };
    } catch (error) {
      if (signal?.aborted || error instanceof OpenAI.APIUserAbortError) throw new RunStop('error', 'aborted', 'the run was cancelled', { cause: error });
      const status = error instanceof OpenAI.APIError ? error.status : undefined;
      const failedStep = (message: string): ModelCallStep => ({
        type: 'model_call',
        agent,
        model: model.model,
        provider: model.provider,
        inputTokens: 0,
        outputTokens: 0,
        latencyMs: now() - startedAt,
        finishReason: null,
        attempts: attempt,
        temperature,
        startedAt,
        retries,
        error: message,
      });
      if (isContextLengthExceeded(error)) {
        const message = `${model.model}'s context window is exceeded: ${describe(error, model)}`;
        throw new RunStop('error', 'context_length_exceeded', message, { cause: error, failedStep: failedStep(message) });
      }
      if (!isTransient(error)) {
        const message = `${model.model} rejected the request: ${describe(error, model)}`;
        throw new RunStop('error', 'model_request_rejected', message, { cause: error, failedStep: failedStep(message) });
      }
      if (rateLimitRefusals < RATE_LIMIT_RETRIES && isRateLimitRefusal(error, model)) {
        rateLimitRefusals += 1;
        // The client's limiter waits before the next send; what it will wait is recorded.
        const waitMs = (model.client as RateLimitedOpenAI).rateLimiter.delayMs();
        retries.push({ attempt, error: describe(error, model), ...(status === undefined ? {} : { status }), waitedMs: waitMs });
        dependencies.onRetry(attempt, describe(error, model), waitMs);
        continue;
      }
      const tries = attempt - rateLimitRefusals;
      const waitMs = tries < limits.modelTries ? (retryAfterMs(error instanceof OpenAI.APIError ? error.headers : undefined) ?? backoffMs(tries)) : 0;
      retries.push({ attempt, error: describe(error, model), ...(status === undefined ? {} : { status }), waitedMs: waitMs });
      if (tries >= limits.modelTries) {
        const message = `${model.model} failed ${attempt} times; last error: ${describe(error, model)}`;
        throw new RunStop('error', 'model_call_failed', message, { cause: error, failedStep: failedStep(message) });
      }
      dependencies.onRetry(attempt, describe(error, model), waitMs);
      await dependencies.sleep(waitMs, signal);
    } finally {
      requestSignal.release();
    }
  }
}
