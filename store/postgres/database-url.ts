// A PostgreSQL URL as messages show it: user, host, port and database, never the password (neither
// the URL's own nor a `password` query parameter).
const secretParameters = new Set(['password', 'sslpassword', 'sslkey']);

/** `postgres://user@host:5432/database` from a connection URL; the URL as given (minus any password) when it does not parse. */
export function describeDatabaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1@');
  }
  const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
  const host = parsed.hostname || 'localhost';
  const port = parsed.port || '5432';
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || decodeURIComponent(parsed.username) || 'postgres';
  const kept = [...parsed.searchParams].filter(([name]) => !secretParameters.has(name.toLowerCase()));
  const query = kept.length > 0 ? `?${new URLSearchParams(kept).toString()}` : '';
  return `${parsed.protocol}//${user}${host}:${port}/${database}${query}`;
}
