// Approval gates in `agentlab eval`: the bundled approvals dataset passes unattended (each gated call
// answered by its case's policy, decided_by policy), and expected_approvals fails with its reason when
// a listed tool ran pre-approved by the case's allow, or was never reached.
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseResultRecord } from '../../store/index.js';
import { runRecorded } from '../test-support.js';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-eval-approvals-'));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

async function evaluate(dataset: string, agents: string): Promise<{ exitCode: number; results: CaseResultRecord[] }> {
  const report = path.join(directory, `${path.basename(dataset)}.json`);
  const { exitCode } = await runRecorded(
    ['eval', dataset, '--agents', agents, '--models', 'sim:strong', '--epochs', '1', '--latency', 'zero', '--store', path.join(directory, 'agentlab.db'), '--json', report],
    { cwd: repositoryRoot, env: {} },
  );
  return { exitCode, results: (JSON.parse(await readFile(report, 'utf8')) as { results: CaseResultRecord[] }).results };
}

const approvalsCheck = (result: CaseResultRecord | undefined) => result?.checks.find((check) => check.check === 'approvals');

describe('agentlab eval with approval policies', () => {
  it('answers every gate from the case policy and passes the bundled approvals dataset', async () => {
    const { exitCode, results } = await evaluate('datasets/golden/approvals.jsonl', 'react,plan-execute,supervisor');
    expect(exitCode).toBe(0);
    expect(results.map((result) => `${result.caseId} ${result.agent} ${result.status}`).sort()).toEqual([
      'approvals-delete-approved react pass',
      'approvals-delete-without-policy plan-execute pass',
      'approvals-email-rejected plan-execute pass',
      'approvals-email-rejected react pass',
      'approvals-email-rejected supervisor pass',
    ]);
    const byCase = (caseId: string, agent: string) => results.find((result) => result.caseId === caseId && result.agent === agent);
    expect(approvalsCheck(byCase('approvals-delete-approved', 'react'))?.reason).toBe('asked before delete_file (approved by policy)');
    expect(byCase('approvals-email-rejected', 'react')?.output).toContain('rejected by policy: no mail from tests');
    expect(approvalsCheck(byCase('approvals-delete-without-policy', 'plan-execute'))?.reason).toMatch(/^asked before delete_file \(rejected by policy: no approval policy for delete_file/);
  });

  it('fails expected_approvals, saying why, when the tool ran pre-approved or was never reached', async () => {
    const cases = [
      { id: 'allowed', goal: 'Delete old-report.txt', allow: ['read', 'write', 'destructive'], expected_approvals: ['delete_file'] },
      { id: 'unreached', goal: 'Who created Python?', approvals: { 'delete_*': 'approve' }, expected_approvals: ['delete_file'] },
    ];
    const dataset = path.join(directory, 'failing.jsonl');
    await writeFile(dataset, cases.map((item) => JSON.stringify(item)).join('\n'));
    const { exitCode, results } = await evaluate(dataset, 'react');
    expect(exitCode).toBe(0);
    const reasons = Object.fromEntries(results.map((result) => [result.caseId, approvalsCheck(result)]));
    expect(reasons.allowed).toMatchObject({ passed: false, reason: 'expected approval to be asked before delete_file; delete_file ran without being asked about: its permission was allowed or it needs no approval' });
    expect(reasons.unreached).toMatchObject({ passed: false, reason: 'expected approval to be asked before delete_file; delete_file was never reached' });
    expect(results.every((result) => result.status === 'fail')).toBe(true);
  });
});
