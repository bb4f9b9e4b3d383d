// Public surface of models/transport/: the fetch the openai clients use, and the proxy rules it follows.
export { createModelTransport } from './model-transport.js';
export type { ModelTransport, ModelTransportOptions } from './model-transport.js';
export { isLoopbackHost, proxyFor, readProxySettings } from './proxy-settings.js';
export type { ProxyChoice, ProxySettings } from './proxy-settings.js';
export { ProxyFailedError } from './errors.js';
