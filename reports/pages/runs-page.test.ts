// The runs list names datasets by their short name with the full path on hover and in the JSON twin,
// and tells an interrupted run apart, with the command that finishes it.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.js';
import type { Store } from '../../store/index.js';
import { buildApp } from '../app.js';
import { caseResult, getJson, runRecord } from '../test-support.js';
import type { RunsPageData } from './runs-page.js';

let store: Store;
let app: FastifyInstance;
const nightlyPath = '/work/main/dist/datasets/golden/agent-tasks.jsonl';
const stagingPath = '/work/main/staging/agent-tasks.jsonl';

beforeAll(async () => {
  store = openStore(':memory:');
  store.createRun(runRecord({ id: 'run-nightly', startedAt: Date.UTC(2026, 0, 1, 3), datasetPath: nightlyPath }));
  store.createRun(runRecord({ id: 'run-stopped', startedAt: Date.UTC(2026, 0, 2, 3), datasetPath: stagingPath, status: 'running', plannedResults: 4 }));
  store.addCaseResult(caseResult({ runId: 'run-nightly' }));
  store.addCaseResult(caseResult({ runId: 'run-stopped' }));
  store.finishRun('run-stopped', 'interrupted', Date.UTC(2026, 0, 2, 3, 1));
  app = buildApp({ store });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  store?.close();
});

describe('runs page', () => {
  it('names each dataset by the shortest tail that tells it apart, keeping the full path in the JSON twin', async () => {
    const data = await getJson<RunsPageData>(app, '/api/runs');
    expect(data.runs.map((run) => [run.id, run.datasetPath, run.datasetName])).toEqual([
      ['run-stopped', stagingPath, 'staging/agent-tasks.jsonl'],
      ['run-nightly', nightlyPath, 'golden/agent-tasks.jsonl'],
    ]);
    expect(data.datasets).toEqual([
      { path: stagingPath, name: 'staging/agent-tasks.jsonl' },
      { path: nightlyPath, name: 'golden/agent-tasks.jsonl' },
    ]);
    const page = (await app.inject({ url: '/' })).body;
    expect(page).toContain(`<span class="dataset-name" title="${nightlyPath}">golden/agent-tasks.jsonl</span>`);
    expect(page).toContain(`<option value="${stagingPath}" title="${stagingPath}">staging/agent-tasks.jsonl</option>`);
    expect(page).not.toContain(`>${nightlyPath}<`);
  });

  it('marks an interrupted run and says how to finish it', async () => {
    const data = await getJson<RunsPageData>(app, '/api/runs');
    expect(data.runs[0]).toMatchObject({ id: 'run-stopped', status: 'interrupted', resumeCommand: 'agentlab eval --resume run-stopped' });
    expect(data.runs[1]!.resumeCommand).toBeUndefined();
    const page = (await app.inject({ url: '/' })).body;
    expect(page).toContain('title="Stopped before it finished. Finish it with: agentlab eval --resume run-stopped">interrupted</span>');
    expect(page).toContain('Interrupted after 1 of 4 results. Finish it with <code class="resume-command">agentlab eval --resume run-stopped</code>');
    expect(page.match(/class="run-note"/g)).toHaveLength(1);
  });

  it('counts runs in words that agree with the number', async () => {
    expect((await app.inject({ url: '/' })).body).toContain('Page 1 of 1 · 2 runs');
    expect((await app.inject({ url: '/?status=interrupted' })).body).toContain('Page 1 of 1 · 1 run<');
  });
});
