// content_runs in a real store file: a run recorded twice is one row, and the report's reads come
// back by finish time with every field as it was written.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContentRunRecord } from './content-run-records.js';
import { openStore } from './open-store.js';
import { temporaryDirectories } from './test-fixtures.js';

const directories = temporaryDirectories();
afterEach(() => directories.removeAll());

function contentRun(overrides: Partial<ContentRunRecord> = {}): ContentRunRecord {
  return {
    pieceId: 'photosynthesis-for-ap-biology',
    topic: 'Photosynthesis for AP Biology',
    workerId: 'host:1:1',
    startedAt: 1_000,
    finishedAt: 5_000,
    status: 'published',
    confidence: 0.96,
    claimsChecked: 5,
    claimsSupported: 5,
    costUsd: 0.0123,
    workers: {
      supervisor: { model: 'sim:weak', modelCalls: 5, toolCalls: 0, inputTokens: 900, outputTokens: 60, costUsd: 0.001 },
      researcher: { model: 'sim:strong', modelCalls: 3, toolCalls: 2, inputTokens: 1_200, outputTokens: 80 },
    },
    stageLatencyMs: { research: 120, write: 40, 'fact-check': 300, format: 50, publish: 2 },
    stagesRun: ['research', 'write', 'fact-check', 'format', 'publish'],
    traceId: '0af7651916cd43dd8448eb211c80319c',
    ...overrides,
  };
}

describe('store.contentRuns', () => {
  it('keeps a run once, whoever adds it again, and gives back every field', () => {
    const path = join(directories.make(), 'agentlab.db');
    const store = openStore(path);
    const run = contentRun();
    store.contentRuns.add(run);
    store.contentRuns.add({ ...run, status: 'failed', reason: 'a second write of the same run' });
    expect(store.contentRuns.forPiece(run.pieceId)).toEqual([run]);
    store.close();

    const other = openStore(path);
    expect(other.contentRuns.list()).toEqual([run]);
    other.close();
  });

  it('lists by finish time within [since, until), and keeps optional fields absent', () => {
    const store = openStore(join(directories.make(), 'agentlab.db'));
    const reviewed = contentRun({ workerId: 'host:1:2', startedAt: 6_000, finishedAt: 9_000, status: 'in_review', confidence: 0.77, reviewId: 'r1' });
    const failed = contentRun({ pieceId: 'cells', topic: 'Cells', startedAt: 500, finishedAt: 7_000, status: 'failed', reason: 'budget_exceeded: 40 model calls' });
    delete failed.confidence;
    delete failed.claimsChecked;
    delete failed.claimsSupported;
    delete failed.traceId;
    store.contentRuns.add(reviewed);
    store.contentRuns.add(contentRun());
    store.contentRuns.add(failed);

    expect(store.contentRuns.list().map((run) => run.finishedAt)).toEqual([5_000, 7_000, 9_000]);
    expect(store.contentRuns.list({ since: 5_001, until: 9_000 })).toEqual([failed]);
    expect(store.contentRuns.list({ limit: 1 })).toEqual([contentRun()]);
    expect(store.contentRuns.forPiece('photosynthesis-for-ap-biology').map((run) => run.status)).toEqual(['published', 'in_review']);
    expect(store.contentRuns.forPiece('unknown')).toEqual([]);
    store.close();
  });
});
