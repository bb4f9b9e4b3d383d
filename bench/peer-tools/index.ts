// Public surface of bench/peer-tools: the pinned tools agentlab is compared against, installed on first use.
export { ensurePeerCommand, peersDirectory, peersNodeModules } from './peer-install.js';
export { EVALITE_VERSION, PROMPTFOO_VERSION } from './constants.js';
