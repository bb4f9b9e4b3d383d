// Where one chat completion of a session goes: the cell's model, or another model the session was
// asked to serve (`ProxySession.serveModel`, a content worker on a cheaper model). A route pairs the
// model (its id, provider, prices) with its endpoint and credentials, parsed once.
import type { ModelHandle } from '../../models/index.js';
import { upstreamEndpoint, type UpstreamEndpoint } from './upstream-endpoint.js';

export interface ModelRoute {
  readonly model: ModelHandle;
  readonly endpoint: UpstreamEndpoint;
}

export function modelRoute(model: ModelHandle): ModelRoute {
  return { model, endpoint: upstreamEndpoint(model) };
}
