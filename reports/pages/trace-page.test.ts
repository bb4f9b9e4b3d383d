// The trace page through the real app on a store filled by a real eval with captured content: a
// case's trace opens on its verdict (the case card with the failed checks' reasons, the model by its
// agentlab reference) and reads as a transcript; a foreign trace has no verdict and names its model
// by provider; exceptions are folded to `type: message`; costs read as figures, never float noise.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseResultRecord } from '../../store/index.js';
import { normalizeSpans } from '../../tracing/index.js';
import type { SpanRecord } from '../../tracing/index.js';
import { buildApp } from '../app.js';
import { evalFixture, getJson, spanRecord, type EvalFixture } from '../test-support.js';
import type { TracePageData } from './trace-page.js';

let fixture: EvalFixture;
let app: FastifyInstance;
let failed: CaseResultRecord;

const foreignTraceId = 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0';
const noisyCost = 0.0006988499999999999;

/** A foreign (OTLP) agent: an OpenInference LLM call with captured messages, a tool that threw, and no agentlab attributes. */
function foreignSpans(): SpanRecord[] {
  const start = Date.UTC(2026, 0, 20, 12);
  const base = { traceId: foreignTraceId, serviceName: 'refund-bot', scope: 'openinference', events: [] };
  return [
    spanRecord({ ...base, spanId: 'a000000000000001', name: 'refund-agent', startTimeMs: start, endTimeMs: start + 900, durationMs: 900, attributes: { 'openinference.span.kind': 'AGENT' } }),
    spanRecord({
      ...base,
      spanId: 'a000000000000002',
      parentSpanId: 'a000000000000001',
      name: 'OpenAI Chat Completions',
      kind: 'client',
      startTimeMs: start + 10,
      endTimeMs: start + 400,
      durationMs: 390,
      attributes: {
        'openinference.span.kind': 'LLM',
        'llm.model_name': 'gpt-4o-mini',
        'llm.provider': 'openai',
        'llm.token_count.prompt': 12_345,
        'llm.token_count.completion': 67,
        'llm.cost.total': noisyCost,
        'llm.input_messages.0.message.role': 'system',
        'llm.input_messages.0.message.content': 'You handle refunds.',
        'llm.input_messages.1.message.role': 'user',
        'llm.input_messages.1.message.content': 'Refund order 42.',
        'llm.output_messages.0.message.role': 'assistant',
        'llm.output_messages.0.message.tool_calls.0.tool_call.id': 'call_9',
        'llm.output_messages.0.message.tool_calls.0.tool_call.function.name': 'refund',
        'llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments': '{"order_id":42}',
      },
    }),
    spanRecord({
      ...base,
      spanId: 'a000000000000003',
      parentSpanId: 'a000000000000001',
      name: 'refund',
      startTimeMs: start + 410,
      endTimeMs: start + 500,
      durationMs: 90,
      status: { code: 'error', message: 'payment service down' },
      attributes: { 'openinference.span.kind': 'TOOL', 'tool.name': 'refund', 'tool.id': 'call_9', 'input.value': '{"order_id":42}' },
      events: [{ name: 'exception', timeMs: start + 499, attributes: { 'exception.type': 'ConnectionError', 'exception.message': 'payment service down', 'exception.stacktrace': 'ConnectionError: payment service down\n    at refund (refund.py:12)' } }],
    }),
  ];
}

/** Whether every tool call of the trace had JSON arguments (the weak model sometimes writes broken JSON, shown as written). */
function toolArgumentsAreJson(traceId: string): boolean {
  return fixture.store.spans(traceId).every((span) => {
    const written = span.attributes['gen_ai.tool.call.arguments'];
    if (typeof written !== 'string') return true;
    try {
      JSON.parse(written);
      return true;
    } catch {
      return false;
    }
  });
}

/** The page without its script data and the raw-JSON toggle: what shows before anything is opened. */
function visibleMarkup(html: string): string {
  return html.replace(/<script type="application\/json" id="page-data">[^<]*<\/script>/, '').replace(/<details class="raw-attributes">[\s\S]*?<\/details>/, '');
}

