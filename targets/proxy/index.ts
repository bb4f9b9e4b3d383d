// Public surface of the recording model proxy: start it, open a session per cell, close the
// session for its trajectory.
export { startModelProxy } from './start-model-proxy.js';
export type { ModelProxy, ModelProxyOptions, ProxyRecording, ProxySession, ProxySessionOptions } from './model-proxy-types.js';
export { ProxyError } from './proxy-error.js';
export type { OpenAiErrorBody, ProxyErrorCode } from './proxy-error.js';
