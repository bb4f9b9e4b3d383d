// The feedback loop through the CLI on a store file of its own: an eval of datasets/golden/lessons.jsonl
// on sim:weak without lessons fails the tally family and fills the review queue (--confidence-threshold);
// a reviewer corrects one tally answer with a lesson; the next eval, with lessons and the first run as
// its baseline, passes more of the family, leaves every control exactly as it was, and reports the
// paired comparison with an exact McNemar p-value below 0.05.
import { mkdtempSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../eval/index.js';
import type { ReviewRecord } from '../../store/index.js';
import { runRecorded } from '../test-support.js';

const directory = mkdtempSync(path.join(tmpdir(), 'agentlab-lessons-loop-'));
afterAll(() => rm(directory, { recursive: true, force: true }));
const store = path.join(directory, 'agentlab.db');
const dataset = path.resolve(import.meta.dirname, '../../datasets/golden/lessons.jsonl');
const lesson = '"Tally" means add up: use the calculator.';

async function evalRun(name: string, ...flags: string[]): Promise<JsonReport> {
  const report = path.join(directory, `${name}.json`);
  const run = await runRecorded(['eval', dataset, '--agents', 'react', '--models', 'sim:weak', '--latency', 'zero', '--store', store, '--quiet', '--json', report, ...flags], { cwd: directory });
  expect(run.exitCode, run.errorOutput).toBe(0);
  return JSON.parse(readFileSync(report, 'utf8')) as JsonReport;
}

/** Per case, the verdicts of its epochs in order: `PP.` */
function verdicts(report: JsonReport, tag: string): Map<string, string> {
  const byCase = new Map<string, string>();
  for (const result of [...report.results].sort((left, right) => (left.epoch ?? 0) - (right.epoch ?? 0))) {
    if (!result.tags?.includes(tag)) continue;
    byCase.set(result.caseId, (byCase.get(result.caseId) ?? '') + (result.status === 'pass' ? 'P' : '.'));
  }
  return byCase;
}

const passes = (byCase: Map<string, string>) => [...byCase.values()].join('').split('').filter((verdict) => verdict === 'P').length;

describe('corrections become lessons', () => {
  it('a correction of one tally answer makes the next eval pass more of the family, controls unchanged, McNemar p < 0.05', async () => {
    const before = await evalRun('before', '--no-lessons', '--confidence-threshold', '0.85');
    expect(before.run.config.lessons).toEqual({ enabled: false, namespace: 'default' });
    const familyBefore = verdicts(before, 'tally');
    expect(familyBefore.size).toBeGreaterThanOrEqual(10);
    expect(passes(familyBefore)).toBe(0);

    const queued = await runRecorded(['reviews', 'list', '--json', '--store', store]);
    const { queue, reviews } = JSON.parse(queued.output) as { queue: { pending: number }; reviews: ReviewRecord[] };
    const tally = reviews.find((review) => review.caseId === 'tally-18-27-41')!;
    expect(queue.pending).toBeGreaterThanOrEqual(familyBefore.size);
    expect(tally).toMatchObject({ kind: 'low_confidence', runId: before.run.id, goal: 'Tally 18, 27 and 41' });

    const corrected = await runRecorded(['reviews', 'correct', tally.id, '--answer', '86', '--note', lesson, '--by', 'ana', '--store', store]);
    expect(corrected.exitCode, corrected.errorOutput).toBe(0);
    expect(corrected.output).toContain(`Lesson recorded in episode 1 (namespace default): ${lesson}`);

    const after = await evalRun('after', '--baseline', before.run.id);
    expect(after.run.config.lessons).toEqual({ enabled: true, namespace: 'default' });
    const familyAfter = verdicts(after, 'tally');
    expect(passes(familyAfter)).toBeGreaterThan(passes(familyBefore) + 10);
    expect(verdicts(after, 'control')).toEqual(verdicts(before, 'control'));
    expect(after.comparison).toMatchObject({ baselineRunId: before.run.id, result: { verdict: 'improved', b: 0 } });
    expect(after.comparison!.result.pValue).toBeLessThan(0.05);
    expect(after.comparison!.result.flipped.improvements.every((flip) => flip.caseId.startsWith('tally-'))).toBe(true);
  });
});
