// A chat completion request as the proxy forwards it: the cell's model whatever the agent named,
// the session's seed when the request has none, and usage asked for on streams so every call's
// tokens are recorded (the agent still gets only what it asked for).
import { invalidRequest } from './proxy-error.js';

export interface ChatRequest {
  /** The JSON sent to the endpoint. */
  body: string;
  /** The conversation as the agent sent it: tool results are paired from it. */
  messages: unknown;
  temperature: number;
  /** The seed sent, the agent's or the session's. */
  seed: number | undefined;
  stream: boolean;
  /** True when the agent did not ask for the final usage chunk, which the proxy then keeps to itself. */
  hideUsage: boolean;
  outputType: 'json' | 'text';
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function prepareChatRequest(raw: Buffer, model: string, sessionSeed: number | undefined): ChatRequest {
  let request: unknown;
  try {
    request = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw invalidRequest(`The request body is not valid JSON: ${(error as Error).message}`, error);
  }
  if (!isObject(request)) throw invalidRequest('The request body must be a JSON object with model and messages.');
  request.model = model;
  if ((request.seed === undefined || request.seed === null) && sessionSeed !== undefined) request.seed = sessionSeed;
  const stream = request.stream === true;
  let hideUsage = false;
  if (stream) {
    const streamOptions = isObject(request.stream_options) ? request.stream_options : {};
    if (streamOptions.include_usage !== true) {
      hideUsage = true;
      request.stream_options = { ...streamOptions, include_usage: true };
    }
  }
  const responseFormat = isObject(request.response_format) ? request.response_format.type : undefined;
  return {
    body: JSON.stringify(request),
    messages: request.messages,
    temperature: typeof request.temperature === 'number' ? request.temperature : 0,
    seed: typeof request.seed === 'number' ? request.seed : undefined,
    stream,
    hideUsage,
    outputType: responseFormat === 'json_schema' || responseFormat === 'json_object' ? 'json' : 'text',
  };
}
