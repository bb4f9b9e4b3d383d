// undici's dispatchers, imported from their own modules rather than from undici's index, which also
// loads its fetch, WebSocket, EventSource, cache and cookie code: about 40 ms of every agentlab
// command's start-up that sends model calls (an esbuild bundle of these three imported in 42-45 ms,
// one of the index in 81-94 ms). The transport's rare bodies that need undici's fetch load the index on demand
// (undici-fetch.ts); both share these modules, so a dispatcher made here is one fetch knows.
import api from 'undici/lib/api/index.js';
import Agent from 'undici/lib/dispatcher/agent.js';
import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';
import Pool from 'undici/lib/dispatcher/pool.js';
import ProxyAgent from 'undici/lib/dispatcher/proxy-agent.js';

// What undici's index does on loading (`Object.assign(Dispatcher.prototype, api)`): every dispatcher
// gets request(), stream(), pipeline(), connect() and upgrade(); ProxyAgent's CONNECT tunnel calls
// connect(). undici is pinned to an exact version in package.json, and the HTTPS_PROXY tests
// (through-proxy.test.ts) fail without this line.
Object.assign(Dispatcher.prototype, api);

export { Agent, Pool, ProxyAgent };
