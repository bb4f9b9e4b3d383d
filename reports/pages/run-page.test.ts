// The run page on a run of 10,000 results: its HTML stays small (a page of results, not the run),
// the right page of results and the filter's total come back, every filter (the old status, case,
// agent and model, and tag, free text, page) narrows in SQL as a plain reading of the results would,
// the tabs and the summary count flaky cells alike, and the summary, tabs and pager link to
// filtered results. Each row carries its case card: goal, expectations and every check's verdict.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.js';
import type { CaseResultRecord, Store } from '../../store/index.js';
import { buildApp } from '../app.js';
import { caseResult, getJson, runRecord } from '../test-support.js';
import type { RunPageData } from './run-page.js';

const runId = 'run-big';
const caseCount = 500;
const agents = ['react', 'pipeline'];
const models = ['sim:strong', 'sim:weak'];
const epochs = 5;
const datasetHash = 'hash-big';

const caseId = (index: number) => `case-${String(index).padStart(3, '0')}`;
const tagsOf = (index: number) => (index % 3 === 0 ? ['search'] : index % 3 === 1 ? ['math'] : ['files', 'slow']);

/** Case 3, 13, 23… always fail; 5, 15, 25… fail on even epochs (flaky); one epoch of every 50th case from 7 errors. */
function statusOf(index: number, epoch: number): CaseResultRecord['status'] {
  if (index % 50 === 7 && epoch === 1) return 'error';
  if (index % 10 === 3) return 'fail';
  if (index % 10 === 5 && epoch % 2 === 0) return 'fail';
  return 'pass';
}

function bigResult(index: number, agent: string, model: string, epoch: number): CaseResultRecord {
  const status = statusOf(index, epoch);
  return caseResult({
    runId,
    caseId: caseId(index),
    agent,
    model,
    epoch,
    status,
    checks: [
      { check: 'completed', passed: status !== 'error', reason: status === 'error' ? 'the run ended in an error' : 'the run completed' },
      status === 'fail'
        ? { check: 'output_contains', passed: false, reason: `the answer lacks "${index * 7}" (ignoring case); it was "I could not find it"` }
        : { check: 'output_contains', passed: true, reason: `the answer has "${index * 7}"` },
    ],
    output: index % 100 === 42 ? `A Zebra answered ${index * 7}.` : status === 'fail' ? 'I could not find it.' : `The answer is ${index * 7}.`,
    ...(status === 'error' ? { error: { code: 'AGENTLAB_MODEL_FAILED', message: 'The endpoint answered 503 Service Unavailable' } } : {}),
    agentStatus: status === 'error' ? 'error' : 'completed',
    tags: tagsOf(index),
    traceId: `${String(index).padStart(8, '0')}${agent === 'react' ? 'a' : 'b'}${model === 'sim:weak' ? 'c' : 'd'}${String(epoch).padStart(22, '0')}`,
  });
}

let store: Store;
let app: FastifyInstance;
let all: CaseResultRecord[];

beforeAll(async () => {
  store = openStore(':memory:');
  store.createRun(runRecord({ id: runId, datasetHash, config: { agents, models, epochs, concurrency: 8, seed: 1, caseTimeoutMs: 60_000 }, plannedResults: caseCount * agents.length * models.length * epochs }));
  store.recordDatasetCases(datasetHash, Array.from({ length: caseCount }, (_, index) => ({
    id: caseId(index),
    goal: `Calculate ${index} * 7 and say the result`,
    expected_tools: ['calculator'],
    expected_output_contains: [String(index * 7)],
    max_steps: 6,
    tags: tagsOf(index),
  })));
  for (let index = 0; index < caseCount; index++) {
    for (const agent of agents) for (const model of models) for (let epoch = 1; epoch <= epochs; epoch++) store.addCaseResult(bigResult(index, agent, model, epoch));
  }
  all = store.caseResults(runId);
  app = buildApp({ store });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  store?.close();
});

async function html(url: string): Promise<string> {
  const response = await app.inject({ url });
  expect(response.statusCode, `GET ${url}: ${response.body.slice(0, 300)}`).toBe(200);
  return response.body;
}

const key = (row: Pick<CaseResultRecord, 'caseId' | 'agent' | 'model' | 'epoch'>) => `${row.caseId}/${row.agent}/${row.model}/${row.epoch}`;
const resultRows = (page: string) => page.match(/<tr class="result" /g)?.length ?? 0;
const flakyCellCount = (results: readonly CaseResultRecord[]) => {
  const cells = new Map<string, Set<string>>();
  for (const result of results) {
    const cell = `${result.caseId}/${result.agent}/${result.model}`;
    cells.set(cell, (cells.get(cell) ?? new Set()).add(result.status));
  }
  return [...cells.values()].filter((statuses) => statuses.has('pass') && statuses.has('fail')).length;
};

