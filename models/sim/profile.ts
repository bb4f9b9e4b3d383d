// The shape of a simulator profile: how often it errs, how fast it answers and what it costs.

/** Chances, per model turn, of the behavioural faults agents must survive (0 = never, 1 = always). */
export interface BehaviourRates {
  /** Calls an offered tool other than the one the goal needs. */
  wrongTool: number;
  /** Calls a tool name that was not offered. */
  nonexistentTool: number;
  /** Sends tool arguments (or structured output) that are not valid JSON. */
  malformedArguments: number;
  /** Repeats its previous tool call with the same arguments. */
  repeatedCall: number;
  /** Answers before the goal's needs are met. */
  earlyAnswer: number;
  /** Pads its answer with filler paragraphs. */
  verboseOutput: number;
}

/** Chances, per HTTP request, of transport faults. */
export interface TransportRates {
  /** 429 with Retry-After and retry-after-ms headers. */
  rateLimit: number;
  /** 500 server error. */
  serverError: number;
  /** Holds the request past any reasonable client timeout. */
  stall: number;
  /** Sends part of the response, then drops the connection. */
  cutOff: number;
}

export interface LatencyModel {
  /** Time to first token, in milliseconds. */
  timeToFirstTokenMs: number;
  /** Output speed once generation starts. */
  tokensPerSecond: number;
}

/** USD per million tokens. */
export interface TokenPrices {
  input: number;
  output: number;
}

export interface SimProfile {
  name: string;
  description: string;
  behaviour: BehaviourRates;
  transport: TransportRates;
  latency: LatencyModel;
  prices: TokenPrices;
  /** Most tokens a request may hold: prompt tokens plus the max_tokens it reserves. Longer requests get a 400 context_length_exceeded. */
  contextWindow: number;
  /** Milliseconds a 429 asks the client to wait. */
  retryAfterMs: number;
  /** Milliseconds a stalled request is held before the server gives up and answers. */
  stallMs: number;
}

/**
 * `zero` for tests; `realistic` follows each profile's latency model; `fast` is the same model twenty
 * times faster (evals that should still show latency differences); a number fixes every call to that many ms.
 */
export type LatencyMode = 'zero' | 'realistic' | 'fast' | { fixedMs: number };
