// Pausing at an approval gate and resuming from the journal, through every pattern on the simulator
// over HTTP: the resumed run rebuilds the same trajectory without calling the model for what it
// replays, then carries out the decision and finishes as an uninterrupted run would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelHandle } from '../../models/index.js';
import { MemorySpanSink, setupTracing, type Tracing } from '../../tracing/index.js';
import { agentNames, agentPatterns, type AgentName } from '../patterns/index.js';
import { OUTBOX_FILE, type GateDecision } from '../tools/index.js';
import type { AgentResult, ToolCallStep } from './agent-result.js';
import type { RunApprovalGate } from './approval-gate.js';
import { readJournal, RunJournal, type RunJournalEntry } from './run-journal.js';
import { runAgent } from './run-agent.js';
import { createAgentTestBed, type AgentTestBed } from './test-support.js';

let bed: AgentTestBed;
let oracle: ModelHandle;
let tracing: Tracing;
const sink = new MemorySpanSink();

beforeAll(async () => {
  bed = createAgentTestBed();
  oracle = await bed.open('sim:oracle');
  tracing = setupTracing({ sinks: [sink], exportDelayMs: 10, environment: {} });
});
afterAll(async () => {
  await tracing.shutdown();
  await bed.close();
});

const emailGoal = 'Search for the boiling point of water and email it to priya@example.com';
const gateAnswering = (decision: GateDecision): RunApprovalGate => async (request) => {
  if (decision.status === 'paused') request.onPending('a1b2c3d4');
  return decision;
};
const approved: GateDecision = { status: 'approved', by: 'ana', at: 1_000, reason: 'fine', approvalId: 'a1b2c3d4' };

/** What a trajectory did, without its timings. */
const shape = (result: AgentResult) => result.steps.map((step) => (step.type === 'tool_call' ? `${step.agent} ${step.tool} ${step.arguments} ${step.ok}` : `${step.agent} model ${step.inputTokens}/${step.outputTokens}`));
const toolSteps = (result: AgentResult) => result.steps.filter((step): step is ToolCallStep => step.type === 'tool_call');

async function run(agent: AgentName, goal: string, options: { journal?: RunJournal; gate?: RunApprovalGate; allowDestructive?: boolean; traceParent?: { traceId: string; spanId: string } } = {}) {
  const { sandbox, registry } = await bed.tools();
  let root: { traceId: string; spanId: string } | undefined;
  const result = await runAgent(agent, agentPatterns[agent], goal, {
    model: oracle,
    tools: registry,
    seed: 5,
    tracer: tracing.tracer,
    ...(options.allowDestructive ? { allowed: ['read', 'write', 'destructive'] as const } : {}),
    ...(options.gate ? { approvalGate: options.gate } : {}),
    ...(options.journal ? { journal: options.journal } : {}),
    ...(options.traceParent ? { traceParent: options.traceParent } : {}),
    onRootSpan: (ids) => {
      root = ids;
    },
  });
  await tracing.forceFlush();
  return { result, sandbox, root: root! };
}

