// Benchmark: spans per second the report server's OTLP receiver stores, OTLP/JSON and OTLP/protobuf
// side by side. The app from buildApp listens on loopback; INGEST_CONCURRENCY clients post
// SPANS_PER_REQUEST-span bodies over keep-alive connections into a fresh store in a temporary
// folder. A request's time includes the receiver's decoding, the normaliser, and the SQLite insert
// of the spans and their traces' totals (the route answers after Store.writeSpans), not the
// building of the bodies: every run's bodies are built before the first one is timed, so neither
// that work nor its garbage falls inside a timed run. The requests come from agentlab and five
// foreign stacks in turn (otlp-payloads.ts): first without content, the target's case, then with
// the content each stack records by default, informational and over fewer runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pLimit from 'p-limit';
import { buildApp } from '../../reports/index.js';
import { openStore } from '../../store/index.js';
import type { Store } from '../../store/index.js';
import type { SpanRecord } from '../../tracing/index.js';
import { alternate, median } from '../harness/index.js';
import type { Benchmark, BenchmarkContext, Figure } from '../harness/index.js';
import { CONTENT_INGEST_RUNS, INGEST_CONCURRENCY, INGEST_SPANS_PER_SECOND_TARGET, INGEST_WARMUP_RUNS, REQUESTS_PER_INGEST_RUN, SPANS_PER_REQUEST } from './constants.js';
import { GcRecorder } from './gc-recorder.js';
import { post } from './loopback-post.js';
import { OtlpPayloadMaker, payloadServices } from './otlp-payloads.js';
import type { OtlpFormat, PayloadContent } from './otlp-payloads.js';
import { createRandomSource } from './random-source.js';
import { storedSpanCount } from './store-size.js';

interface IngestSample {
  spansPerSecond: number;
  /** Process CPU time (user and system, client included) per span: moves less than the rate when other processes take the cores. */
  cpuMicrosPerSpan: number;
  /** Share of the run's wall time spent in GC pauses. */
  gcShare: number;
  requestMs: number[];
  bytesPerRequest: number;
}

/** One run's request bodies; only the last request's spans are kept, to read back from the store. */
interface PreparedRun {
  format: OtlpFormat;
  contentType: string;
  bodies: Buffer[];
  lastSpans: SpanRecord[];
}

interface Receiver {
  url: URL;
  agent: Agent;
  store: Store;
  gc: GcRecorder;
}

function prepareRuns(maker: OtlpPayloadMaker, format: OtlpFormat, count: number): PreparedRun[] {
  return Array.from({ length: count }, () => {
    const payloads = Array.from({ length: REQUESTS_PER_INGEST_RUN }, () => maker.next(format, SPANS_PER_REQUEST));
    return { format, contentType: payloads[0]!.contentType, bodies: payloads.map((payload) => payload.body), lastSpans: payloads.at(-1)!.spans };
  });
}

async function ingestRun(receiver: Receiver, run: PreparedRun): Promise<IngestSample> {
  const limit = pLimit(INGEST_CONCURRENCY);
  const requestMs: number[] = [];
  const cpuAtStart = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    run.bodies.map((body) =>
      limit(async () => {
        const requestStarted = performance.now();
        const answer = await post(receiver.url, body, run.contentType, receiver.agent);
        requestMs.push(performance.now() - requestStarted);
        if (answer.statusCode !== 200) throw new Error(`POST ${receiver.url} (${run.format}) answered ${answer.statusCode}: ${answer.body.slice(0, 300)}`);
      }),
    ),
  );
  const ended = performance.now();
  const seconds = (ended - started) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  const gcMs = await receiver.gc.pausedMs(started, ended);
  checkStored(receiver.store, run.format, run.lastSpans);
  const spans = run.bodies.length * SPANS_PER_REQUEST;
  const bytes = run.bodies.reduce((sum, body) => sum + body.length, 0);
  return { spansPerSecond: spans / seconds, cpuMicrosPerSpan: (cpu.user + cpu.system) / spans, gcShare: gcMs / (seconds * 1000), requestMs, bytesPerRequest: bytes / run.bodies.length };
}

/** Reads back the traces of a request just sent: every span must be in the store, attributes intact. */
function checkStored(store: Store, format: OtlpFormat, spans: readonly SpanRecord[]): void {
  const sent = new Map<string, number>();
  for (const span of spans) sent.set(span.traceId, (sent.get(span.traceId) ?? 0) + 1);
  const sample = spans[0]!;
  for (const [traceId, count] of sent) {
    const stored = store.spans(traceId);
    // A trace cut at the end of one request continues in the next; at least what this one sent must be there.
    if (stored.length < count) throw new Error(`trace ${traceId}: sent ${count} spans (${format}), the store holds ${stored.length}`);
    const match = stored.find((span) => span.spanId === sample.spanId);
    if (traceId === sample.traceId && JSON.stringify(match?.attributes) !== JSON.stringify(sample.attributes)) {
      throw new Error(`span ${sample.spanId} (${format}) came back with other attributes: ${JSON.stringify(match?.attributes)}`);
    }
  }
}

