// Types for the undici modules the transport imports by path (undici-dispatchers.ts): each file's
// module.exports is what undici's index exports under that name.
declare module 'undici/lib/dispatcher/agent.js' {
  import { Agent } from 'undici';
  export default Agent;
}
declare module 'undici/lib/dispatcher/pool.js' {
  import { Pool } from 'undici';
  export default Pool;
}
declare module 'undici/lib/dispatcher/proxy-agent.js' {
  import { ProxyAgent } from 'undici';
  export default ProxyAgent;
}
declare module 'undici/lib/dispatcher/dispatcher.js' {
  import { Dispatcher } from 'undici';
  export default Dispatcher;
}
declare module 'undici/lib/api/index.js' {
  /** request, stream, pipeline, connect and upgrade: the methods undici's index puts on Dispatcher.prototype. */
  const api: Record<string, unknown>;
  export default api;
}
