// Every benchmark `npm run bench` runs, in order. Add a new one here.
import { agentOverhead } from './agent-overhead/index.js';
import { contentThroughput } from './content/index.js';
import { evalConcurrency } from './eval-concurrency/index.js';
import { evalLatencyScale } from './eval-latency-scale/index.js';
import { evalScale } from './eval-scale/index.js';
import { memoryRecall } from './memory-recall/index.js';
import type { Benchmark } from './harness/index.js';
import { modelProxy } from './model-proxy/index.js';
import { queueOverhead } from './queue/index.js';
import { rateLimitedEval } from './rate-limits/index.js';
import { recordReplay } from './record-replay/index.js';
import { postgresWriters } from './postgres-writers/index.js';
import { otlpIngest, reportPages, reportPagesPostgres, tracesPage } from './reports/index.js';
import { simulatorConcurrency, simulatorOverhead, simulatorStreamingOverhead } from './simulator/index.js';
import { tracingOverhead } from './tracing/index.js';
import { transportComparison } from './transport/index.js';
import { versusBareClient } from './versus-bare-client/index.js';
import { versusEvalite } from './versus-evalite/index.js';
import { versusPromptfoo } from './versus-promptfoo/index.js';

export const benchmarks: readonly Benchmark[] = [
  versusPromptfoo,
  versusBareClient,
  versusEvalite,
  agentOverhead,
  evalConcurrency,
  evalScale,
  evalLatencyScale,
  simulatorOverhead,
  simulatorStreamingOverhead,
  simulatorConcurrency,
  transportComparison,
  tracingOverhead,
  reportPages,
  reportPagesPostgres,
  postgresWriters,
  tracesPage,
  otlpIngest,
  modelProxy,
  memoryRecall,
  queueOverhead,
  contentThroughput,
  rateLimitedEval,
  recordReplay,
];
