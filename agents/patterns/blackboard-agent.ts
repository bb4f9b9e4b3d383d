// Blackboard: a researcher, a writer and a reviewer that act on changes to shared state rather than
// on a supervisor's routing. The goal is written to `goal`; the researcher watches it and writes
// `research/findings`; the writer watches `research/` and writes `draft`; the reviewer watches
// `draft` and writes `review` (approve or revise, with a score and feedback); a revise makes the
// writer, who also watches `review`, draft again. Watchers only queue an act; the loop below runs
// the queue in order within a budget of acts. Each act's span names the write (key and version)
// that set it off, and each write names its cause, so the trace reads back why every agent acted.
import { blackboardApproveScore, blackboardMaxActs } from '../constants.js';
import type { AgentRun } from '../core/agent-run.js';
import { runReactLoop } from '../core/react-loop.js';
import { Blackboard, EventBus, type BlackboardEntry, type MessagingCause } from '../messaging/index.js';
import { reviewPrompt, workerPrompts } from '../prompts.js';
import { handover } from './handover.js';
import { reviewSchema } from './pipeline-agent.js';
import { messagingOptionsOf } from './run-messaging.js';
import { callStructured } from './structured-call.js';
import { workerTools } from './supervisor-agent.js';

export const blackboardKeys = { goal: 'goal', research: 'research/', findings: 'research/findings', draft: 'draft', review: 'review' } as const;

/** What the reviewer writes under `review`. */
export interface BlackboardReview {
  verdict: 'approve' | 'revise';
  score: number;
  feedback: string;
  /** The version of `draft` reviewed. */
  draft: number;
}

type Actor = 'researcher' | 'writer' | 'reviewer';

interface Activation {
  actor: Actor;
  trigger: BlackboardEntry;
}

const researchMaxSteps = 8;
const writerMaxSteps = 4;

const causedBy = (entry: BlackboardEntry): MessagingCause => ({ kind: 'write', key: entry.key, version: entry.version });

class BlackboardTeam {
  readonly board: Blackboard;
  readonly bus: EventBus;
  readonly agenda: Activation[] = [];

  constructor(
    private readonly run: AgentRun,
    private readonly goal: string,
  ) {
    const options = messagingOptionsOf(run);
    this.board = new Blackboard(options);
    this.bus = new EventBus(options);
    const queue = (actor: Actor) => (trigger: BlackboardEntry) => void this.agenda.push({ actor, trigger });
    this.board.watch(blackboardKeys.goal, 'researcher', queue('researcher'));
    this.board.watch(blackboardKeys.research, 'writer', queue('writer'));
    this.board.watch(blackboardKeys.review, 'writer', (trigger) => {
      if ((trigger.value as BlackboardReview).verdict === 'revise') queue('writer')(trigger);
    });
    this.board.watch(blackboardKeys.draft, 'reviewer', queue('reviewer'));
    this.bus.subscribe<BlackboardReview>('review-verdict', 'score', (event) => {
      run.counters.last_review_score = event.data.score;
    });
    this.bus.subscribe<BlackboardReview>('review-verdict', 'progress', (event) => {
      if (event.data.verdict === 'revise') run.emit({ type: 'guard', agent: 'writer', guard: 'revision', detail: `score ${event.data.score}: ${event.data.feedback}` });
    });
  }

  /** Runs one queued act as its agent's span, which cites the write that set it off. */
  act(activation: Activation): Promise<unknown> {
    const { actor, trigger } = activation;
    return this.run.invokeAgent(actor, this.goal, async () => {
      this.board.citeTrigger(trigger, actor);
      if (actor === 'researcher') return this.research(trigger);
      if (actor === 'writer') return this.write(trigger);
      return this.review(trigger);
    });
  }

  private async research(trigger: BlackboardEntry) {
    const tools = new Set(workerTools.researcher);
    const outcome = await runReactLoop(this.run, {
      agent: 'researcher',
      task: this.goal,
      systemPrompt: workerPrompts.researcher!,
      tools: this.run.options.tools.definitions().filter((tool) => tools.has(tool.function.name)),
      maxSteps: researchMaxSteps,
    });
    this.board.write(blackboardKeys.findings, outcome.output, { author: 'researcher', cause: causedBy(trigger) });
    return { status: outcome.status };
  }

  /** A first draft from the findings, or a revision from the findings, the reviewed draft and the feedback. */
  private async write(trigger: BlackboardEntry) {
    const contexts = this.board.entries(blackboardKeys.research).map((entry) => handover('Research findings', String(entry.value)));
    const revising = trigger.key === blackboardKeys.review;
    if (revising) {
      const review = trigger.value as BlackboardReview;
      this.run.count('revisions');
      contexts.push(handover('Previous draft', String(this.board.read(blackboardKeys.draft, review.draft)?.value ?? '')), handover('Reviewer feedback', review.feedback));
    }
    // A revision may save again (rewriting a file is harmless) but never repeats a destructive action such as an e-mail.
    const tools = new Set(workerTools.writer.filter((name) => !revising || this.run.options.tools.get(name)?.permission !== 'destructive'));
    const outcome = await runReactLoop(this.run, {
      agent: 'writer',
      task: this.goal,
      systemPrompt: workerPrompts.writer!,
      contexts,
      tools: this.run.options.tools.definitions().filter((tool) => tools.has(tool.function.name)),
      maxSteps: writerMaxSteps,
      temperature: this.run.generationTemperature,
    });
    this.board.write(blackboardKeys.draft, outcome.output, { author: 'writer', cause: causedBy(trigger) });
    return { status: outcome.status };
  }

  private async review(trigger: BlackboardEntry) {
    const { score, feedback } = await callStructured(this.run, 'reviewer', 'review', reviewSchema, [
      { role: 'system', content: reviewPrompt },
      { role: 'user', content: this.goal },
      { role: 'user', content: `Draft to review:\n${String(trigger.value)}` },
    ]);
    const review: BlackboardReview = { verdict: score >= blackboardApproveScore ? 'approve' : 'revise', score, feedback, draft: trigger.version };
    const written = this.board.write(blackboardKeys.review, review, { author: 'reviewer', cause: causedBy(trigger), metadata: { verdict: review.verdict, score, draft: trigger.version } });
    await this.bus.publish({ type: 'review-verdict', data: review, sender: 'reviewer', cause: causedBy(written) });
    return { status: 'completed' as const };
  }
}

export async function blackboardAgent(goal: string, run: AgentRun): Promise<string> {
  const team = new BlackboardTeam(run, goal);
  team.board.write(blackboardKeys.goal, goal, { author: 'user' });
  for (let acts = 0; team.agenda.length > 0; acts++) {
    if (acts >= blackboardMaxActs) {
      run.count('act_budget_spent');
      break;
    }
    await team.act(team.agenda.shift()!);
  }
  const review = team.board.read<BlackboardReview>(blackboardKeys.review);
  if (review?.value.verdict === 'approve') return String(team.board.read(blackboardKeys.draft, review.value.draft)?.value ?? '');
  // No draft approved within the budget: the latest one stands, as the pipeline's does after its last revision.
  return String(team.board.read(blackboardKeys.draft)?.value ?? '');
}
