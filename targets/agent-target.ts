// What the eval runner hands an agent and gets back: an agent target is anything that can take a
// case's goal and return an answer with its trajectory — a built-in pattern, a user's module, a
// command in any language, an agent served over HTTP. One interface, one small module per kind.
import type { Tracer } from '@opentelemetry/api';
import type { AgentResult, ApprovalPolicy, Permission, Sandbox } from '../agents/index.js';
import type { CellTape, ModelHandle } from '../models/index.js';
import type { ModelProxy } from './proxy/model-proxy-types.js';

/** The case as a target sees it. */
export interface TargetCase {
  caseId: string;
  goal: string;
  /** 1-based. */
  epoch: number;
  /** Derived from (run seed, case id, epoch): the same for a re-run, different per epoch. */
  seed: number;
  /** Permission levels the case allows without asking (built-in agents). */
  allow?: readonly Permission[];
  /** How the case answers approval gates, by tool name pattern (built-in agents); a call no rule matches is rejected. */
  approvals?: ApprovalPolicy;
}

/** One cell of the matrix, ready to run. */
export interface TargetRunContext {
  case: TargetCase;
  /** The cell's model, opened: the real endpoint or the simulator, with the real key. */
  model: ModelHandle;
  /** Aborted by the case's timeout or the eval's stop. */
  signal: AbortSignal;
  /** A fresh directory seeded with the case's fixtures, removed after the case. */
  sandbox: Sandbox;
  tracer?: Tracer;
  captureContent: boolean;
  /** agentlab.run.id, agentlab.case.id, agentlab.epoch: added to the case's root span. */
  traceAttributes: Record<string, string | number>;
  /** Record or replay: the cell's tape, for calls that go through the model proxy (the openai clients find it themselves). */
  cassette?: CellTape;
}

export interface AgentTarget {
  /** The reference as the user wrote it (`react`, `my-agent`, `module:./agent.ts`): the results' agent column. */
  readonly name: string;
  /** `builtin`, `module`, `command`, `http`. */
  readonly kind: string;
  /** Overrides the eval's per-case timeout for this target's cells. */
  readonly timeoutMs?: number;
  /** Tools the target is known to have (the built-in tools, or config `tools:`); undefined when it declares none. */
  readonly tools?: readonly string[];
  /** Runs one case. Never throws for what goes wrong in the agent: that is an `error` result. */
  run(context: TargetRunContext): Promise<AgentResult>;
  /** Releases what opening took (a loaded module, nothing for most). */
  close?(): Promise<void>;
}

/** What opening a target may use: where relative paths start, the environment, the shared proxy. */
export interface TargetEnvironment {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The recording model proxy, started on first use and shared by every target of the eval. */
  proxy(): Promise<ModelProxy>;
  /** Opens another model reference with the eval's provider (its latency, config and prices); absent outside an eval. */
  openModel?(reference: string): Promise<ModelHandle>;
}
