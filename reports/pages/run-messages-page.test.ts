// A run's messages page reads the message log of the results its filter shows, from their stored
// spans: a real eval of the supervisor and blackboard agents on the simulator, through the real app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../index.js';
import { evalFixture } from '../test-support.js';
import type { EvalFixture } from '../test-support.js';
import type { RunMessagesPageData } from './run-messages-page.js';

let fixture: EvalFixture;

beforeAll(async () => {
  fixture = await evalFixture({ agents: ['blackboard', 'react'], models: ['sim:strong'] });
});
afterAll(async () => {
  await fixture?.cleanUp();
});

describe('run messages page', () => {
  it("shows the blackboard writes and the acts they set off for the blackboard agent's results, and nothing for react's", async () => {
    const app = buildApp({ store: fixture.store });
    const runId = fixture.runs[1].run.id;
    const blackboard = (await app.inject({ url: `/api/runs/${runId}/messages?agent=blackboard` })).json<RunMessagesPageData>();
    expect(blackboard.results).toBeGreaterThan(0);
    expect(blackboard.tracedResults).toBe(blackboard.results);
    expect(blackboard.logs.length).toBe(blackboard.results);
    for (const entry of blackboard.logs) {
      expect(entry.agent).toBe('blackboard');
      expect(entry.log.traceIds).toEqual([entry.traceId]);
      expect(entry.log.acts.length).toBeGreaterThan(0);
      expect(entry.log.writes.some((write) => write.key === 'draft')).toBe(true);
    }

    const react = (await app.inject({ url: `/api/runs/${runId}/messages?agent=react` })).json<RunMessagesPageData>();
    expect(react.results).toBeGreaterThan(0);
    expect(react.logs).toEqual([]);

    const page = await app.inject({ url: `/runs/${runId}/messages?agent=blackboard` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Why each agent acted');
    expect(page.body).toContain(`${blackboard.logs[0]!.caseId} · blackboard · sim:strong · epoch ${blackboard.logs[0]!.epoch}`);
    const runPage = await app.inject({ url: `/runs/${runId}?agent=blackboard` });
    expect(runPage.body).toContain(`/runs/${runId}/messages?agent=blackboard`);
    expect((await app.inject({ url: `/runs/${runId}/messages?agent=react` })).body).toContain('sent no messages');
    await app.close();
  });

  it("shows a blackboard result's chain of writes and acts on its trace page", async () => {
    const app = buildApp({ store: fixture.store });
    const result = fixture.runs[1].results.find((candidate) => candidate.agent === 'blackboard' && candidate.traceId)!;
    const trace = await app.inject({ url: `/traces/${result.traceId}` });
    expect(trace.statusCode).toBe(200);
    expect(trace.body).toContain('Messages, blackboard and events');
    expect(trace.body).toContain('Why each agent acted');
    await app.close();
  });

  it('refuses a bad filter with 400 naming the parameter', async () => {
    const app = buildApp({ store: fixture.store });
    const response = await app.inject({ url: `/api/runs/${fixture.runs[1].run.id}/messages?status=maybe` });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('status');
    await app.close();
  });
});
