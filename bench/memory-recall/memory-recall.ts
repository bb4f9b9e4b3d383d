// Memory recall over 100,000 memories: LongTermMemory.recall as an agent's recall tool calls it (the
// query embedded by sim:strong over HTTP through the openai client, the sqlite-vec KNN in the store
// file, the recency and access re-rank, the accesses written back), timed one recall at a time.
// Target: p95 at most 50 ms.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openMemory } from '../../agents/index.js';
import { ModelProvider } from '../../models/index.js';
import { openStore, SqliteStoreBackend } from '../../store/index.js';
import { median, percentile, type Benchmark } from '../harness/index.js';
import { AGENTS, EMBEDDING_MODEL, MEMORY_COUNT, NAMESPACE, RECALL_K, RECALL_P95_TARGET_MS, RECALLS_PER_RUN, WARM_UP_RECALLS } from './constants.js';
import { fillMemories } from './fill-memories.js';
import { syntheticFact, syntheticQuestion } from './synthetic-facts.js';

export const memoryRecall: Benchmark = {
  name: 'memory-recall',
  description: `long-term memory recall (embed over HTTP, sqlite-vec KNN, re-rank) over ${MEMORY_COUNT.toLocaleString('en-US')} memories`,
  async run(context) {
    const directory = mkdtempSync(path.join(tmpdir(), 'agentlab-bench-memory-'));
    const storePath = path.join(directory, 'agentlab.db');
    const store = openStore(storePath);
    const provider = new ModelProvider({ latency: 'zero' });
    try {
      const now = Date.now();
      context.log(`memory-recall: filling ${MEMORY_COUNT.toLocaleString('en-US')} memories`);
      const filled = fillMemories(store, now);
      const { longTerm } = await openMemory({ store: new SqliteStoreBackend(store), provider, embeddingModel: EMBEDDING_MODEL, now: () => now });

      let question = 0;
      const cpuTimes: number[] = [];
      const recallOnce = async (): Promise<number> => {
        const index = (question++ * 7_727) % MEMORY_COUNT;
        const agent = AGENTS[question % AGENTS.length]!;
        const cpuBefore = process.cpuUsage();
        const started = performance.now();
        const recalled = await longTerm.recall(syntheticQuestion(index), { namespace: NAMESPACE, k: RECALL_K, ...(agent === '' ? {} : { agent }) });
        const elapsed = performance.now() - started;
        const cpu = process.cpuUsage(cpuBefore);
        cpuTimes.push((cpu.user + cpu.system) / 1000);
        if (recalled.length !== RECALL_K) throw new Error(`a recall returned ${recalled.length} memories, expected ${RECALL_K}`);
        // Every answer is checked: the best memory shares the question's words, as the fact asked about does.
        if (recalled[0]!.similarity < 0.5) throw new Error(`the best memory for "${syntheticQuestion(index)}" has similarity ${recalled[0]!.similarity.toFixed(2)}; expected one like "${syntheticFact(index)}"`);
        return elapsed;
      };
      for (let index = 0; index < WARM_UP_RECALLS; index++) await recallOnce();
      cpuTimes.length = 0;

      const runP95s: number[] = [];
      const all: number[] = [];
      for (let run = 1; run <= context.runs; run++) {
        context.log(`memory-recall: ${run}/${context.runs}`);
        const samples: number[] = [];
        for (let index = 0; index < RECALLS_PER_RUN; index++) samples.push(await recallOnce());
        runP95s.push(percentile(samples, 95));
        all.push(...samples);
      }
      store.close();
      const fileBytes = statSync(storePath).size;
      return [
        {
          name: `memory recall p95, ${MEMORY_COUNT.toLocaleString('en-US')} memories`,
          value: median(runP95s),
          unit: 'ms',
          target: { comparison: '<=', value: RECALL_P95_TARGET_MS },
          detail: `median over ${context.runs} runs of each run's p95 of ${RECALLS_PER_RUN} recalls (k ${RECALL_K}, 256-number vectors, one namespace, by agent or all); p50 ${median(all).toFixed(1)} ms over all`,
        },
        {
          name: 'memory recall CPU time, median',
          value: median(cpuTimes),
          unit: 'ms',
          target: null,
          detail: `this process's CPU time per recall (the simulator answering the embedding request included): it moves little when other processes take the cores, so a high p95 beside an unchanged CPU time means a busy machine; p95 ${percentile(cpuTimes, 95).toFixed(1)} ms`,
        },
        {
          name: `memory fill, ${MEMORY_COUNT.toLocaleString('en-US')} memories in one transaction`,
          value: filled.writeMs / 1000,
          unit: 's',
          target: null,
          detail: `rows and vec0 vectors written through Store.memories.addMany; embedding them with the simulator's hashing took ${(filled.embedMs / 1000).toFixed(1)} s more`,
        },
        {
          name: 'memory store bytes per memory',
          value: fileBytes / MEMORY_COUNT,
          unit: 'B',
          target: null,
          detail: `the store file after closing: the memories table, its index and the vec0 tables (1,024 bytes of each is the vector)`,
        },
      ];
    } finally {
      store.close();
      await provider.close();
      rmSync(directory, { recursive: true, force: true });
    }
  },
};
