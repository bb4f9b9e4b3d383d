// Which forward proxy, if any, a model endpoint is reached through: HTTPS_PROXY / HTTP_PROXY and
// NO_PROXY as curl and undici's EnvHttpProxyAgent read them (lower case first; an https URL falls
// back to HTTP_PROXY; NO_PROXY entries are host names, their subdomains, `host:port`, or `*`).
// The decision is made here rather than inside EnvHttpProxyAgent because the transport must know it:
// an error names the proxy it went through, and one rule is added, as Go's net/http does: loopback
// hosts (localhost, 127.0.0.0/8, ::1) go direct unless the proxy is itself on loopback, since a
// proxy on another machine cannot reach this one's loopback (the simulator, a local Ollama), while a
// local one (cntlm, mitmproxy) can.
import { isIPv4 } from 'node:net';

type Environment = Readonly<Record<string, string | undefined>>;

/** A proxy to send through: its URL (credentials included, for the proxy's Authorization) and where it came from. */
export interface ProxyChoice {
  url: string;
  /** The variable it was read from, e.g. `HTTPS_PROXY`. */
  variable: string;
  /** The URL as it may be shown: without user name and password. */
  shown: string;
}

interface NoProxyEntry {
  hostname: string;
  /** 0 for every port. */
  port: number;
}

export interface ProxySettings {
  http: ProxyChoice | undefined;
  https: ProxyChoice | undefined;
  /** NO_PROXY's entries; `'*'` for every host. */
  noProxy: NoProxyEntry[] | '*';
}

const defaultPorts: Readonly<Record<string, number>> = { 'http:': 80, 'https:': 443 };

/** The first of the variables that is set and not blank, with its name. */
function firstSet(env: Environment, names: readonly string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return undefined;
}

/** A proxy URL without its credentials, for messages and logs. */
export function withoutCredentials(url: URL): string {
  if (!url.username && !url.password) return url.href;
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}

function proxyChoice(found: { name: string; value: string } | undefined): ProxyChoice | undefined {
  if (!found) return undefined;
  // curl reads a proxy without a scheme as http://; so does this.
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(found.value) ? found.value : `http://${found.value}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch (error) {
    throw new TypeError(`${found.name} is not a proxy URL such as http://proxy.example.com:3128`, { cause: error });
  }
  return { url: url.href, variable: found.name, shown: withoutCredentials(url) };
}

function parseNoProxy(value: string): NoProxyEntry[] | '*' {
  if (value.trim() === '*') return '*';
  const entries: NoProxyEntry[] = [];
  for (const entry of value.split(/[,\s]+/)) {
    if (!entry) continue;
    const withPort = /^(.+):(\d+)$/.exec(entry);
    const host = (withPort ? withPort[1]! : entry).replace(/^\*?\./, '').toLowerCase();
    entries.push({ hostname: host.replace(/^\[(.*)\]$/, '$1'), port: withPort ? Number(withPort[2]) : 0 });
  }
  return entries;
}

export function readProxySettings(env: Environment): ProxySettings {
  const http = proxyChoice(firstSet(env, ['http_proxy', 'HTTP_PROXY']));
  return {
    http,
    https: proxyChoice(firstSet(env, ['https_proxy', 'HTTPS_PROXY'])) ?? http,
    noProxy: parseNoProxy(firstSet(env, ['no_proxy', 'NO_PROXY'])?.value ?? ''),
  };
}

/** `localhost` (and its subdomains), 127.0.0.0/8, ::1 and ::ffff:127.x.y.z. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIPv4(host)) return host.startsWith('127.');
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
  return mapped !== null && mapped[1]!.startsWith('127.');
}

function matchesNoProxy(entries: NoProxyEntry[], hostname: string, port: number): boolean {
  for (const entry of entries) {
    if (entry.port !== 0 && entry.port !== port) continue;
    if (hostname === entry.hostname || hostname.endsWith(`.${entry.hostname}`)) return true;
  }
  return false;
}

/** The proxy `url` is reached through, or undefined to connect directly. */
export function proxyFor(settings: ProxySettings, url: URL): ProxyChoice | undefined {
  const proxy = url.protocol === 'https:' ? settings.https : settings.http;
  if (!proxy || settings.noProxy === '*') return undefined;
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const port = Number(url.port) || defaultPorts[url.protocol] || 0;
  if (matchesNoProxy(settings.noProxy, hostname, port)) return undefined;
  if (isLoopbackHost(hostname) && !isLoopbackHost(new URL(proxy.url).hostname)) return undefined;
  return proxy;
}