describe('pausing at an approval gate and resuming from the journal', () => {
  it.each(agentNames)('%s: the resumed run replays to the gated call, runs it once approved, and ends as an uninterrupted run does', async (agent) => {
    const straight = await run(agent, emailGoal, { allowDestructive: true });
    expect(straight.result.status).toBe('completed');

    const saved: Array<readonly RunJournalEntry[]> = [];
    const first = await run(agent, emailGoal, { gate: gateAnswering({ status: 'paused', approvalId: 'a1b2c3d4' }), journal: new RunJournal([], (entries) => void saved.push([...entries])) });
    expect(first.result.status).toBe('awaiting_approval');
    expect(first.result.pendingApproval).toMatchObject({ tool: 'send_email', approvalId: 'a1b2c3d4', arguments: expect.stringContaining('priya@example.com') });
    expect(toolSteps(first.result).map((step) => step.tool)).not.toContain('send_email');
    // The journal was kept after each step, and stops at the reply that asked for the gated call.
    const journal = saved.at(-1)!;
    expect(journal.at(-1)).toMatchObject({ type: 'model_reply', step: { toolCalls: [expect.objectContaining({ name: 'send_email' })] } });
    expect(saved.map((entries) => entries.length)).toEqual(journal.map((_, index) => index + 1));

    // As the store hands it back: plain JSON.
    const recorded = readJournal(JSON.parse(JSON.stringify(journal)) as unknown[]);
    const resumed = await run(agent, emailGoal, { gate: gateAnswering(approved), journal: new RunJournal(recorded), traceParent: first.root });
    expect(resumed.result.status).toBe('completed');
    expect(resumed.result.output).toBe(straight.result.output);
    expect(shape(resumed.result)).toEqual(shape(straight.result));
    expect(resumed.result.usage).toEqual(straight.result.usage);
    expect(resumed.result.counters).toEqual(straight.result.counters);
    const email = toolSteps(resumed.result).find((step) => step.tool === 'send_email')!;
    expect(email).toMatchObject({ ok: true, approved: true, approval: { status: 'approved', by: 'ana', reason: 'fine', approvalId: 'a1b2c3d4' } });
    expect(await resumed.sandbox.readText(OUTBOX_FILE)).toContain('priya@example.com');

    // One trace: the resumed root under the first, chat spans only for the calls made live.
    const spans = sink.trace(first.root.traceId);
    // The first root ended waiting, not failed.
    const firstRoot = spans.find((span) => span.spanId === first.root.spanId)!;
    expect(firstRoot.attributes['agentlab.agent.status']).toBe('awaiting_approval');
    expect(firstRoot.status.code).not.toBe('error');
    const resumedRoot = spans.find((span) => span.spanId === resumed.root.spanId)!;
    expect(resumedRoot.parentSpanId).toBe(first.root.spanId);
    expect(resumedRoot.attributes['agentlab.resume.replayed_entries']).toBe(journal.length);
    const liveModelCalls = straight.result.steps.filter((step) => step.type === 'model_call').length - journal.filter((entry) => entry.type !== 'tool_result').length;
    const chatsAfterResume = spans.filter((span) => span.name.startsWith('chat ') && span.startTimeMs >= resumedRoot.startTimeMs);
    expect(chatsAfterResume).toHaveLength(liveModelCalls);
    const gated = spans.filter((span) => span.name === 'execute_tool send_email');
    expect(gated.map((span) => span.attributes['agentlab.approval.status'])).toEqual(['pending', 'approved']);
    expect(gated[0]!.events.map((event) => event.name)).toEqual(['agentlab.approval.requested']);
    expect(gated[1]!.events[0]).toMatchObject({ name: 'agentlab.approval.decided', attributes: { 'agentlab.approval.decided_by': 'ana', 'agentlab.approval.reason': 'fine' } });
  });

  it('gives the model the rejection, with who and why, and the answer says the e-mail was not sent', async () => {
    const journal = new RunJournal();
    await run('react', emailGoal, { gate: gateAnswering({ status: 'paused' }), journal });
    const resumed = await run('react', emailGoal, {
      gate: gateAnswering({ status: 'rejected', by: 'bo', at: 2_000, reason: 'no mail from tests' }),
      journal: new RunJournal(journal.entries),
    });
    const email = toolSteps(resumed.result).find((step) => step.tool === 'send_email')!;
    expect(email).toMatchObject({ ok: false, approved: false, errorCode: 'approval_rejected', result: 'Error: the call to send_email was rejected by bo: no mail from tests' });
    expect(resumed.result.status).toBe('completed');
    expect(resumed.result.output).toContain('rejected by bo: no mail from tests');
  });

  it('goes on from where an interrupted run stopped: the recorded part is replayed, the rest is live', async () => {
    const whole = new RunJournal();
    const straight = await run('plan-execute', emailGoal, { allowDestructive: true, journal: whole });
    const cut = whole.entries.slice(0, 3);
    const resumed = await run('plan-execute', emailGoal, { allowDestructive: true, journal: new RunJournal(cut) });
    expect(resumed.result.output).toBe(straight.result.output);
    expect(shape(resumed.result)).toEqual(shape(straight.result));
    const chats = sink.trace(resumed.root.traceId).filter((span) => span.name.startsWith('chat '));
    expect(chats).toHaveLength(straight.result.steps.filter((step) => step.type === 'model_call').length - cut.filter((entry) => entry.type !== 'tool_result').length);
  });

  it('stops with resume_diverged, running nothing, when the run goes another way than its journal', async () => {
    const whole = new RunJournal();
    await run('react', 'Delete old-report.txt', { allowDestructive: true, journal: whole });
    // The recorded deletion names another file than the recorded reply asked for.
    const tampered = JSON.parse(JSON.stringify(whole.entries)) as RunJournalEntry[];
    (tampered[1] as Extract<RunJournalEntry, { type: 'tool_result' }>).step.arguments = '{"path":"notes.txt"}';
    const resumed = await run('react', 'Delete old-report.txt', { allowDestructive: true, journal: new RunJournal(tampered) });
    expect(resumed.result.status).toBe('error');
    expect(resumed.result.error?.code).toBe('resume_diverged');
    expect(resumed.result.error?.message).toBe(
      'the resumed run went another way than the recorded one at entry 2 of its journal: it made a delete_file call by react with {"path":"old-report.txt"} ' +
        'where the recording has a delete_file call by react with {"path":"notes.txt"}; nothing was run',
    );
    expect(await resumed.sandbox.readText('old-report.txt')).toBeTruthy();
    expect(() => readJournal([{ type: 'model_reply' }])).toThrow(/entry 1 is not a model reply/);
  });
});
