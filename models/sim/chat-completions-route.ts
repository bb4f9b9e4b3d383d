// POST /v1/chat/completions: validation, the context window, transport faults, latency, and the JSON or SSE reply.
import { setImmediate } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contextLengthError } from './context-length.js';
import { readConversation } from './conversation.js';
import { pause, planLatency } from './latency.js';
import { openAIError } from './openai-error.js';
import type { LatencyMode, SimProfile } from './profile.js';
import { chatCompletionRequestSchema, describeFirstIssue } from './request-schema.js';
import { hashText } from './seeded-random.js';
import { simulateTurn, toChatCompletion } from './simulate-turn.js';
import { serverSentEvent, streamChunks } from './streaming.js';
import { countPromptTokens } from './token-usage.js';
import { declaredAttempt } from './request-attempt.js';
import { chooseTransportFault, RequestOccurrences } from './transport-faults.js';
import type { RateLimitEnforcer } from './rate-limit-enforcer.js';

export interface ChatRouteOptions {
  profiles: Record<string, SimProfile>;
  latency: LatencyMode;
  /** Enforces rate limits per model when given (rate-limit-enforcer.ts). */
  enforcer?: RateLimitEnforcer;
}

/** Aborts when the client disconnects before the reply is finished. */
function disconnectSignal(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

export function registerChatCompletionsRoute(app: FastifyInstance, options: ChatRouteOptions): void {
  const occurrences = new RequestOccurrences();
  const { enforcer } = options;

  // Requests that arrive together (32 clients answered at once send their next calls together) are
  // each stamped as they arrive, before their bodies are read and parsed, and before any is worked
  // on: otherwise the last of a burst would start its clock only after the others' work, and a fixed
  // 100 ms would be 100 ms plus the queue. A real endpoint works on them in parallel.
  const arrivals = new WeakMap<object, number>();
  const stampArrival = (request: FastifyRequest, _reply: FastifyReply, done: () => void): void => {
    arrivals.set(request.raw, performance.now());
    done();
  };

  app.post('/v1/chat/completions', { onRequest: stampArrival }, async (request, reply) => {
    const receivedAt = arrivals.get(request.raw) ?? performance.now();
    if (options.latency !== 'zero') await setImmediate();
    const parsed = chatCompletionRequestSchema.safeParse(request.body);
    if (!parsed.success) {
      const { param, message } = describeFirstIssue(parsed.error);
      return reply.code(400).send(openAIError(message, 'invalid_request_error', 'invalid_value', param || null));
    }
    const body = parsed.data;
    const profile = options.profiles[body.model];
    if (!profile) {
      const known = Object.keys(options.profiles).join(', ');
      return reply
        .code(404)
        .send(openAIError(`The model \`${body.model}\` does not exist. This simulator serves: ${known}.`, 'invalid_request_error', 'model_not_found', 'model'));
    }

    // Counted once: the window check and the reply's usage use the same figure.
    const promptTokens = countPromptTokens(body);
    const reserved = body.max_completion_tokens ?? body.max_tokens ?? undefined;
    const tooLong = contextLengthError(profile.contextWindow, promptTokens, reserved);
    if (tooLong) return reply.code(400).send(tooLong);
    // Every reply from here on carries the rate-limit headers (streams and cut-off bodies write them by hand).
    let limitHeaders: Record<string, string> = {};
    if (enforcer) {
      const admission = enforcer.admit(body.model, promptTokens + (reserved ?? 0));
      limitHeaders = admission.headers;
      if (!admission.admitted) return reply.code(429).headers(limitHeaders).send(admission.body);
      void reply.headers(limitHeaders);
    }

    const signal = disconnectSignal(reply);
    const seed = body.seed ?? 0;
    const view = readConversation(body.messages);
    const requestHash = hashText(JSON.stringify(body));
    // A declared attempt keeps the draw to this request alone; counting is the fallback for clients that say nothing.
    const attempt = declaredAttempt(request.headers);
    const retry = attempt === undefined ? occurrences.next(String(requestHash)) : attempt - 1;
    const fault = chooseTransportFault(profile.transport, seed, view.identity, view.step, retry);
    if (fault === 'rateLimit') {
      return reply
        .code(429)
        .header('retry-after', String(Math.max(1, Math.ceil(profile.retryAfterMs / 1000))))
        .header('retry-after-ms', String(profile.retryAfterMs))
        .send(openAIError(`Rate limit reached for ${body.model}. Please try again in ${profile.retryAfterMs}ms.`, 'requests', 'rate_limit_exceeded'));
    }
    if (fault === 'serverError') {
      return reply.code(500).send(openAIError('The server had an error while processing your request. Sorry about that!', 'server_error'));
    }
    if (fault === 'stall') {
      await pause(profile.stallMs, signal);
      if (signal.aborted) return reply;
    }

    const turn = simulateTurn(body, profile, { view, requestHash, promptTokens });
    if (enforcer && reserved === undefined) enforcer.charge(body.model, turn.usage.completion_tokens);
    const latency = planLatency(options.latency, profile.latency);
    // A whole reply is serialised before the wait, so that it too counts in the latency emulated.
    const text = body.stream ? '' : JSON.stringify(toChatCompletion(turn));
    // The model's own time counts against the latency it emulates, so a fixed 100 ms is 100 ms.
    await pause(latency.firstTokenMs - (performance.now() - receivedAt), signal);
    if (signal.aborted) return reply;

    if (!body.stream) {
      await pause(latency.perTokenMs * turn.usage.completion_tokens, signal);
      if (fault === 'cutOff') {
        reply.hijack();
        reply.raw.writeHead(200, { ...limitHeaders, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        reply.raw.write(text.slice(0, Math.floor(text.length / 2)));
        reply.raw.destroy();
        return reply;
      }
      return reply.header('content-type', 'application/json').send(text);
    }

    const chunks = streamChunks(turn, body.stream_options?.include_usage === true);
    reply.hijack();
    reply.raw.writeHead(200, { ...limitHeaders, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const cutAt = fault === 'cutOff' ? Math.max(1, Math.floor(chunks.length / 2)) : Number.POSITIVE_INFINITY;
    for (const [index, chunk] of chunks.entries()) {
      if (signal.aborted) return reply;
      if (index >= cutAt) {
        reply.raw.destroy();
        return reply;
      }
      await pause(latency.perTokenMs * chunk.tokens, signal);
      reply.raw.write(serverSentEvent(chunk.body));
    }
    reply.raw.end(serverSentEvent('[DONE]'));
    return reply;
  });
}
