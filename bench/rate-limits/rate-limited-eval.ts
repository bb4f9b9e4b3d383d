// Benchmark: an eval against a rate-limited endpoint. One simulator process enforcing 600 requests a
// minute as OpenAI does (429s with Retry-After and x-ratelimit-* headers), holding every call 200 ms;
// one `agentlab eval` of 1,000 single-call react cases with `rpm: 600` in its config and, at the same
// time, one `promptfoo eval` of the first 400 of them on an endpoint of the same kind (a simulator
// process each, so each side has its own full bucket and its 429s are its own: the simulator counts
// them). The two run together because both spend nearly all their time waiting on the limit (10 calls
// a second each; a few percent of a core), which halves the benchmark's minutes. Figures: agentlab's
// achieved rate as a share of the allowed one (target >= 0.9) and its error results (target 0);
// promptfoo's wall time, rate and error results beside them, informational, and the 429s each side
// met. One run each, not `--runs`: every run takes at least 100 s.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { formatNumber, type Benchmark, type Figure } from '../harness/index.js';
import { startSimProcess } from '../processes/index.js';
import { ensurePromptfoo } from '../versus-promptfoo/promptfoo-install.js';
import { replyCases, writeReplyDataset } from '../workloads/index.js';
import { CASES, CONCURRENCY, PROMPTFOO_CASES, RATE_SHARE_TARGET, RPM, SIM_LATENCY_MS } from './constants.js';
import { runLimitedAgentlabEval } from './limited-agentlab-eval.js';
import { runLimitedPromptfooEval } from './limited-promptfoo-eval.js';

const idealSeconds = (CASES / RPM) * 60;

/** Runs `measure` against a fresh rate-limited simulator process; also returns the requests it let in and refused with 429, from its last line. */
async function onLimitedSim<Result>(measure: (simBaseURL: string) => Promise<Result>): Promise<{ result: Result; admitted: number; refused: number }> {
  const sim = await startSimProcess({ latency: String(SIM_LATENCY_MS), rpm: RPM });
  let result: Result;
  try {
    result = await measure(sim.baseURL);
  } finally {
    await sim.close();
  }
  const counts = /let in (\d+) chat completions and refused (\d+) with 429/.exec(sim.output());
  if (!counts) throw new Error(`the simulator did not say how many requests it let in and refused: ${sim.output().slice(-500)}`);
  return { result, admitted: Number(counts[1]), refused: Number(counts[2]) };
}

