// The journal of one agent run: every model reply (the whole ChatCompletion, or the failure that
// stopped the call) and every tool result, in the order they happened. It is what makes a run that
// paused at an approval gate, or whose process died, resumable in another process.
//
// Resuming replays rather than restores. The patterns (react, plan-execute, supervisor, pipeline,
// blackboard) are async functions whose state lives in local variables, which cannot be serialised;
// so a resumed run calls the same agent function from the start, and AgentRun answers each model
// call and each tool call from the journal, in order, without calling the model or the tools. The
// function rebuilds its locals as it did the first time, steps, usage and counters included. Each
// replayed call is checked against the recording (agent, tool, arguments): a run that would go
// another way stops with `resume_diverged` instead of acting on a different conversation. When the
// journal is used up the run is at the call that paused it, and goes on live from there, now with
// the decision. This is how LangGraph resumes after interrupt(): the interrupted node runs again
// from its beginning and interrupt() returns the resume value instead of pausing
// (https://langchain-ai.github.io/langgraph/concepts/human_in_the_loop/).
import type { ChatCompletion } from 'openai/resources/chat/completions';
import type { AgentStatus, ModelCallStep, ToolCallStep } from './agent-result.js';
import type { RunStopCode } from './run-stop.js';
import { RunStop } from './run-stop.js';

export interface ModelReplyEntry {
  type: 'model_reply';
  step: ModelCallStep;
  completion: ChatCompletion;
}

/** A model call that failed (its retries spent, or refused): replayed, it fails again the same way. */
export interface ModelFailureEntry {
  type: 'model_failure';
  step: ModelCallStep;
  stop: { status: Exclude<AgentStatus, 'completed'>; code: RunStopCode; message: string };
}

export interface ToolResultEntry {
  type: 'tool_result';
  step: ToolCallStep;
}

export type RunJournalEntry = ModelReplyEntry | ModelFailureEntry | ToolResultEntry;

const entryTypes: ReadonlySet<string> = new Set(['model_reply', 'model_failure', 'tool_result']);

/** The entries a store handed back, checked for the fields replay reads; anything else is refused. */
export function readJournal(entries: readonly unknown[]): RunJournalEntry[] {
  return entries.map((entry, index) => {
    const candidate = entry as Partial<RunJournalEntry> | null;
    const valid =
      candidate !== null &&
      typeof candidate === 'object' &&
      typeof candidate.type === 'string' &&
      entryTypes.has(candidate.type) &&
      typeof candidate.step === 'object' &&
      candidate.step !== null &&
      (candidate.type !== 'model_reply' || typeof (candidate as ModelReplyEntry).completion === 'object') &&
      (candidate.type !== 'model_failure' || typeof (candidate as ModelFailureEntry).stop?.code === 'string');
    if (!valid) throw new RunStop('error', 'resume_diverged', `the run's journal cannot be replayed: entry ${index + 1} is not a model reply, model failure or tool result`);
    return candidate as RunJournalEntry;
  });
}

function diverged(position: number, expected: string, found: string): RunStop {
  return new RunStop(
    'error',
    'resume_diverged',
    `the resumed run went another way than the recorded one at entry ${position + 1} of its journal: it made ${found} where the recording has ${expected}; nothing was run`,
  );
}

function describeEntry(entry: RunJournalEntry): string {
  if (entry.type === 'tool_result') return `a ${entry.step.tool} call by ${entry.step.agent} with ${entry.step.arguments}`;
  return `a model call by ${entry.step.agent}`;
}

export class RunJournal {
  private readonly recorded: readonly RunJournalEntry[];
  private readonly written: RunJournalEntry[];
  private position = 0;

  /**
   * `recorded`: what an earlier process of the run wrote, to replay. `onRecord` is told after every
   * new entry, with the whole journal, so the caller can keep it (agentlab run saves it to the store);
   * the run awaits it before going on, so a journal kept in a database over the network is durable
   * before the next model or tool call, as a synchronous write was.
   */
  constructor(recorded: readonly RunJournalEntry[] = [], private readonly onRecord?: (entries: readonly RunJournalEntry[]) => void | Promise<void>) {
    this.recorded = recorded;
    this.written = [...recorded];
  }

  /** The whole journal: the recorded entries and those written since. */
  get entries(): readonly RunJournalEntry[] {
    return this.written;
  }

  /** True while recorded entries remain to be served. */
  get replaying(): boolean {
    return this.position < this.recorded.length;
  }

  /** How many entries the resumed run was given to replay. */
  get recordedCount(): number {
    return this.recorded.length;
  }

  /** The recorded answer to the next model call, or undefined once replay is over. Throws `resume_diverged` on a mismatch. */
  nextModelCall(agent: string): ModelReplyEntry | ModelFailureEntry | undefined {
    if (!this.replaying) return undefined;
    const entry = this.recorded[this.position]!;
    if (entry.type === 'tool_result' || entry.step.agent !== agent) throw diverged(this.position, describeEntry(entry), `a model call by ${agent}`);
    this.position++;
    return entry;
  }

  /** The recorded result of the next tool call, or undefined once replay is over. Throws `resume_diverged` on a mismatch. */
  nextToolCall(agent: string, tool: string, argumentsText: string): ToolResultEntry | undefined {
    if (!this.replaying) return undefined;
    const entry = this.recorded[this.position]!;
    if (entry.type !== 'tool_result' || entry.step.agent !== agent || entry.step.tool !== tool || entry.step.arguments !== argumentsText) {
      throw diverged(this.position, describeEntry(entry), `a ${tool} call by ${agent} with ${argumentsText}`);
    }
    this.position++;
    return entry;
  }

  /** Adds the entry; resolves once `onRecord` has kept the journal (rejects with its error). */
  async record(entry: RunJournalEntry): Promise<void> {
    this.written.push(entry);
    await this.onRecord?.(this.written);
  }
}
