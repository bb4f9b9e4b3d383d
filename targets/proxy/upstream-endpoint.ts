// Where a session's requests go: the cell's model endpoint, parsed once when the session opens,
// with the real credentials the agent never sees.
import type { ModelHandle } from '../../models/index.js';

export interface UpstreamEndpoint {
  /** The model's base URL without a trailing slash, as named in errors: `https://api.openai.com/v1`. */
  baseURL: string;
  /** Scheme, host and port, `https://api.openai.com`: the connections to it are pooled. */
  origin: string;
  /** The base URL's path without a trailing slash: `/v1`, or '' at the root. */
  basePath: string;
  /** Sent with every forwarded request, as a flat [name, value, …] list: the real key, and the organisation and project when set. */
  headerList: readonly string[];
}

export function upstreamEndpoint(model: ModelHandle): UpstreamEndpoint {
  const url = new URL(model.baseURL);
  const basePath = url.pathname.replace(/\/+$/, '');
  const { apiKey, organization, project } = model.client;
  return {
    baseURL: `${url.origin}${basePath}`,
    origin: url.origin,
    basePath,
    headerList: ['authorization', `Bearer ${apiKey}`, ...(organization ? ['openai-organization', organization] : []), ...(project ? ['openai-project', project] : [])],
  };
}

/** The full URL of a path below the endpoint, for messages. */
export function upstreamUrl(endpoint: UpstreamEndpoint, path: string): string {
  return `${endpoint.baseURL}${path}`;
}
