// A golden case, as zod describes it: the single source of truth for CSV and JSONL datasets.
import { z } from 'zod';

export const toolMatchModes = ['in_order', 'strict', 'unordered', 'subset', 'superset'] as const;
export type ToolMatchMode = (typeof toolMatchModes)[number];
/** What `expected_tools` is compared with when a case names no `tool_match`. */
export const defaultToolMatch: ToolMatchMode = 'in_order';

/** `superset`: the call carries at least the expected arguments (the direction words of `tool_match`); `exact`: exactly them. */
export const argsMatchModes = ['superset', 'exact'] as const;
export type ArgsMatchMode = (typeof argsMatchModes)[number];

/** A built-in agent, a name from the config's `agents:`, or an inline module:, command: or http: reference; checked against the agents known when an eval starts. */
export const agentReferenceSchema = z.string().trim().min(1, 'must not be empty');
export const permissionLevelSchema = z.enum(['read', 'write', 'destructive']);

/** A decision written in advance for a gated call: approve or reject, with an optional reason. */
const approvalDecisionSchema = z.enum(['approve', 'reject'], { error: 'expected "approve" or "reject"' });
export const approvalRuleSchema = z.union(
  [approvalDecisionSchema, z.strictObject({ decision: approvalDecisionSchema, reason: z.string().trim().min(1, 'must not be empty').optional() })],
  { error: 'expected "approve", "reject" or { "decision": "approve" | "reject", "reason": "…" }' },
);
const toolPatternSchema = z.string().regex(/^[A-Za-z0-9_*-]{1,64}$/, 'expected a tool name or a pattern with * such as delete_*');

const positiveNumber = z.number().positive();
const positiveInteger = z.number().int().positive();

export const goldenCaseSchema = z
  .object({
    /** Unique in the dataset; letters, digits, `.`, `_`, `-`. */
    id: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be 1-100 letters, digits, dots, underscores or dashes'),
    goal: z.string().trim().min(1, 'must not be empty'),
    /** Run only with this agent; all selected agents otherwise. */
    agent: agentReferenceSchema.optional(),
    /** Tools the agent should call (successful calls), compared as `tool_match` says. */
    expected_tools: z.array(z.string().min(1)).default([]),
    /**
     * `in_order` when left out. Left out with no `expected_tools`, tools are not checked; given, it is
     * checked even against an empty list (`strict: []` means "no tool calls").
     */
    tool_match: z.enum(toolMatchModes).optional(),
    /** Per tool, arguments that one of its successful calls must carry. */
    expected_args: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
    args_match: z.enum(argsMatchModes).default('superset'),
    /** Tools that must not even be attempted. */
    forbidden_tools: z.array(z.string().min(1)).default([]),
    /** Strings the answer must all contain. */
    expected_output_contains: z.array(z.string().min(1)).default([]),
    expected_output_regex: z
      .string()
      .refine((pattern) => {
        try {
          new RegExp(pattern);
          return true;
        } catch {
          return false;
        }
      }, 'must be a valid regular expression')
      .optional(),
    /** Output checks ignore case unless this is true. */
    case_sensitive: z.boolean().default(false),
    max_steps: positiveInteger.optional(),
    max_tokens: positiveInteger.optional(),
    max_cost_usd: positiveNumber.optional(),
    max_latency_ms: positiveNumber.optional(),
    tags: z.array(z.string().min(1)).default([]),
    /** A folder, relative to the dataset file, that seeds the sandbox instead of the default fixtures. */
    fixtures: z.string().min(1).optional(),
    /** Permission levels the run allows; read and write by default. */
    allow: z.array(permissionLevelSchema).optional(),
    /**
     * How the case answers the approval gates of built-in agents, by tool name pattern (`*` matches
     * anything): `{"delete_*": "approve", "send_email": {"decision": "reject", "reason": "…"}}`. A gated
     * call no pattern matches is rejected ("no approval policy for <tool>"): an eval never waits.
     */
    approvals: z
      .record(toolPatternSchema, approvalRuleSchema, {
        error: (issue) =>
          issue.code === 'invalid_key' ? 'expected tool names or patterns with * such as delete_*' : issue.code === 'invalid_type' ? 'expected an object of tool name patterns to "approve" or "reject"' : undefined,
      })
      .optional(),
    /** Tools the agent must ask approval for before running them: each must reach the gate, not run pre-approved. */
    expected_approvals: z.array(z.string().min(1)).optional(),
  })
  .strict();

export type GoldenCase = z.output<typeof goldenCaseSchema>;
export type GoldenCaseInput = z.input<typeof goldenCaseSchema>;
