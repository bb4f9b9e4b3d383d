// The errors of models/transport/ a user can see.
import { AgentlabError } from '../errors.js';

/** A model call sent through a forward proxy (HTTPS_PROXY, HTTP_PROXY) that failed before the endpoint answered. */
export class ProxyFailedError extends AgentlabError {
  /** The endpoint URL the call was for. */
  readonly url: string;
  /** The proxy's URL without credentials. */
  readonly proxy: string;
  /** The variable the proxy came from, e.g. `HTTPS_PROXY`. */
  readonly variable: string;

  constructor(url: string, proxy: string, variable: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super('AGENTLAB_PROXY_FAILED', `could not reach ${url} through the proxy ${proxy} (from ${variable}): ${reason}; is the proxy running, and does it allow this host? NO_PROXY lists hosts reached directly`, { cause });
    this.url = url;
    this.proxy = proxy;
    this.variable = variable;
  }
}
