// The simulator's Fastify app and the function that starts it on a port.
import Fastify, { type FastifyInstance } from 'fastify';
import { builtInProfiles } from './profiles.js';
import type { LatencyMode, SimProfile } from './profile.js';

export interface SimServerOptions {
  /** Interface to bind; 127.0.0.1 unless told otherwise. */
  host?: string;
  /** Port to bind; 0 picks a free ephemeral port. */
  port?: number;
  /** Profiles served, by model id. Defaults to every built-in profile. */
  profiles?: Record<string, SimProfile>;
  latency?: LatencyMode;
}

export interface RunningSimServer {
  /** OpenAI-style base URL, ending in /v1. */
  baseURL: string;
  host: string;
  port: number;
  profiles: string[];
  close(): Promise<void>;
}

export function buildSimApp(options: SimServerOptions = {}): FastifyInstance {
  const app = Fastify({ logger: false });
  void options;
  void builtInProfiles;
  return app;
}

export async function startSimServer(options: SimServerOptions = {}): Promise<RunningSimServer> {
  const host = options.host ?? '127.0.0.1';
  const app = buildSimApp(options);
  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    baseURL: `http://${urlHost}:${port}/v1`,
    host,
    port,
    profiles: Object.keys(options.profiles ?? builtInProfiles),
    close: () => app.close(),
  };
}
