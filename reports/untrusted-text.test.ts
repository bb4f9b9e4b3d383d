// Model output, check reasons, tool and span text, model names and dataset paths are untrusted:
// every page must show them as text. HTML gets them escaped, and the page-data JSON gets `<` as
// \u003c so `</script>` in a model's answer cannot end the script element.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/index.js';
import type { Store } from '../store/index.js';
import { normalizeSpans } from '../tracing/index.js';
import { buildApp } from './app.js';
import { caseResult, pageData, runRecord, spanRecord } from './test-support.js';

const attack = '<script>alert(1)</script>';
const breakout = '"</script><script>alert(2)</script>';
const hostileModel = 'sim:</script><script>alert(3)</script>';
const traceId = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

let store: Store;
let app: FastifyInstance;

beforeAll(async () => {
  store = openStore(':memory:');
  store.createRun(runRecord({ id: 'run-a', datasetPath: `data/${attack}.jsonl`, config: { ...runRecord().config, models: ['sim:strong', hostileModel] } }));
  store.createRun(runRecord({ id: 'run-b', startedAt: runRecord().startedAt + 86_400_000, datasetPath: `data/${attack}.jsonl`, config: { ...runRecord().config, models: ['sim:strong', hostileModel] } }));
  store.addCaseResult(caseResult({ runId: 'run-a', status: 'pass', traceId }));
  store.addCaseResult(caseResult({ runId: 'run-a', model: hostileModel, status: 'pass', traceId }));
  const failed = {
    status: 'fail' as const,
    output: `Here you go: ${attack} and ${breakout}`,
    checks: [{ check: 'output_contains', passed: false, reason: `the answer lacks "42"; it was "${breakout}"` }],
    error: { code: 'model_error', message: attack },
    traceId,
  };
  store.addCaseResult(caseResult({ runId: 'run-b', ...failed }));
  store.addCaseResult(caseResult({ runId: 'run-b', model: hostileModel, ...failed }));
  store.writeSpans(normalizeSpans([
    spanRecord({ traceId, spanId: '1111111111111111', attributes: { 'gen_ai.operation.name': 'invoke_agent', 'agentlab.run.id': 'run-b', 'agentlab.case.id': 'case-1', 'gen_ai.output.messages': breakout } }),
    spanRecord({ traceId, spanId: '2222222222222222', parentSpanId: '1111111111111111', name: `execute_tool ${attack}`, attributes: { 'gen_ai.tool.call.result': attack, 'gen_ai.tool.name': attack } }),
  ]));
  app = buildApp({ store, now: () => runRecord().startedAt + 2 * 86_400_000 });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  store?.close();
});

const pages = [
  '/',
  '/runs/run-b',
  '/runs/run-b?status=fail',
  '/trends',
  '/costs',
  '/compare',
  `/compare?run=run-b&modelA=sim:strong&modelB=${encodeURIComponent(hostileModel)}`,
  '/cases/case-1',
  `/traces/${traceId}`,
  `/traces/${traceId}?span=2222222222222222`,
];

/** The script elements the layout itself writes: page data, Chart.js, charts.js, live-run.js. */
const ownScripts = /<script (type="application\/json" id="page-data"|src="\/assets\/[a-z.-]+\.js" defer)>/g;

describe('untrusted text', () => {
  it.each(pages)('%s shows it escaped and never as markup', async (url) => {
    const response = await app.inject({ url });
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect(body).not.toContain('<script>alert');
    expect(body).not.toContain('<img');
    expect(body.match(/<script/g)?.length ?? 0).toBe(body.match(ownScripts)?.length ?? 0);
  });

  it('appears as &lt;script&gt; where pages print it', async () => {
    for (const url of ['/runs/run-b', '/runs/run-b?status=fail', `/traces/${traceId}`, '/', '/cases/case-1', `/compare?run=run-a&modelA=sim:strong&modelB=${encodeURIComponent(hostileModel)}`]) {
      const body = (await app.inject({ url })).body;
      expect(body, url).toContain('&lt;script&gt;alert(');
    }
    const run = (await app.inject({ url: '/runs/run-b' })).body;
    expect(run).toContain('&quot;&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    const trace = (await app.inject({ url: `/traces/${traceId}` })).body;
    expect(trace).toContain('<td class="attribute-value">&quot;&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;</td>');
  });

  it('is written into the page-data JSON with < as \\u003c, and parses back to the same text', async () => {
    const trace = (await app.inject({ url: `/traces/${traceId}` })).body;
    expect(trace).toContain('\\u003c/script');
    const data = pageData(trace) as { spans: Array<{ attributes: Record<string, unknown> }> };
    expect(data.spans[0]!.attributes['gen_ai.output.messages']).toBe(breakout);

    const trends = (await app.inject({ url: '/trends' })).body;
    expect(trends).toContain('\\u003c/script');
    expect((pageData(trends) as { series: Array<{ model: string }> }).series.map((series) => series.model)).toContain(hostileModel);
  });

  it('stays plain text in the JSON twins', async () => {
    const response = await app.inject({ url: '/api/runs/run-b?status=fail' });
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.json().results[0].outputPreview).toBe(`Here you go: ${attack} and ${breakout}`);
  });
});
