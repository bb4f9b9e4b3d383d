// The agentlab-vs-bare-client benchmark.
export { versusBareClient } from './versus-bare-client.js';
