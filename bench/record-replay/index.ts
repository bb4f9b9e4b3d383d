// Public surface of bench/record-replay: an eval recorded against an endpoint, then replayed without it.
export { recordReplay } from './record-replay.js';
