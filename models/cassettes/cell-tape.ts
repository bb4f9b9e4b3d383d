// One cell's model calls while it runs: each request gets its key and its occurrence within the cell
// (the same request asked twice, by a retry or a loop, is answered in the order it was recorded), and
// is replayed from the cell's cassette, named as a miss, or sent to the endpoint and recorded.
import type { CellIdentity, ExchangeLine } from './cassette-lines.js';
import { describeRequest, keyedRequest, type CassetteRequest, type RequestInput } from './cassette-request.js';
import type { Redactor } from './redact-secrets.js';
import type { RecordedResponse } from './recorded-response.js';
import type { RecordedCell } from './read-cassettes.js';

export type TapeTurn =
  | { kind: 'replay'; response: RecordedResponse }
  /** Strict replay found no answer: `message` names the request and where it was looked for. */
  | { kind: 'miss'; message: string }
  /** Send it to the endpoint, then hand what happened to `finish`. */
  | { kind: 'record'; finish(response: RecordedResponse): void };

export interface TapePolicy {
  /** Answer from the recorded cell when it holds the request. */
  replay: boolean;
  /** What a request the cassette does not hold gets: a miss, or a live call that is recorded. */
  missing: 'error' | 'record';
  redact: Redactor;
  /** Why a request could not be found, beyond the cell's own file: the directory was recorded in another eval. */
  missContext: string | undefined;
  /** The cassette directory as shown to the user. */
  directory: string;
}

interface TapeEntry {
  key: string;
  occurrence: number;
  request: CassetteRequest;
  response?: RecordedResponse;
}

/** Token usage of an answer: a completion's `usage`, or a stream's usage chunk. */
function usageOf(response: RecordedResponse): { inputTokens: number; outputTokens: number } {
  let usage: { prompt_tokens?: unknown; completion_tokens?: unknown } | undefined;
  const body = response.body as { usage?: typeof usage } | undefined;
  if (body && typeof body === 'object' && body.usage) usage = body.usage;
  for (const event of response.events ?? []) {
    const data = 'data' in event ? (event.data as { usage?: typeof usage } | null) : undefined;
    if (data && typeof data === 'object' && data.usage) usage = data.usage;
  }
  return { inputTokens: Number(usage?.prompt_tokens) || 0, outputTokens: Number(usage?.completion_tokens) || 0 };
}

export class CellTape {
  readonly cell: CellIdentity;
  /** Answers served from the cassette, and calls sent to the endpoint (recorded), in this cell. */
  replayed = 0;
  live = 0;
  /** Tokens of the live calls' answers: what this cell actually spent. */
  readonly liveUsage = { inputTokens: 0, outputTokens: 0 };
  readonly misses: string[] = [];
  readonly #recorded: RecordedCell | undefined;
  readonly #policy: TapePolicy;
  readonly #counts = new Map<string, number>();
  readonly #entries: TapeEntry[] = [];
  #cellSignal: AbortSignal | undefined;

  constructor(cell: CellIdentity, recorded: RecordedCell | undefined, policy: TapePolicy) {
    this.cell = cell;
    this.#recorded = recorded;
    this.#policy = policy;
  }

  /** The cell's own stop (its timeout, the eval's stop): a call it aborts is told from one the client's timeout ended. */
  watch(signal: AbortSignal): void {
    this.#cellSignal = signal;
  }

  /** Whether the cell has been stopped: a call aborted now was stopped by the cell, not by its client's timeout. */
  get stopped(): boolean {
    return this.#cellSignal?.aborted === true;
  }

  /** The recorded cell's wall time, when every call of this one was replayed. */
  get recordedLatencyMs(): number | undefined {
    return this.#recorded && this.live === 0 && this.misses.length === 0 ? this.#recorded.latencyMs : undefined;
  }

  begin(input: RequestInput): TapeTurn {
    const { request, key } = keyedRequest(input, this.#policy.redact);
    const occurrence = this.#counts.get(key) ?? 0;
    this.#counts.set(key, occurrence + 1);
    const found: ExchangeLine | undefined = this.#policy.replay ? this.#recorded?.exchanges.get(key)?.[occurrence] : undefined;
    if (found) {
      this.replayed++;
      this.#entries.push({ key, occurrence, request, response: found.response });
      return { kind: 'replay', response: found.response };
    }
    if (this.#policy.replay && this.#policy.missing === 'error') {
      const message = this.#describeMiss(request, key, occurrence);
      this.misses.push(message);
      return { kind: 'miss', message };
    }
    const entry: TapeEntry = { key, occurrence, request };
    this.#entries.push(entry);
    this.live++;
    return {
      kind: 'record',
      finish: (response) => {
        if (entry.response) return;
        entry.response = response;
        const usage = usageOf(response);
        this.liveUsage.inputTokens += usage.inputTokens;
        this.liveUsage.outputTokens += usage.outputTokens;
      },
    };
  }

  /** The exchange lines to write, in the order the requests were made; a call still without an answer is `aborted`. */
  exchangeLines(): Array<Omit<ExchangeLine, 'digest'>> {
    return this.#entries.map((entry) => ({
      type: 'exchange',
      key: entry.key,
      occurrence: entry.occurrence,
      request: entry.request,
      response: entry.response ?? { outcome: 'aborted', error: 'the cell ended before the endpoint answered' },
    }));
  }

  #describeMiss(request: CassetteRequest, key: string, occurrence: number): string {
    const asked = `no recorded answer for ${describeRequest(request)}, key ${key}, occurrence ${occurrence + 1} in the cell`;
    let where: string;
    if (!this.#recorded) where = `${this.#policy.directory} has no cassette of this cell`;
    else {
      const held = this.#recorded.exchanges.get(key)?.length ?? 0;
      where = held === 0 ? `${this.#recorded.file} does not hold this request` : `${this.#recorded.file} holds it ${held} time${held === 1 ? '' : 's'} only`;
    }
    return `${asked}: ${where}${this.#policy.missContext ? ` (${this.#policy.missContext})` : ''}; record it with --replay-missing record, or again with --record`;
  }
}
