// The run page's calibration section: for a run that rated its answers, the table of figures and a
// reliability diagram per model × agent drawn as SVG (a bar per tenth of confidence that held answers,
// the diagonal, the threshold), names escaped; the JSON twin carries the same; a run that rated
// nothing has no section.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../store/index.js';
import { buildApp } from '../app.js';
import { caseResult, getJson, runRecord } from '../test-support.js';
import type { RunPageData } from './run-page.js';

const hostileAgent = '<img src=x onerror=alert(1)>';
let store: Store;
let app: FastifyInstance;

beforeAll(async () => {
  store = openStore(':memory:');
  store.createRun(runRecord({ id: 'run-rated', config: { agents: ['react', hostileAgent], models: ['sim:weak'], epochs: 1, concurrency: 1, seed: 1, caseTimeoutMs: 60_000, confidence: { threshold: 0.85 } }, plannedResults: 8 }));
  // react on sim:weak: 0.95 pass, 0.92 pass, 0.9 fail, 0.3 fail, 0.35 pass (escalated: 0.3, 0.35), and an unrated error.
  const rated: Array<[number, 'pass' | 'fail']> = [[0.95, 'pass'], [0.92, 'pass'], [0.9, 'fail'], [0.3, 'fail'], [0.35, 'pass']];
  rated.forEach(([confidence, status], index) => store.addCaseResult(caseResult({ runId: 'run-rated', caseId: `case-${index}`, model: 'sim:weak', status, confidence, escalated: confidence < 0.85 })));
  store.addCaseResult(caseResult({ runId: 'run-rated', caseId: 'case-error', model: 'sim:weak', status: 'error', agentStatus: 'error', error: { code: 'model_call_failed', message: 'down' } }));
  store.addCaseResult(caseResult({ runId: 'run-rated', caseId: 'case-0', agent: hostileAgent, model: 'sim:weak', confidence: 0.5, escalated: true }));
  store.createRun(runRecord({ id: 'run-plain' }));
  store.addCaseResult(caseResult({ runId: 'run-plain' }));
  app = buildApp({ store });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  store?.close();
});

async function html(url: string): Promise<string> {
  const response = await app.inject({ url });
  expect(response.statusCode).toBe(200);
  return response.body;
}

describe('the calibration section of a run that rated its answers', () => {
  it('shows a row of figures per model × agent', async () => {
    const page = await html('/runs/run-rated');
    const section = page.slice(page.indexOf('<section id="calibration"'), page.indexOf('<section id="results"'));
    expect(section).toContain('<h2 id="calibration-heading">Calibration</h2>');
    // Brier = (0.05² + 0.08² + 0.9² + 0.3² + 0.65²) / 5 = (0.0025 + 0.0064 + 0.81 + 0.09 + 0.4225) / 5 = 0.26628
    expect(section).toMatch(/<td>sim:weak<\/td>\s*<td>react<\/td>\s*<td class="number">5<\/td>\s*<td class="number">0.85<\/td>\s*<td class="number">0.266<\/td>/);
    // 2 of 5 escalated, one of them passed; 2 of the 3 kept passed.
    expect(section).toContain('<td class="number">40.0% (2)</td>');
    expect(section).toContain('50.0% [9.5–90.5]');
    expect(section).toContain('66.7% [20.8–93.9]');
    expect(section).toContain('href="/reviews"');
  });

  it('draws a reliability diagram per model × agent: a bar per tenth that held answers, the diagonal and the threshold', async () => {
    const page = await html('/runs/run-rated');
    const figures = page.split('<figure class="reliability">').slice(1);
    expect(figures).toHaveLength(2);
    const react = figures.find((figure) => figure.includes('<strong>react</strong>'))!;
    // Answers at 0.3 and 0.35 share the 0.3–0.4 tenth, 0.9, 0.92 and 0.95 the last: two bars.
    expect(react.match(/<rect class="bar /g)).toHaveLength(2);
    expect(react).toContain('<title>confidence 0.9–1.0: 3 results, mean confidence 0.92, 67% passed</title>');
    expect(react).toContain('class="diagonal"');
    expect(react).toMatch(/<line class="threshold" x1="([\d.]+)" x2="\1"/);
    expect(react).toContain('Brier <strong>0.266</strong>');
  });

  it('escapes the names it draws', async () => {
    const page = await html('/runs/run-rated');
    expect(page).not.toContain(hostileAgent);
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('gives the same figures in the JSON twin', async () => {
    const data = await getJson<RunPageData>(app, '/api/runs/run-rated');
    const react = data.calibration.find((group) => group.agent === 'react')!;
    expect(react).toMatchObject({ model: 'sim:weak', threshold: 0.85, rated: 5, passed: 3, excludedErrors: 0, escalated: { results: 2, passed: 1 } });
    expect(react.brierScore).toBeCloseTo(0.26628, 10);
    expect(react.diagram.bars).toHaveLength(2);
  });
});

describe('a run that rated nothing', () => {
  it('has no calibration section', async () => {
    const page = await html('/runs/run-plain');
    expect(page).not.toContain('id="calibration"');
    expect((await getJson<RunPageData>(app, '/api/runs/run-plain')).calibration).toEqual([]);
  });
});
