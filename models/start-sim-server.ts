// Starts the embedded simulator. Its server code (Fastify, the tokenizer) is loaded on the first call,
// so that importing models/ stays light for commands and runs that never start it.
import type { RunningSimServer, SimServerOptions } from './sim/index.js';

export async function startSimServer(options: SimServerOptions = {}): Promise<RunningSimServer> {
  const simulator = await import('./sim/index.js');
  return simulator.startSimServer(options);
}