const contentNames: Record<PayloadContent, string> = {
  none: 'no content recorded (agentlab\'s default; the others told not to)',
  default: 'content as each stack records it by default (prompts, messages, tool arguments and results)',
};

function ingestFigure(format: OtlpFormat, content: PayloadContent, samples: IngestSample[], runs: number): Figure {
  const requestMs = samples.flatMap((sample) => sample.requestMs);
  const bytes = median(samples.map((sample) => sample.bytesPerRequest));
  const formatName = format === 'json' ? 'JSON' : 'protobuf';
  return {
    name: content === 'none' ? `OTLP ingest, ${formatName}` : `OTLP ingest with content, ${formatName}`,
    value: median(samples.map((sample) => sample.spansPerSecond)),
    unit: 'spans/s',
    target: content === 'none' ? { comparison: '>=', value: INGEST_SPANS_PER_SECOND_TARGET } : null,
    detail:
      `median of ${runs} runs alternating with the other format; ${REQUESTS_PER_INGEST_RUN} POSTs of ${SPANS_PER_REQUEST} spans, ${INGEST_CONCURRENCY} in flight, loopback keep-alive; ` +
      `each POST one service's batch, ${payloadServices.length} stacks in turn (${payloadServices.join(', ')}); ${contentNames[content]}; ` +
      `body ${(bytes / 1024).toFixed(0)} KiB (${Math.round(bytes / SPANS_PER_REQUEST)} B/span); request p50 ${median(requestMs).toFixed(1)} ms; ` +
      `process CPU ${median(samples.map((sample) => sample.cpuMicrosPerSpan)).toFixed(1)} µs/span, client included; GC ${(100 * median(samples.map((sample) => sample.gcShare))).toFixed(0)}% of the time`,
  };
}

/** JSON and protobuf runs, alternating, into a fresh store of their own; every span sent must be stored. */
async function measureIngest(context: BenchmarkContext, content: PayloadContent, runs: number): Promise<Figure[]> {
  const folder = mkdtempSync(join(tmpdir(), 'agentlab-bench-otlp-'));
  const path = join(folder, 'agentlab.db');
  const store = openStore(path);
  const agent = new Agent({ keepAlive: true, maxSockets: INGEST_CONCURRENCY });
  const gc = new GcRecorder();
  const label = content === 'none' ? 'otlp ingest' : 'otlp ingest with content';
  let app: ReturnType<typeof buildApp> | undefined;
  try {
    app = buildApp({ store });
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const receiver: Receiver = { url: new URL('/v1/traces', address), agent, store, gc };
    const maker = new OtlpPayloadMaker(createRandomSource(7), content);
    const runCount = runs + INGEST_WARMUP_RUNS;
    const prepared = { json: prepareRuns(maker, 'json', runCount), protobuf: prepareRuns(maker, 'protobuf', runCount) };
    const sent = runCount * 2 * REQUESTS_PER_INGEST_RUN * SPANS_PER_REQUEST;
    context.log(`${label}: built ${runCount * 2 * REQUESTS_PER_INGEST_RUN} request bodies, ${sent.toLocaleString('en-US')} spans`);
    const samples = await alternate(
      () => ingestRun(receiver, prepared.json.shift()!),
      () => ingestRun(receiver, prepared.protobuf.shift()!),
      runs,
      {
        warmup: INGEST_WARMUP_RUNS,
        onRun: (run, total, { a, b }) =>
          context.log(`${label}: ${run}/${total}: JSON ${Math.round(a.spansPerSecond).toLocaleString('en-US')}, protobuf ${Math.round(b.spansPerSecond).toLocaleString('en-US')} spans/s`),
      },
    );
    const stored = storedSpanCount(path);
    if (stored !== sent) throw new Error(`sent ${sent} spans, the store holds ${stored}`);
    return [ingestFigure('json', content, samples.a, runs), ingestFigure('protobuf', content, samples.b, runs)];
  } finally {
    gc.stop();
    agent.destroy();
    await app?.close();
    store.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

export const otlpIngest: Benchmark = {
  name: 'otlp-ingest',
  description: 'OTLP/HTTP receiver of the report server: spans stored per second, JSON and protobuf, from agentlab and five foreign stacks, decode, normaliser and SQLite insert included',
  async run(context) {
    const withoutContent = await measureIngest(context, 'none', context.runs);
    const withContent = await measureIngest(context, 'default', Math.min(context.runs, CONTENT_INGEST_RUNS));
    return [...withoutContent, ...withContent];
  },
};
