// Holds a run's tools, describes them to the model and executes the calls it makes. Every
// failure comes back as an `Error: ...` result; only a mis-declared tool list throws.
import type { ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import { sanitizeToolOutput } from '../guards/index.js';
import { DEFAULT_ALLOWED_PERMISSIONS, DEFAULT_TOOL_TIMEOUT_MS } from './constants.js';
import { toolJsonSchema, toToolDefinition, type Tool } from './define-tool.js';
import { ToolDefinitionError } from './errors.js';
import { decidePermission, type ApprovalGate, type Permission, type ToolApprovalSetting } from './permission.js';
import { runWithDeadline } from './run-with-deadline.js';
import type { Sandbox } from './sandbox.js';
import {
  abortedMessage,
  awaitingApprovalMessage,
  failureWord,
  invalidArgumentsMessage,
  invalidJsonMessage,
  permissionDeniedMessage,
  rejectedMessage,
  thrownErrorMessage,
  timeoutMessage,
  unknownToolMessage,
} from './tool-failure.js';
import type { ToolCall, ToolExecution, ToolExecutionOptions } from './tool-execution.js';

export interface ToolRegistryOptions {
  /** The run's sandbox, handed to every tool. */
  sandbox: Sandbox;
  /** Run-wide defaults; each `execute` call may override them. */
  allowed?: readonly Permission[];
  toolApprovals?: Readonly<Record<string, ToolApprovalSetting>>;
  gate?: ApprovalGate;
  timeoutMs?: number;
  /** Longest successful result, in characters, before it is truncated with a marker. */
  maxOutputLength?: number;
  /** Milliseconds from some fixed point; injectable so tests control durations. */
  now?: () => number;
}

function parseArguments(text: string): unknown {
  // Models send "" for tools without parameters as often as they send "{}".
  return text.trim() === '' ? {} : JSON.parse(text);
}

/** Text results pass through; anything else is sent as JSON. */
function stringifyResult(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  return JSON.stringify(value, null, 2) ?? String(value);
}

function successContent(text: string): string {
  if (text.trim() === '') return '(no output)';
  // A file that happens to start with the failure word is labelled, not mistaken for a failure.
  return text.startsWith(failureWord) ? `Output: ${text}` : text;
}

export class ToolRegistry {
  private readonly tools: ReadonlyMap<string, Tool>;
  private readonly schemas: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  private readonly options: ToolRegistryOptions;
  private readonly now: () => number;

  constructor(tools: readonly Tool[], options: ToolRegistryOptions) {
    const byName = new Map<string, Tool>();
    for (const tool of tools) {
      if (byName.has(tool.name)) throw new ToolDefinitionError(`two tools are named "${tool.name}"`);
      byName.set(tool.name, tool);
    }
    this.tools = byName;
    this.schemas = new Map(tools.map((tool) => [tool.name, toolJsonSchema(tool)]));
    this.options = options;
    this.now = options.now ?? (() => performance.now());
  }

  names(): string[] {
    return [...this.tools.keys()];
  }

  get(name: string): Tool | undefined {
    return this.tools.get(name);
  }

  /** The OpenAI `tools` array, with each JSON Schema derived from the tool's zod schema. */
  definitions(): ChatCompletionFunctionTool[] {
    return [...this.tools.values()].map(toToolDefinition);
  }

  /** A registry with only the named tools and the same sandbox and defaults (e.g. for a worker). */
  select(names: readonly string[]): ToolRegistry {
    const missing = names.filter((name) => !this.tools.has(name));
    if (missing.length > 0) throw new ToolDefinitionError(`no tools named ${missing.join(', ')}`);
    return new ToolRegistry(
      names.map((name) => this.tools.get(name)!),
      this.options,
    );
  }

  /** Runs one call from the model. Never rejects for anything the call or the tool does. */
  async execute(call: ToolCall, options: ToolExecutionOptions = {}): Promise<ToolExecution> {
    const started = this.now();
    const finish = (result: Omit<ToolExecution, 'durationMs'>): ToolExecution => ({
      ...result,
      durationMs: Math.max(0, this.now() - started),
    });

    const tool = this.tools.get(call.name);
    if (!tool) {
      return finish({ ok: false, errorCode: 'unknown_tool', content: unknownToolMessage(call.name, this.names()) });
    }
    const schema = this.schemas.get(tool.name)!;
    let raw: unknown;
    try {
      raw = parseArguments(call.arguments);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return finish({ ok: false, errorCode: 'invalid_json', content: invalidJsonMessage(reason, schema) });
    }
    const parsed = tool.parameters.safeParse(raw);
    if (!parsed.success) {
      return finish({
        ok: false,
        errorCode: 'invalid_arguments',
        content: invalidArgumentsMessage(parsed.error.issues, schema),
      });
    }

    const signal = options.signal;
    const allowed = options.allowed ?? this.options.allowed ?? DEFAULT_ALLOWED_PERMISSIONS;
    const request = { toolName: tool.name, permission: tool.permission, arguments: parsed.data, callId: call.id };
    const toolApprovals = options.toolApprovals ?? this.options.toolApprovals;
    const rules = { allowed, ...(toolApprovals ? { tools: toolApprovals } : {}) };
    const gate = options.gate ?? this.options.gate;
    // Waiting for a person is not the tool's time, so only cancellation cuts the wait short.
    const decision = await runWithDeadline(() => decidePermission(request, rules, gate), undefined, signal);
    if (decision.kind !== 'completed') {
      const reason = decision.kind === 'aborted' ? decision.reason : undefined;
      return finish({ ok: false, errorCode: 'aborted', content: abortedMessage(reason) });
    }
    const permission = decision.value;
    if (!permission.allowed) {
      switch (permission.reason) {
        case 'paused':
          return finish({ ok: false, errorCode: 'awaiting_approval', content: awaitingApprovalMessage(tool.name), ...(permission.approvalId === undefined ? {} : { pendingApprovalId: permission.approvalId }) });
        case 'rejected':
          return finish({ ok: false, errorCode: 'approval_rejected', content: rejectedMessage(tool.name, permission.verdict), approved: false, verdict: permission.verdict });
        default:
          return finish({
            ok: false,
            errorCode: 'permission_denied',
            content: permissionDeniedMessage(tool.name, tool.permission, allowed, permission),
            ...(permission.reason === 'approval_failed' ? { approved: false } : {}),
          });
      }
    }
    const approval = permission.verdict ? { approved: true, verdict: permission.verdict } : {};

    if (tool.prepare) {
      const prepared = await runWithDeadline(() => tool.prepare!(), undefined, signal);
      if (prepared.kind === 'failed') return finish({ ok: false, errorCode: 'tool_error', content: thrownErrorMessage(tool.name, prepared.error), ...approval });
      if (prepared.kind === 'aborted') return finish({ ok: false, errorCode: 'aborted', content: abortedMessage(prepared.reason), ...approval });
    }
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS;
    const outcome = await runWithDeadline(
      (taskSignal) => tool.execute(parsed.data, { sandbox: this.options.sandbox, signal: taskSignal, callId: call.id }),
      timeoutMs,
      signal,
    );
    switch (outcome.kind) {
      case 'completed':
        try {
          const text = sanitizeToolOutput(stringifyResult(outcome.value), { maxLength: this.options.maxOutputLength });
          return finish({ ok: true, content: successContent(text), ...approval });
        } catch (error) {
          // A circular object, say: the tool worked but its result cannot be sent.
          return finish({ ok: false, errorCode: 'tool_error', content: thrownErrorMessage(tool.name, error), ...approval });
        }
      case 'failed':
        return finish({ ok: false, errorCode: 'tool_error', content: thrownErrorMessage(tool.name, outcome.error), ...approval });
      case 'timeout':
        return finish({ ok: false, errorCode: 'timeout', content: timeoutMessage(timeoutMs), ...approval });
      case 'aborted':
        return finish({ ok: false, errorCode: 'aborted', content: abortedMessage(outcome.reason), ...approval });
    }
  }
}
