// Record and replay for one eval: the cassette directory, the mode, and each cell's tape while the
// cell runs (an AsyncLocalStorage, so that every model call the cell makes, through whichever client
// or the model proxy, lands on its tape), written as the cell's cassette when it ends.
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { canonicalJson } from './canonical-json.js';
import { serializeLine, type CellIdentity, type HeaderLine, type RecordedEval } from './cassette-lines.js';
import { CellTape } from './cell-tape.js';
import { cellFileName, cellKey } from './cell-file-name.js';
import { CASSETTE_VERSION, REPLAY_SIM_BASE_URL } from './constants.js';
import { CassetteError } from './errors.js';
import { readCassettes, type ReadCassettes } from './read-cassettes.js';
import { secretRedactor, type Redactor } from './redact-secrets.js';
import { tapedFetch, type TapeSource } from './taped-fetch.js';

export type CassetteMode = 'record' | 'replay';
export type ReplayMissing = 'error' | 'record';

export interface CassetteDeckOptions {
  /** The cassette directory. */
  directory: string;
  /** How messages name it (as the user gave it); `directory` by default. */
  shownAs?: string;
  mode: CassetteMode;
  /** With replay: a request no cassette holds is an error (the default) or is sent to the endpoint and recorded. */
  missing?: ReplayMissing;
  /** The eval being run, written in each cassette's header and compared with the recorded ones. */
  eval: RecordedEval;
  /** Values never written to a cassette (API keys). */
  secrets?: Iterable<string>;
}

/** What record or replay did in an eval, for its summary. */
export interface CassetteSummary {
  mode: CassetteMode;
  missing: ReplayMissing;
  directory: string;
  cells: number;
  /** Answers served from cassettes. */
  replayed: number;
  /** Calls sent to an endpoint and recorded. */
  recorded: number;
  /** Requests no cassette held (strict replay): their cells are errors. */
  missed: number;
  /** Tokens of the calls sent to an endpoint, by model reference: what the eval actually spent. */
  liveUsage: Record<string, { inputTokens: number; outputTokens: number }>;
}

function describeEval(recorded: RecordedEval): string {
  const { dataset, matrix } = recorded;
  return `${dataset.path} (sha256 ${dataset.hash.slice(0, 12)}…), agents ${matrix.agents.join(', ')}, models ${matrix.models.join(', ')}, ${matrix.epochs} epoch${matrix.epochs === 1 ? '' : 's'}, seed ${matrix.seed}`;
}

export class CassetteDeck implements TapeSource {
  readonly mode: CassetteMode;
  readonly missing: ReplayMissing;
  readonly directory: string;
  readonly shownAs: string;
  /** When the cassettes were recorded in another eval (dataset, agents, models, epochs or seed): what they were. */
  readonly mismatch: string | undefined;
  readonly #eval: RecordedEval;
  readonly #recorded: ReadCassettes | undefined;
  readonly #redact: Redactor;
  readonly #cells = new AsyncLocalStorage<CellTape>();
  readonly #summary: CassetteSummary;

  constructor(options: CassetteDeckOptions, recorded: ReadCassettes | undefined) {
    this.mode = options.mode;
    this.missing = options.missing ?? 'error';
    this.directory = options.directory;
    this.shownAs = options.shownAs ?? options.directory;
    this.#eval = options.eval;
    this.#recorded = recorded;
    this.#redact = secretRedactor(options.secrets ?? []);
    const others = (recorded?.headers ?? []).filter((header) => canonicalJson({ dataset: header.dataset, matrix: header.matrix }) !== canonicalJson(options.eval));
    this.mismatch =
      others.length === 0
        ? undefined
        : `the cassettes in ${this.shownAs} were recorded from ${describeEval(others[0]!)}${others.length > 1 ? ` (and ${others.length - 1} other eval${others.length === 2 ? '' : 's'})` : ''}; this eval runs ${describeEval(options.eval)}`;
    this.#summary = { mode: this.mode, missing: this.missing, directory: this.shownAs, cells: 0, replayed: 0, recorded: 0, missed: 0, liveUsage: {} };
  }