export const rateLimitedEval: Benchmark = {
  name: 'rate-limits',
  description: `${formatNumber(CASES)} single-call cases against a simulator process limited to ${RPM} requests a minute (${SIM_LATENCY_MS} ms calls): agentlab eval with rpm: ${RPM} (achieved rate / allowed, errors) and, at the same time on an endpoint of its own, promptfoo on ${PROMPTFOO_CASES} of them (rate, errors)`,
  async run(context): Promise<Figure[]> {
    const promptfooEntryPoint = await ensurePromptfoo(context.log);
    const folder = await mkdtemp(path.join(os.tmpdir(), 'agentlab-bench-rate-limits-'));
    try {
      const dataset = path.join(folder, 'reply-cases.jsonl');
      await writeReplyDataset(dataset, CASES);
      const agentlabFolder = path.join(folder, 'agentlab');
      const promptfooFolder = path.join(folder, 'promptfoo');
      await mkdir(agentlabFolder);
      await mkdir(promptfooFolder);

      context.log(
        `agentlab: ${formatNumber(CASES)} cases at concurrency ${CONCURRENCY} with rpm: ${RPM} (at least ${formatNumber(idealSeconds)} s); at the same time promptfoo: ${formatNumber(PROMPTFOO_CASES)} of them at -j ${CONCURRENCY}, each on a simulator process of its own`,
      );
      const [agentlabSide, promptfooSide] = await Promise.all([
        onLimitedSim((simBaseURL) => runLimitedAgentlabEval({ dataset, simBaseURL, folder: agentlabFolder })),
        onLimitedSim((simBaseURL) => runLimitedPromptfooEval({ entryPoint: promptfooEntryPoint, cases: replyCases(PROMPTFOO_CASES), simBaseURL, folder: promptfooFolder })),
      ]);
      const { result: agentlab, admitted: agentlabAdmitted, refused: agentlabRefused } = agentlabSide;
      const { result: promptfoo, admitted: promptfooAdmitted, refused: promptfooRefused } = promptfooSide;
      const runSeconds = agentlab.runMs / 1000;
      const achievedRpm = (agentlab.totals.results / runSeconds) * 60;
      const share = achievedRpm / RPM;
      context.log(
        `agentlab: ${formatNumber(runSeconds)} s by the run's record, ${formatNumber(achievedRpm)} calls a minute (${formatNumber(share)} of ${RPM}), ${agentlab.totals.passed} passed, ${agentlab.totals.failed} failed, ${agentlab.totals.errors} errors; the simulator let in ${agentlabAdmitted} requests and refused ${agentlabRefused} with 429`,
      );
      const promptfooSeconds = promptfoo.process.wallMs / 1000;
      context.log(`promptfoo: ${formatNumber(promptfooSeconds)} s, ${promptfoo.successes} passed, ${promptfoo.failures} failed, ${promptfoo.errors} errors; the simulator let in ${promptfooAdmitted} requests and refused ${promptfooRefused} with 429${promptfoo.firstError ? ` (first: ${promptfoo.firstError})` : ''}`);

      const promptfooRpm = (promptfoo.successes / promptfooSeconds) * 60;
      return [
        {
          name: `rate-limited eval at rpm ${RPM}: achieved rate / allowed`,
          value: share,
          unit: '×',
          target: { comparison: '>=', value: RATE_SHARE_TARGET },
          detail: `${formatNumber(agentlab.totals.results)} results in ${formatNumber(runSeconds)} s by the run's own record = ${formatNumber(achievedRpm)} calls/min against ${RPM} allowed (ideal ${formatNumber(idealSeconds)} s); whole process ${formatNumber(agentlab.process.wallMs / 1000)} s; concurrency ${CONCURRENCY}, ${SIM_LATENCY_MS} ms calls; one run`,
        },
        {
          name: `rate-limited eval at rpm ${RPM}: error results`,
          value: agentlab.totals.errors,
          unit: 'results',
          target: { comparison: '<=', value: 0 },
          detail: `${agentlab.totals.passed} passed, ${agentlab.totals.failed} failed, ${agentlab.totals.errors} errors of ${formatNumber(CASES)}`,
        },
        {
          name: `rate-limited eval at rpm ${RPM}: 429s met`,
          value: agentlabRefused,
          unit: 'requests',
          target: null,
          detail: `requests the simulator refused with 429 during agentlab's eval (its own count); it let in ${formatNumber(agentlabAdmitted)} for ${formatNumber(CASES)} cases`,
        },
        {
          name: `promptfoo on the ${RPM}-rpm endpoint: passing calls / allowed rate`,
          value: promptfooRpm / RPM,
          unit: '×',
          target: null,
          detail: `promptfoo eval -j ${CONCURRENCY} of ${formatNumber(PROMPTFOO_CASES)} cases, its own 429 handling: ${formatNumber(promptfooSeconds)} s for the whole process, ${formatNumber(promptfooRpm)} passing calls/min; agentlab's whole process took ${formatNumber(agentlab.process.wallMs / 1000)} s for ${formatNumber(CASES)}`,
        },
        {
          name: `promptfoo on the ${RPM}-rpm endpoint: error results`,
          value: promptfoo.errors,
          unit: 'results',
          target: null,
          detail: `${promptfoo.successes} passed, ${promptfoo.failures} failed, ${promptfoo.errors} errors of ${formatNumber(PROMPTFOO_CASES)}${promptfoo.firstError ? `; first error: ${promptfoo.firstError}` : ''}`,
        },
        {
          name: `promptfoo on the ${RPM}-rpm endpoint: 429s met`,
          value: promptfooRefused,
          unit: 'requests',
          target: null,
          detail: `requests the simulator refused with 429 during promptfoo's eval (its own count); it let in ${formatNumber(promptfooAdmitted)} for ${formatNumber(PROMPTFOO_CASES)} cases`,
        },
      ];
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  },
};