describe('a run of 10,000 results', () => {
  it('holds 10,000 results', () => {
    expect(all).toHaveLength(10_000);
  });

  it('renders its page in under 300 KB, with one page of results and the total', async () => {
    for (const url of [`/runs/${runId}`, `/runs/${runId}?status=fail`, `/runs/${runId}?page=200`, `/runs/${runId}?status=error&q=503`]) {
      const page = await html(url);
      expect(Buffer.byteLength(page), url).toBeLessThan(300_000);
    }
    const first = await html(`/runs/${runId}`);
    expect(resultRows(first)).toBe(50);
    expect(first).toContain('Results <strong>1–50</strong> of <strong>10,000</strong>');
  });

  it('serves the right page of results in case, agent, model and epoch order', async () => {
    const third = await getJson<RunPageData>(app, `/api/runs/${runId}?page=3`);
    expect(third).toMatchObject({ page: 3, pageSize: 50, pageCount: 200, total: 10_000 });
    expect(third.results.map(key)).toEqual(all.slice(100, 150).map(key));
    const last = await getJson<RunPageData>(app, `/api/runs/${runId}?page=200`);
    expect(last.results.map(key)).toEqual(all.slice(9_950).map(key));
    const page = await html(`/runs/${runId}?page=3`);
    expect(page).toContain('Results <strong>101–150</strong> of <strong>10,000</strong>');
    expect(page).toContain(`>${all[100]!.caseId}</summary>`);
    const past = await html(`/runs/${runId}?page=201`);
    expect(resultRows(past)).toBe(0);
    expect(past).toContain('Page 201 is past the last page (200)');
  });

  it('filters by status, agent, model, tag and text together in SQL, as reading every result would', async () => {
    const cases: Array<[string, (result: CaseResultRecord) => boolean]> = [
      ['status=fail&model=sim:weak', (result) => result.status === 'fail' && result.model === 'sim:weak'],
      ['status=error&agent=pipeline', (result) => result.status === 'error' && result.agent === 'pipeline'],
      ['tag=slow&agent=react', (result) => result.tags.includes('slow') && result.agent === 'react'],
      ['q=zEbRa', (result) => result.output.includes('Zebra')],
      ['q=lacks "91"', (result) => result.checks.some((check) => check.reason.includes('lacks "91"'))],
      ['q=service unavailable&model=sim:strong', (result) => result.error?.message.includes('Service Unavailable') === true && result.model === 'sim:strong'],
      ['case=case-013&agent=react&model=sim:strong&status=fail', (result) => result.caseId === 'case-013' && result.agent === 'react' && result.model === 'sim:strong' && result.status === 'fail'],
    ];
    for (const [query, keep] of cases) {
      const expected = all.filter(keep);
      expect(expected.length, query).toBeGreaterThan(0);
      const data = await getJson<RunPageData>(app, `/api/runs/${runId}?${query.replace(/ /g, '%20').replace(/"/g, '%22')}`);
      expect(data.total, query).toBe(expected.length);
      expect(data.results.map(key), query).toEqual(expected.slice(0, 50).map(key));
    }
  });

  it('lists every epoch of the flaky cells, and counts cells in the tab as the summary does', async () => {
    const data = await getJson<RunPageData>(app, `/api/runs/${runId}?status=flaky`);
    const cells = flakyCellCount(all);
    expect(cells).toBe(50 * agents.length * models.length);
    expect(data.counts.flaky).toBe(cells);
    expect(data.summary.overall.flaky).toBe(cells);
    expect(data.total).toBe(data.counts.flakyResults);
    expect(data.total).toBe(cells * epochs);
    expect(data.summary.groups.reduce((total, group) => total + group.flaky, 0)).toBe(cells);
    const weak = await getJson<RunPageData>(app, `/api/runs/${runId}?status=flaky&model=sim:weak&agent=react`);
    expect(weak.counts.flaky).toBe(data.summary.groups.find((group) => group.model === 'sim:weak' && group.agent === 'react')!.flaky);
    const page = await html(`/runs/${runId}?status=flaky`);
    expect(page).toContain(`Flaky cells <span class="count">${cells}</span>`);
    expect(page).toContain(`every epoch of ${cells} flaky cells`);
    expect(page).toMatch(/<abbr title="A flaky cell is one case on one agent and model whose epochs disagreed[^"]*">Flaky cells<\/abbr>/);
  });

  it('counts each tab under the other filters', async () => {
    const data = await getJson<RunPageData>(app, `/api/runs/${runId}?status=pass&tag=math&model=sim:strong`);
    const shown = all.filter((result) => result.tags.includes('math') && result.model === 'sim:strong');
    expect(data.counts).toEqual({
      all: shown.length,
      pass: shown.filter((result) => result.status === 'pass').length,
      fail: shown.filter((result) => result.status === 'fail').length,
      error: shown.filter((result) => result.status === 'error').length,
      flaky: flakyCellCount(shown),
      flakyResults: shown.filter((result) => result.caseId.endsWith('5')).length,
    });
  });

  it('takes empty form fields as no filter, and refuses a bad page, status or repeated parameter', async () => {
    const blank = await getJson<RunPageData>(app, `/api/runs/${runId}?status=&agent=&model=&tag=&q=&page=`);
    expect(blank).toMatchObject({ filter: {}, total: 10_000, page: 1 });
    for (const url of [`/api/runs/${runId}?page=0`, `/api/runs/${runId}?page=two`, `/api/runs/${runId}?status=passing`, `/api/runs/${runId}?tag=a&tag=b`, `/api/runs/${runId}?q=${'x'.repeat(201)}`]) {
      expect((await app.inject({ url })).statusCode, url).toBe(400);
    }
  });

  it('offers the run\'s agents, models and tags in the controls, the current filter selected', async () => {
    const page = await html(`/runs/${runId}?model=sim:weak&tag=slow&q=zebra`);
    expect(page).toContain('<form class="filters result-controls" method="get" action="/runs/run-big#results"');
    expect(page).toContain('<option value="sim:weak" selected>sim:weak</option>');
    expect(page).toContain('<option value="slow" selected>slow</option>');
    expect(page).toContain('<option value="pipeline">pipeline</option>');
    expect(page).toContain('name="q" value="zebra"');
    const data = await getJson<RunPageData>(app, `/api/runs/${runId}`);
    expect(data.options).toEqual({ agents, models, tags: ['files', 'math', 'search', 'slow'] });
  });

  it('links summary rows and figures to their filtered results, and keeps the filter in tabs and pages', async () => {
    const page = await html(`/runs/${runId}?model=sim:weak&tag=math&page=2`);
    expect(page).toContain('href="/runs/run-big?model=sim%3Aweak&amp;agent=pipeline#results"');
    expect(page).toContain('href="/runs/run-big?model=sim%3Astrong&amp;agent=react&amp;status=fail#results"');
    expect(page).toContain('href="/runs/run-big?model=sim%3Astrong&amp;agent=react&amp;status=flaky#results"');
    expect(page).toContain('href="/runs/run-big?status=error#results"');
    expect(page).toMatch(/<tr class="total">\s*<td><a href="\/runs\/run-big#results"/);
    // Tabs keep the other filters and go back to the first page; the pager keeps them all.
    expect(page).toContain('href="/runs/run-big?model=sim%3Aweak&amp;tag=math&amp;status=fail#results"');
    expect(page).toContain('href="/runs/run-big?model=sim%3Aweak&amp;tag=math#results" rel="prev"');
    expect(page).toContain('href="/runs/run-big?model=sim%3Aweak&amp;tag=math&amp;page=3#results" rel="next"');
  });

  it('gives each row its case card: the goal, the expectations and every check\'s verdict, with the failed reason also on the row', async () => {
    const data = await getJson<RunPageData>(app, `/api/runs/${runId}?case=case-003&agent=react&model=sim:weak`);
    expect(data.results).toHaveLength(epochs);
    const row = data.results[0]!;
    expect(row.card).toMatchObject({ caseId: 'case-003', goal: 'Calculate 3 * 7 and say the result', tags: ['search'] });
    expect(row.card.expectations.map((line) => line.label)).toEqual(['Tools (in_order)', 'Output contains', 'Budget']);
    expect(row.card.checks.map((check) => [check.check, check.passed])).toEqual([['output_contains', false], ['completed', true]]);
    const page = await html(`/runs/${runId}?case=case-003&agent=react&model=sim:weak`);
    const reason = 'the answer lacks &quot;21&quot; (ignoring case)';
    // On the row at a glance, and in the card with the passed checks.
    expect(page.split(reason).length - 1).toBe(epochs * 2);
    expect(page).toContain('<span class="label">Goal</span> Calculate 3 * 7 and say the result');
    expect(page).toContain('calculator — in this order');
    expect(page).toContain('href="/cases/case-003?agent=react&amp;model=sim%3Aweak"');
  });
});
