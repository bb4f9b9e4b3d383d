// Errors the agentlab command raises itself; model and config errors come from models/.
import { AgentlabError } from '../models/index.js';

/** The port asked for is taken by another process. */
export class PortInUseError extends AgentlabError {
  readonly host: string;
  readonly port: number;

  constructor(host: string, port: number, cause?: unknown) {
    super(
      'AGENTLAB_PORT_IN_USE',
      `Port ${port} on ${host} is already in use: choose another with --port (0 picks a free one).`,
      { cause },
    );
    this.host = host;
    this.port = port;
  }
}
