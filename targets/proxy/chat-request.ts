// A chat completion request as the proxy forwards it: the cell's model whatever the agent named,
// the session's seed when the request has none, and usage asked for on streams so every call's
// tokens are recorded (the agent still gets only what it asked for).
import { invalidRequest } from './proxy-error.js';

export interface ChatRequest {
  /** The JSON sent to the endpoint: the agent's own bytes when nothing needed changing. */
  body: Buffer;
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

/**
 * The body with `model` replaced and `added` fields put first, edited as text when the agent's JSON
 * allows it (its top-level `model` written first, as clients write it), so the request is not
 * serialised again; undefined when it does not. Safe because the parse told what the object holds:
 * an added field is never one it already has.
 */
function editedText(text: string, currentModel: unknown, model: string | undefined, added: string[]): string | undefined {
  let edited = text;
  if (model !== undefined) {
    const modelPrefix = `{"model":${JSON.stringify(currentModel)}`;
    if (typeof currentModel !== 'string' || !edited.startsWith(modelPrefix)) return undefined;
    edited = `{"model":${JSON.stringify(model)}${edited.slice(modelPrefix.length)}`;
  }
  if (added.length === 0) return edited;
  if (!edited.startsWith('{')) return undefined;
  const empty = edited.slice(1).trimStart().startsWith('}');
  return `{${added.join(',')}${empty ? '' : ','}${edited.slice(1)}`;
}

/**
 * `model`: the id to send, or how to choose it from the one the agent named (a session that serves
 * several models routes by it).
 */
export function prepareChatRequest(raw: Buffer, model: string | ((requested: unknown) => string), sessionSeed: number | undefined): ChatRequest {
  const text = raw.toString('utf8');
  let request: unknown;
  try {
    request = JSON.parse(text);
  } catch (error) {
    throw invalidRequest(`The request body is not valid JSON: ${(error as Error).message}`, error);
  }
  if (!isObject(request)) throw invalidRequest('The request body must be a JSON object with model and messages.');
  const currentModel = request.model;
  if (typeof model === 'function') model = model(currentModel);
  const modelChanged = currentModel !== model;
  const added: string[] = [];
  let rewriteWhole = modelChanged && !('model' in request);
  if (modelChanged) request.model = model;
  if ((request.seed === undefined || request.seed === null) && sessionSeed !== undefined) {
    if (request.seed === null) rewriteWhole = true;
    request.seed = sessionSeed;
    added.push(`"seed":${JSON.stringify(sessionSeed)}`);
  }
  const stream = request.stream === true;
  let hideUsage = false;
  if (stream) {
    const streamOptions = isObject(request.stream_options) ? request.stream_options : {};
    if (streamOptions.include_usage !== true) {
      hideUsage = true;
      if (request.stream_options === undefined) added.push('"stream_options":{"include_usage":true}');
      else rewriteWhole = true;
      request.stream_options = { ...streamOptions, include_usage: true };
    }
  }
  let body = raw;
  if (modelChanged || added.length > 0) {
    const edited = rewriteWhole ? undefined : editedText(text, currentModel, modelChanged ? model : undefined, added);
    body = Buffer.from(edited ?? JSON.stringify(request));
  }
  const responseFormat = isObject(request.response_format) ? request.response_format.type : undefined;
  return {
    body,
    messages: request.messages,
    temperature: typeof request.temperature === 'number' ? request.temperature : 0,
    seed: typeof request.seed === 'number' ? request.seed : undefined,
    stream,
    hideUsage,
    outputType: responseFormat === 'json_schema' || responseFormat === 'json_object' ? 'json' : 'text',
  };
}
