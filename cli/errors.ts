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

/**
 * Not a failure to report: the command has already printed its outcome (a run that did not complete)
 * and asks runCli to exit with `exitCode` without printing anything more.
 */
export class CommandExit extends Error {
  readonly exitCode: number;

  constructor(exitCode: number, reason: string) {
    super(reason);
    this.name = 'CommandExit';
    this.exitCode = exitCode;
  }
}