function section(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  expect(start, `the page has #${id}`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</section>', start));
}

beforeAll(async () => {
  // The matrix and seed of the browser fixture's react runs: sim:weak fails some cases after calling tools.
  fixture = await evalFixture({ agents: ['react'], models: ['sim:strong', 'sim:weak'], seed: 11, captureContent: true });
  fixture.store.writeSpans(normalizeSpans(foreignSpans()));
  app = buildApp({ store: fixture.store });
  await app.ready();
  const candidate = [...fixture.runs[0].results, ...fixture.runs[1].results].find((result) => result.status === 'fail' && result.toolCalls > 0 && result.traceId && toolArgumentsAreJson(result.traceId));
  expect(candidate, 'the eval has a failed result with a trace whose tool calls all had JSON arguments').toBeDefined();
  failed = candidate!;
}, 60_000);
afterAll(async () => {
  await app?.close();
  await fixture?.cleanUp();
});

describe('the trace of an eval case', () => {
  it('opens on the verdict: the case, its run, agent, model reference, epoch, status and every check with its reason, failed first', async () => {
    const data = await getJson<TracePageData>(app, `/api/traces/${failed.traceId}`);
    expect(data.verdict).toMatchObject({ runId: failed.runId, caseId: failed.caseId, agent: 'react', model: failed.model, epoch: failed.epoch, status: 'fail' });
    const checks = data.verdict!.card.checks;
    expect(checks.map((check) => check.passed)).toEqual([...checks.map((check) => check.passed)].sort((left, right) => Number(left) - Number(right)));
    expect(data.verdict!.card.goal).toBe({ water: 'Search for the boiling point of water', math: 'Calculate 17 * 23', python: 'Who created Python?' }[failed.caseId]);

    const html = (await app.inject({ url: `/traces/${failed.traceId}` })).body;
    const verdict = section(html, 'verdict');
    expect(verdict).toContain(`href="/cases/${failed.caseId}"`);
    expect(verdict).toContain(`href="/runs/${failed.runId}?case=${failed.caseId}"`);
    expect(verdict).toContain(`<dd>${failed.model}</dd>`);
    const failedCheck = failed.checks.find((check) => !check.passed)!;
    expect(verdict).toContain(`<strong>${failedCheck.check}</strong>`);
    expect(verdict).toContain(`<span class="reason">${failedCheck.reason.replaceAll('"', '&quot;')}</span>`);
  });

  it("names the case's model by its agentlab reference everywhere, not the provider's name", async () => {
    const data = await getJson<TracePageData>(app, `/api/traces/${failed.traceId}`);
    // The spans say `weak` (or `strong`) from provider agentlab.sim; the eval ran `sim:weak`.
    const providerName = failed.model.replace(/^sim:/, '');
    const modelCall = data.spans.find((span) => span.view.type === 'model')!;
    expect(modelCall.view.model?.model).toBe(providerName);
    expect(data.models).toEqual([failed.model]);
    expect(modelCall.readsAs).toBe(`model call ${failed.model} (gen_ai)`);
    const html = (await app.inject({ url: `/traces/${failed.traceId}?span=${modelCall.spanId}` })).body;
    expect(html).toContain(`<dt>Model</dt><dd>${failed.model}</dd>`);
    expect(html).not.toContain(`model call ${providerName}`);
  });

  it('reads as a transcript: system, user, assistant with its tool calls laid out, each tool result, the final answer; no raw JSON', async () => {
    const data = await getJson<TracePageData>(app, `/api/traces/${failed.traceId}`);
    const roles = data.transcript.entries.map((entry) => entry.role);
    expect(roles.slice(0, 2)).toEqual(['system', 'user']);
    expect(roles).toContain('tool');
    const call = data.transcript.entries.flatMap((entry) => entry.toolCalls ?? [])[0]!;
    expect(call.arguments).toMatch(/^\{\n {2}"/);
    expect(data.transcript.entries.at(-1)).toMatchObject({ role: 'assistant', final: true });

    const transcript = section(visibleMarkup((await app.inject({ url: `/traces/${failed.traceId}` })).body), 'transcript-title');
    for (const role of ['system', 'user', 'assistant', 'tool']) expect(transcript).toContain(`<span class="role">${role}</span>`);
    expect(transcript).toContain('final answer');
    expect(transcript).not.toMatch(/\[\{&quot;role|>\{&quot;/);
  });
});

describe('a foreign trace', () => {
  it('shows no verdict, names its model by provider, folds its exception and reads its costs as figures', async () => {
    const data = await getJson<TracePageData>(app, `/api/traces/${foreignTraceId}`);
    expect(data.verdict).toBeUndefined();
    expect(data.models).toEqual(['openai:gpt-4o-mini']);
    expect(data.transcript.entries.map((entry) => [entry.role, entry.text ?? entry.tool?.result ?? entry.toolCalls?.[0]?.name])).toEqual([
      ['system', 'You handle refunds.'],
      ['user', 'Refund order 42.'],
      ['assistant', 'refund'],
      ['tool', 'payment service down'],
    ]);
    expect(data.exceptions).toEqual([{ spanId: 'a000000000000003', spanName: 'refund', title: 'ConnectionError', message: 'payment service down', stack: 'ConnectionError: payment service down\n    at refund (refund.py:12)' }]);

    const html = visibleMarkup((await app.inject({ url: `/traces/${foreignTraceId}?span=a000000000000002` })).body);
    expect(html).not.toContain('id="verdict"');
    expect(html).toContain('<strong>ConnectionError</strong>: <span class="exception-message">payment service down</span>');
    expect(html).toMatch(/<details class="stack"><summary>Stack trace<\/summary><pre>ConnectionError: payment service down/);
    // The cost in the summary, the waterfall, the panel's facts and its attribute: four significant figures.
    expect(html.match(/\$0\.0006988/g)?.length).toBeGreaterThanOrEqual(4);
    expect(html).not.toMatch(/\d\.\d{12,}/);
    expect(html).toContain('<dt>Tokens</dt><dd>12,345 in · 67 out</dd>');
    expect(html).toContain('<td class="attribute-value">12,345</td>');
  });

  it('says how to capture content when the trace has none', async () => {
    const traceId = 'e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0';
    fixture.store.writeSpans(normalizeSpans([spanRecord({ traceId, spanId: 'b000000000000001', name: 'chat gpt-4o', attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.provider.name': 'openai' } })]));
    const data = await getJson<TracePageData>(app, `/api/traces/${traceId}`);
    expect(data.transcript).toEqual({ entries: [], captured: false, agentCount: 0 });
    const html = (await app.inject({ url: `/traces/${traceId}` })).body;
    expect(html).toContain('<code>--capture-content</code>');
    expect(html).toContain('<code>OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true</code>');
  });
});
