// Benchmark: the same 2,000 single-turn cases evaluated by agentlab and by promptfoo (pinned), each
// as its own process against one simulator process with zero latency, alternating runs at two
// concurrencies. Targets: agentlab takes at most a quarter of promptfoo's wall time, and at most
// 150 MiB peak RSS.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { alternate, formatNumber, type Benchmark, type Figure } from '../harness/index.js';
import { startSimProcess } from '../processes/index.js';
import { runAgentlabEval } from './agentlab-eval.js';
import { CASES, CONCURRENCIES, MAX_RUNS, PROMPTFOO_VERSION, WARMUP_CASES } from './constants.js';
import { writeEvalInputs } from './eval-inputs.js';
import type { EvalSample } from './eval-sample.js';
import { ensurePromptfoo } from './promptfoo-install.js';
import { runPromptfooEval } from './promptfoo-eval.js';
import { replyCases } from '../workloads/index.js';
import { versusFigures } from './versus-figures.js';

export const versusPromptfoo: Benchmark = {
  name: 'versus-promptfoo',
  description: `${formatNumber(CASES)} single-turn cases on one sim process (latency zero): agentlab eval vs promptfoo ${PROMPTFOO_VERSION} eval, wall time and peak RSS`,
  async run(context): Promise<Figure[]> {
    const runs = Math.min(context.runs, MAX_RUNS);
    const promptfooEntryPoint = await ensurePromptfoo(context.log);
    const workDirectory = await mkdtemp(path.join(os.tmpdir(), 'agentlab-versus-promptfoo-'));
    const sim = await startSimProcess({ latency: 'zero' });
    try {
      const cases = replyCases(CASES);
      const inputs = await writeEvalInputs(workDirectory, cases, sim.baseURL);
      let runCount = 0;
      // Every run gets an empty folder (a fresh store or promptfoo database), removed once checked.
      const inFreshFolder = (tool: string, measure: (runDirectory: string) => Promise<EvalSample>) => async () => {
        const runDirectory = path.join(workDirectory, `${(runCount += 1)}-${tool}`);
        await mkdir(runDirectory);
        try {
          return await measure(runDirectory);
        } finally {
          await rm(runDirectory, { recursive: true, force: true });
        }
      };
      const figures: Figure[] = [];
      // One warm-up run of each on a few cases, before the first concurrency only, brings both
      // tools' files into the page cache and warms the simulator; each run is a new process, so
      // there is no JIT state of theirs to warm.
      const warmupCases = replyCases(WARMUP_CASES);
      const warmupInputs = await writeEvalInputs(await mkdtemp(path.join(workDirectory, 'warm-up-')), warmupCases, sim.baseURL);
      context.log(`warm-up: one run of each on ${formatNumber(WARMUP_CASES)} cases`);
      await inFreshFolder('promptfoo', (runDirectory) =>
        runPromptfooEval({ entryPoint: promptfooEntryPoint, configPath: warmupInputs.promptfooConfigPath, cases: warmupCases, concurrency: CONCURRENCIES[0], runDirectory }),
      )();
      await inFreshFolder('agentlab', (runDirectory) =>
        runAgentlabEval({ datasetPath: warmupInputs.datasetPath, cases: warmupCases, concurrency: CONCURRENCIES[0], simBaseURL: sim.baseURL, runDirectory }),
      )();
      for (const [index, concurrency] of CONCURRENCIES.entries()) {
        context.log(`concurrency ${concurrency}: ${runs} measured alternations of promptfoo and agentlab`);
        const samples = await alternate(
          inFreshFolder('promptfoo', (runDirectory) =>
            runPromptfooEval({ entryPoint: promptfooEntryPoint, configPath: inputs.promptfooConfigPath, cases, concurrency, runDirectory }),
          ),
          inFreshFolder('agentlab', (runDirectory) => runAgentlabEval({ datasetPath: inputs.datasetPath, cases, concurrency, simBaseURL: sim.baseURL, runDirectory })),
          runs,
          {
            warmup: 0,
            onRun: (run, total, latest) =>
              context.log(
                `concurrency ${concurrency}, run ${run}/${total}: promptfoo ${formatNumber(latest.a.wallMs / 1000)} s, agentlab ${formatNumber(latest.b.wallMs / 1000)} s, all ${formatNumber(CASES)} cases passed on both`,
              ),
          },
        );
        const howRun =
          `medians of ${runs} alternating runs (--runs capped at ${MAX_RUNS}), ` +
          `${index === 0 ? `after a warm-up run of each on ${formatNumber(WARMUP_CASES)} cases` : 'no warm-up of its own'}, ${formatNumber(CASES)} cases each`;
        figures.push(...versusFigures(concurrency, samples, howRun));
      }
      return figures;
    } finally {
      await sim.close();
      await rm(workDirectory, { recursive: true, force: true });
    }
  },
};
