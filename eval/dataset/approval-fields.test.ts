// A case's approval policy and expected approvals, from JSONL and from CSV (a JSON object cell and a
// `;` list), and a bad decision refused with the line and field.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDataset } from './index.js';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-dataset-'));
});
afterEach(() => rm(directory, { recursive: true, force: true }));

async function load(name: string, content: string) {
  await writeFile(path.join(directory, name), content);
  return loadDataset(name, { cwd: directory });
}

const policy = { 'delete_*': 'approve', send_email: { decision: 'reject', reason: 'no mail from tests' } };

describe('approval fields', () => {
  it('reads the policy and the expected approvals from JSONL and from CSV alike', async () => {
    const jsonl = await load('cases.jsonl', `${JSON.stringify({ id: 'a', goal: 'Delete old-report.txt', approvals: policy, expected_approvals: ['delete_file', 'send_email'] })}\n`);
    const cell = JSON.stringify(policy).replaceAll('"', '""');
    const csv = await load('cases.csv', `id,goal,approvals,expected_approvals\na,Delete old-report.txt,"${cell}",delete_file;send_email\n`);
    for (const dataset of [jsonl, csv]) {
      expect(dataset.cases[0]).toMatchObject({ approvals: policy, expected_approvals: ['delete_file', 'send_email'] });
    }
  });

  it('refuses a decision other than approve or reject, naming the line and the field', async () => {
    const error = await load('cases.jsonl', `# approvals\n${JSON.stringify({ id: 'a', goal: 'Delete old-report.txt', approvals: { delete_file: 'maybe' } })}\n`).then(
      () => new Error('loaded'),
      (thrown: unknown) => thrown as Error,
    );
    expect(error.name).toBe('DatasetError');
    expect(error.message).toContain('cases.jsonl:2');
    expect(error.message).toContain('approvals.delete_file');
    expect(error.message).toContain('expected "approve", "reject" or { "decision": "approve" | "reject", "reason": "…" }');
  });
});
