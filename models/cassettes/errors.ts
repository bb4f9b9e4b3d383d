// Errors of record and replay that a user can see, each with a stable code.
import { AgentlabError } from '../errors.js';

export type CassetteErrorCode =
  /** A cassette line that is not what agentlab wrote: bad JSON, a missing field, a digest or key that does not match. */
  | 'AGENTLAB_CASSETTE_INVALID'
  /** --replay names a directory that does not exist or cannot be read. */
  | 'AGENTLAB_CASSETTE_DIRECTORY_NOT_FOUND'
  /** --record/--replay/--replay-missing given together in a way that means nothing. */
  | 'AGENTLAB_CASSETTE_OPTIONS_INVALID'
  /** A model call made outside any eval cell while replaying: there is no cassette it could come from. */
  | 'AGENTLAB_CASSETTE_OUTSIDE_CELL'
  /** A request whose body cannot be recorded (a stream or a form). */
  | 'AGENTLAB_CASSETTE_UNSUPPORTED_REQUEST';

export class CassetteError extends AgentlabError {
  constructor(code: CassetteErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'CassetteError';
  }
}

/** A tampered or truncated cassette line: the message starts with `file:line:`. */
export class CassetteLineError extends CassetteError {
  readonly file: string;
  readonly line: number;

  constructor(file: string, line: number, problem: string) {
    super('AGENTLAB_CASSETTE_INVALID', `${file}:${line}: ${problem}; record the cell again with --record (a cassette is not edited by hand)`);
    this.file = file;
    this.line = line;
  }
}
