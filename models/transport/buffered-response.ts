// A Response for a body already read whole. Made with the body, a Response wraps it in a WHATWG
// stream that costs more than the rest of reading the reply; the openai client only ever reads such
// a body whole, so `text()`, `json()` and the others read the buffer, and the stream is made only if
// someone asks for `body`.

export function bufferedResponse(bytes: Buffer, init: ResponseInit): Response {
  const response = new Response(null, init);
  let streamed: Response | undefined;
  let used = false;
  const take = (): Buffer => {
    if (used || streamed?.bodyUsed) throw new TypeError('Body is unusable: Body has already been read');
    used = true;
    return bytes;
  };
  Object.defineProperties(response, {
    body: { get: () => (streamed ??= new Response(bytes, init)).body },
    bodyUsed: { get: () => used || (streamed?.bodyUsed ?? false) },
    text: { value: async () => take().toString('utf8') },
    json: { value: async () => JSON.parse(take().toString('utf8')) as unknown },
    arrayBuffer: { value: async () => new Uint8Array(take()).buffer },
    bytes: { value: async () => new Uint8Array(take()) },
    blob: { value: async () => new Blob([take()], { type: response.headers.get('content-type') ?? '' }) },
    clone: {
      value: () => {
        if (used || streamed?.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
        return bufferedResponse(bytes, init);
      },
    },
  });
  return response;
}