  /** Whether model calls may reach an endpoint: recording, or replaying with `missing: 'record'`. */
  get needsEndpoint(): boolean {
    return this.mode === 'record' || this.missing === 'record';
  }

  /** The base URL a `sim:` model gets when no endpoint is needed: nothing is started and nothing dialled. */
  get offlineSimBaseURL(): string | undefined {
    return this.needsEndpoint ? undefined : REPLAY_SIM_BASE_URL;
  }

  /** Runs a cell's work with its tape: every model call made inside it, however deep, is taped. */
  runCell<T>(cell: CellIdentity, work: (tape: CellTape) => Promise<T>): Promise<T> {
    const tape = new CellTape(cell, this.#recorded?.cells.get(cellKey(cell)), {
      replay: this.mode === 'replay',
      missing: this.missing,
      redact: this.#redact,
      missContext: this.mismatch,
      directory: this.shownAs,
    });
    return this.#cells.run(tape, () => work(tape));
  }

  currentTape(): CellTape | undefined {
    return this.#cells.getStore();
  }

  /** A client's fetch, taped. */
  fetchFor<F extends (input: string | URL | Request, init?: RequestInit) => Promise<Response>>(baseURL: string, fetch: F): F {
    return tapedFetch(this, baseURL, fetch) as F;
  }

  /**
   * Ends a cell: counts what it did and, when it was recorded (wholly, or partly with
   * `missing: 'record'`), writes its cassette with the cell's wall time. A cell cut short by the
   * eval's stop is not written (it runs again on --resume).
   */
  async finishCell(tape: CellTape, outcome: { latencyMs: number; cutShort: boolean }): Promise<void> {
    if (outcome.cutShort) return;
    this.#summary.cells++;
    this.#summary.replayed += tape.replayed;
    this.#summary.recorded += tape.live;
    this.#summary.missed += tape.misses.length;
    if (tape.live > 0) {
      const usage = (this.#summary.liveUsage[tape.cell.model] ??= { inputTokens: 0, outputTokens: 0 });
      usage.inputTokens += tape.liveUsage.inputTokens;
      usage.outputTokens += tape.liveUsage.outputTokens;
    }
    if (this.mode === 'replay' && tape.live === 0) return;
    await this.#write(tape, outcome.latencyMs);
  }

  summary(): CassetteSummary {
    return structuredClone(this.#summary);
  }

  async #write(tape: CellTape, latencyMs: number): Promise<void> {
    const file = path.join(this.directory, cellFileName(tape.cell));
    const header: Omit<HeaderLine, 'digest'> = { type: 'cassette', version: CASSETTE_VERSION, cell: tape.cell, ...this.#eval };
    const exchanges = tape.exchangeLines();
    const lines = [
      serializeLine(header),
      // Serialised, then redacted: a key that turned up in an answer is not written either.
      ...exchanges.map((line) => serializeLine(JSON.parse(this.#redact(JSON.stringify(line))) as Record<string, unknown>)),
      // Unrounded: a replay scores max_latency_ms on exactly this figure.
      serializeLine({ type: 'cell-end', exchanges: exchanges.length, latencyMs }),
    ];
    await mkdir(path.dirname(file), { recursive: true });
    // Written whole, then moved into place: a reader never sees half a cassette.
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, `${lines.join('\n')}\n`, 'utf8');
    await rename(temporary, file);
  }
}

/** Opens record or replay for an eval; replaying reads and checks every cassette first (a bad line throws, naming file and line). */
export async function openCassetteDeck(options: CassetteDeckOptions): Promise<CassetteDeck> {
  if (options.mode === 'record' && options.missing !== undefined) throw new CassetteError('AGENTLAB_CASSETTE_OPTIONS_INVALID', '--replay-missing goes with --replay, not --record');
  const recorded = options.mode === 'replay' ? await readCassettes(options.directory, options.shownAs ?? options.directory) : undefined;
  return new CassetteDeck(options, recorded);
}
