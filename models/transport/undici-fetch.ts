// undici's fetch and FormData, for the few bodies the transport cannot send itself (streams, forms).
// Imported on demand (model-transport.ts): loading undici's index is most of its start-up cost. A
// module of ours, so that the bundled command puts it in a chunk of its own that shares the
// dispatchers' modules (undici-dispatchers.ts) rather than loading a second undici from node_modules.
export { fetch, FormData } from 'undici';
