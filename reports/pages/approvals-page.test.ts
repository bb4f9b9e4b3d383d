// The approvals page from a real store: the call that has waited longest first, with how long; each
// waiting call's run, tool, permission, arguments and context, and its two actions; then the recent
// decisions with who, when, why, whether the call ran, the trace and the resume command. Markup in a
// goal, the arguments or the context is shown as text.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { fixtureNow, fixtureTraceId, hostileText, humanLoopFixture } from '../human-loop-fixture.js';
import type { HumanLoopFixture } from '../human-loop-fixture.js';
import { getJson } from '../test-support.js';
import type { ApprovalsPageData } from './approvals-page.js';

let fixture: HumanLoopFixture;
let app: FastifyInstance;

beforeAll(async () => {
  fixture = await humanLoopFixture();
  app = buildApp({ store: fixture.store, now: () => fixtureNow });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await fixture?.cleanUp();
});

describe('the approvals JSON', () => {
  it('lists waiting calls oldest first with their waits, then decisions newest first', async () => {
    const data = await getJson<ApprovalsPageData>(app, '/api/approvals');
    expect(data.pendingCount).toBe(2);
    expect(data.tokenRequired).toBe(false);
    expect(data.pending.map((entry) => entry.id)).toEqual([fixture.approvals.oldest.id, fixture.approvals.newest.id]);
    expect(data.pending.map((entry) => entry.waitedMs)).toEqual([180 * 60_000, 10 * 60_000]);
    expect(data.pending[1]).toMatchObject({ tool: 'write_file', permission: 'destructive', agent: 'executor', run: { status: 'awaiting_approval', agent: 'react', model: 'sim:strong' } });
    expect(data.pending[1]!.argumentsText).toBe(JSON.stringify({ path: 'notes.md', content: hostileText }, null, 2));
    expect(data.pending.every((entry) => entry.resumeCommand === undefined)).toBe(true);

    expect(data.decided.map((entry) => entry.id)).toEqual([fixture.approvals.approved.id, fixture.approvals.rejected.id]);
    const [approved, rejected] = data.decided;
    // Decided while its run still waits: the page says how to resume it, and links its trace.
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'ana', reason: 'a draft, safe to remove', resumeCommand: 'agentlab run --resume run-approved', run: { traceId: fixtureTraceId } });
    expect(approved!.executedAt).toBeUndefined();
    // Its run has ended: nothing to resume.
    expect(rejected).toMatchObject({ status: 'rejected', decidedBy: 'bo', run: { status: 'completed' } });
    expect(rejected!.resumeCommand).toBeUndefined();
  });

  it('says a call has run once its run marks it executed', async () => {
    fixture.store.approvals.markExecuted(fixture.approvals.approved.id, fixtureNow - 100 * 60_000);
    const data = await getJson<ApprovalsPageData>(app, '/api/approvals');
    expect(data.decided[0]!.executedAt).toBe(fixtureNow - 100 * 60_000);
    const html = (await app.inject({ url: '/approvals' })).body;
    expect(html).toContain('ran 2026-03-04 10:20 UTC');
  });
});

describe('the approvals page', () => {
  it('shows each waiting call with its facts, arguments and context, and forms that need the script', async () => {
    const response = await app.inject({ url: '/approvals' });
    expect(response.statusCode).toBe(200);
    const html = response.body;
    const oldest = html.indexOf(`id="approval-${fixture.approvals.oldest.id}"`);
    const newest = html.indexOf(`id="approval-${fixture.approvals.newest.id}"`);
    expect(oldest).toBeGreaterThan(0);
    expect(newest).toBeGreaterThan(oldest);
    expect(html).toContain('waiting 3 h');
    expect(html).toContain('waiting 10 min');
    expect(html).toContain('<code>delete_file</code> <span class="permission permission-destructive">destructive</span>');
    expect(html).toContain(`data-url="/api/approvals/${fixture.approvals.oldest.id}/approve"`);
    expect(html).toContain(`data-url="/api/approvals/${fixture.approvals.oldest.id}/reject"`);
    // Without the script, the forms stay hidden and the page says what deciding needs.
    expect(html).toMatch(/<form class="decision-form" data-decision-form data-needs-script hidden>/);
    expect(html).toContain('Deciding on this page needs JavaScript');
    expect(html).toContain('<script src="/assets/decisions.js" defer></script>');
    expect(html).toContain('<code class="command">agentlab run --resume run-approved</code>');
    expect(html).toContain(`href="/traces/${fixtureTraceId}"`);
    // The policy allows no inline script or style: the forms are wired by assets/decisions.js.
    expect(html).not.toMatch(/<script(?![^>]*(src=|type="application\/json"))[^>]*>/);
    expect(html).not.toMatch(/\sstyle="/);
    expect((await app.inject({ url: '/assets/decisions.js' })).headers['content-type']).toContain('javascript');
    // The navigation counts what waits.
    expect(html).toMatch(/Approvals <span class="nav-count"[^>]*>2<\/span>/);
  });

  it('shows markup in goals, arguments and contexts as text', async () => {
    const html = (await app.inject({ url: '/approvals' })).body;
    expect(html).not.toContain(hostileText);
    expect(html).toContain('&lt;script&gt;alert(&quot;decide&quot;)&lt;/script&gt;');
    // The arguments, pretty-printed, inside their pre block.
    expect(html).toContain('<pre class="arguments">{\n  &quot;path&quot;: &quot;notes.md&quot;,');
  });

  it('asks for the token when the server requires one', async () => {
    const guarded = buildApp({ store: fixture.store, now: () => fixtureNow, token: 'secret' });
    try {
      const html = (await guarded.inject({ url: '/approvals' })).body;
      expect(html).toContain('id="decision-token"');
      expect((await getJson<ApprovalsPageData>(guarded, '/api/approvals')).tokenRequired).toBe(true);
      expect((await app.inject({ url: '/approvals' })).body).not.toContain('id="decision-token"');
    } finally {
      await guarded.close();
    }
  });
});
