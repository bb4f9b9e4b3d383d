// A Response for a body already read whole. Made with the body, a Response wraps it in a WHATWG
// stream that costs more than the rest of reading the reply; the openai client only ever reads such
// a body whole, so `text()`, `json()` and the others read the buffer, and the stream is made only if
// someone asks for `body`. The overrides live on a subclass's prototype, defined once: defining them
// on each Response (as this did first) cost about as much as the Response itself.

const bytesOf = new WeakMap<Response, { bytes: Buffer; init: ResponseInit; url: string; used: boolean; streamed: Response | undefined }>();

class BufferedResponse extends Response {}

function state(response: Response): NonNullable<ReturnType<typeof bytesOf.get>> {
  return bytesOf.get(response)!;
}

function take(response: Response): Buffer {
  const body = state(response);
  if (body.used || body.streamed?.bodyUsed) throw new TypeError('Body is unusable: Body has already been read');
  body.used = true;
  return body.bytes;
}

Object.defineProperties(BufferedResponse.prototype, {
  url: { get(this: Response) { return state(this).url; } },
  body: { get(this: Response) { const body = state(this); return (body.streamed ??= new Response(body.bytes, body.init)).body; } },
  bodyUsed: { get(this: Response) { const body = state(this); return body.used || (body.streamed?.bodyUsed ?? false); } },
  text: { value: async function text(this: Response) { return take(this).toString('utf8'); } },
  json: { value: async function json(this: Response) { return JSON.parse(take(this).toString('utf8')) as unknown; } },
  arrayBuffer: { value: async function arrayBuffer(this: Response) { return new Uint8Array(take(this)).buffer; } },
  bytes: { value: async function bytes(this: Response) { return new Uint8Array(take(this)); } },
  blob: { value: async function blob(this: Response) { return new Blob([take(this)], { type: this.headers.get('content-type') ?? '' }); } },
  clone: {
    value: function clone(this: Response) {
      const body = state(this);
      if (body.used || body.streamed?.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
      return bufferedResponse(body.bytes, body.init, body.url);
    },
  },
});

/** A Response answering `url` with `bytes`, read whole. */
export function bufferedResponse(bytes: Buffer, init: ResponseInit, url: string): Response {
  const response = new BufferedResponse(null, init);
  bytesOf.set(response, { bytes, init, url, used: false, streamed: undefined });
  return response;
}
