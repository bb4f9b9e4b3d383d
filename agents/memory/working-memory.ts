// Working memory: keeps a built-in agent's conversation inside its model's context window. Before each
// model call the request is counted as the endpoint counts it (models/prompt-tokens.ts, the simulator's
// own count); when it reaches `threshold` of the window, the middle of the conversation — after the
// system prompt and the goal, before the most recent exchanges — is folded into a summary written by a
// model call. An exchange is an assistant message with the tool messages answering it (and any user
// message that follows it), so a tool call and its results are always kept or folded together.
//
// The run (agents/core/agent-run.ts) drives it in two steps around the summary call, which it makes,
// counts and traces like any other: plan() decides what to fold, apply() puts the summary in its place.
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { AgentlabError, loadPromptTokenCounter, type WorkingMemoryConfig, type WorkingMemorySettingsInput } from '../../models/index.js';
import type { ModelRequest } from '../core/call-model.js';
import { RunStop } from '../core/run-stop.js';

// The defaults of working memory (config `workingMemory`, flags --compress-at and --no-compress).
/** Compress when a request reaches this fraction of the model's context window. */
export const DEFAULT_COMPRESS_THRESHOLD = 0.75;
/** Exchanges kept word for word after the goal. */
export const DEFAULT_KEEP_RECENT = 2;
/** The summary may use this share of the window, and at most SUMMARY_MAX_TOKENS. */
export const SUMMARY_WINDOW_SHARE = 0.15;
export const SUMMARY_MAX_TOKENS = 2_000;

type Message = ChatCompletionMessageParam;

export interface WorkingMemorySettings {
  /** Fraction of the context window at which the conversation is compressed (0–1]. */
  threshold: number;
  /** Exchanges kept word for word. */
  keepRecent: number;
}

/** What a run's flags say, over the config: --compress-at sets the threshold, --no-compress turns it off. */
export interface WorkingMemoryOverride {
  threshold?: number;
  enabled?: boolean;
}

/** An agent's settings: the flags over its own config over the global config over the defaults; false when off. */
export function resolveWorkingMemory(config: WorkingMemoryConfig | undefined, agent: string, override: WorkingMemoryOverride = {}): WorkingMemorySettings | false {
  const layers: WorkingMemorySettingsInput[] = [override, config?.agents?.[agent] ?? {}, config ?? {}];
  const first = <Value>(read: (layer: WorkingMemorySettingsInput) => Value | undefined): Value | undefined =>
    layers.map(read).find((value) => value !== undefined);
  if (first((layer) => layer.enabled) === false) return false;
  return {
    threshold: first((layer) => layer.threshold) ?? DEFAULT_COMPRESS_THRESHOLD,
    keepRecent: first((layer) => layer.keepRecent) ?? DEFAULT_KEEP_RECENT,
  };
}

/**
 * Refuses settings for an agent that does not exist (`workingMemory.agents.reactt`), which would
 * otherwise be ignored in silence. `known` are the built-in agents' names; `source` names the config.
 */
export function checkWorkingMemoryAgents(config: WorkingMemoryConfig | undefined, known: readonly string[], source: string): void {
  const unknown = Object.keys(config?.agents ?? {}).filter((agent) => !known.includes(agent));
  if (unknown.length === 0) return;
  throw new AgentlabError(
    'AGENTLAB_CONFIG_INVALID',
    `${source}: workingMemory.agents.${unknown[0]} names no built-in agent${unknown.length > 1 ? ` (nor do ${unknown.slice(1).join(', ')})` : ''}; the built-in agents are ${known.join(', ')}`,
  );
}

/** The config with a run's flags laid over it, globally and for each agent that has settings of its own. */
export function withWorkingMemoryOverride(config: WorkingMemoryConfig | undefined, override: WorkingMemoryOverride): WorkingMemoryConfig {
  const defined = Object.fromEntries(Object.entries(override).filter(([, value]) => value !== undefined)) as WorkingMemoryOverride;
  const agents = Object.fromEntries(Object.entries(config?.agents ?? {}).map(([agent, settings]) => [agent, { ...settings, ...defined }]));
  return { ...config, ...defined, agents };
}

// --- the conversation's parts ---

export const summaryHeading = 'Context: Summary of earlier work (working memory';

export function isSummaryMessage(message: Message): boolean {
  return message.role === 'user' && typeof message.content === 'string' && message.content.startsWith(summaryHeading);
}

export interface ConversationSplit {
  /** The system prompt(s), the goal, and the context messages given with the goal. */
  head: Message[];
  /** The exchanges folded into the summary, an earlier summary first when there is one. */
  folded: Message[];
  /** The exchanges kept word for word. */
  recent: Message[];
}

/** Head and exchanges: a new exchange starts at each assistant message; tool and user messages join the one before. */
function readParts(messages: readonly Message[]): { head: Message[]; exchanges: Message[][] } {
  let index = 0;
  while (index < messages.length && (messages[index]!.role === 'system' || messages[index]!.role === 'developer')) index++;
  if (index < messages.length && messages[index]!.role === 'user') index++;
  while (index < messages.length && messages[index]!.role === 'user' && !isSummaryMessage(messages[index]!)) index++;
  const exchanges: Message[][] = [];
  for (const message of messages.slice(index)) {
    if (message.role === 'assistant' || exchanges.length === 0) exchanges.push([message]);
    else exchanges.at(-1)!.push(message);
  }
  return { head: messages.slice(0, index), exchanges };
}

/**
 * Folds every exchange but the last `keepRecent`. Undefined when nothing would be folded, or only an
 * earlier summary (summarising a summary alone gains nothing).
 */
export function splitConversation(messages: readonly Message[], keepRecent: number): ConversationSplit | undefined {
  const { head, exchanges } = readParts(messages);
  const foldedCount = exchanges.length - keepRecent;
  if (foldedCount <= 0) return undefined;
  const folded = exchanges.slice(0, foldedCount).flat();
  if (folded.every(isSummaryMessage)) return undefined;
  return { head, folded, recent: exchanges.slice(foldedCount).flat() };
}

// --- the summary call ---

export const summariserPrompt =
  'You compress the working memory of an agent that is part-way through a task. You are shown the task and the earlier part of ' +
  'its conversation; the agent will continue from your summary instead of those messages, so keep every fact it may need.';

export const summaryInstruction =
  'Summarise the conversation above for the agent to continue from. Write one line per tool call, as ' +
  '`- <tool> <arguments as JSON> → <what the result said>`, keeping every name, number, date and file name the task may need, ' +
  'and saying which calls failed and why. Then one line, starting with "- ", per other finding or instruction that still matters. No preamble.';

/** The request that asks the model for the summary: the task, the folded messages, the instruction. */
export function summaryRequest(split: ConversationSplit, maxTokens: number): ModelRequest {
  const goal = split.head.find((message) => message.role === 'user');
  return {
    messages: [{ role: 'system', content: summariserPrompt }, ...(goal ? [goal] : []), ...split.folded, { role: 'user', content: summaryInstruction }],
    max_completion_tokens: maxTokens,
    temperature: 0,
  };
}

export function summaryMessage(summary: string, messagesFolded: number): Message {
  return { role: 'user', content: `${summaryHeading}; ${messagesFolded} messages folded):\n${summary.trim()}` };
}

// --- deciding and applying ---

/** A compression about to happen: what to fold and the request that summarises it. */
export interface CompressionPlan {
  split: ConversationSplit;
  summaryRequest: ModelRequest;
  tokensBefore: number;
}

/** What a compression did, for the span and the progress event. */
export interface CompressionRecord {
  messagesFolded: number;
  tokensBefore: number;
  tokensAfter: number;
  summaryTokens: number;
  contextWindow: number;
}

/** Completion tokens a request reserves: they count against the window as its prompt does. */
function reservedTokens(request: ModelRequest): number {
  return request.max_completion_tokens ?? request.max_tokens ?? 0;
}

/**
 * A bound no request's token count exceeds: a token is at least one byte. When even this is under
 * the threshold, nothing is counted (and the tokenizer is never loaded for short conversations).
 */
function tokenUpperBound(request: ModelRequest): number {
  let bytes = 3;
  for (const message of request.messages) bytes += 3 + Buffer.byteLength(JSON.stringify(message));
  if (request.tools) bytes += Buffer.byteLength(JSON.stringify(request.tools));
  if (request.response_format) bytes += Buffer.byteLength(JSON.stringify(request.response_format));
  return bytes + reservedTokens(request);
}

export class WorkingMemory {
  constructor(
    readonly settings: WorkingMemorySettings,
    /** Tokens per request the model accepts. */
    readonly contextWindow: number,
    /** The model id, for messages. */
    readonly model: string,
  ) {}

  /** Tokens at which compression starts. */
  get limit(): number {
    return Math.floor(this.settings.threshold * this.contextWindow);
  }

  /** The request's tokens as the endpoint counts them, with the completion it reserves. */
  async count(request: ModelRequest): Promise<number> {
    const counter = await loadPromptTokenCounter();
    return counter.countRequest(request) + reservedTokens(request);
  }

  /**
   * Undefined when the request is under the threshold, or over it with nothing to fold but still
   * inside the window; a plan otherwise. Throws a `context_length_exceeded` stop when the request is
   * over the window and nothing can be folded.
   */
  async plan(agent: string, request: ModelRequest): Promise<CompressionPlan | undefined> {
    if (tokenUpperBound(request) < this.limit) return undefined;
    const tokensBefore = await this.count(request);
    if (tokensBefore < this.limit) return undefined;
    const counter = await loadPromptTokenCounter();
    const summaryBudget = Math.min(SUMMARY_MAX_TOKENS, Math.floor(this.contextWindow * SUMMARY_WINDOW_SHARE));
    // Keep as many recent exchanges as the settings ask if that gets under the threshold, else fewer.
    let chosen: ConversationSplit | undefined;
    for (let keep = this.settings.keepRecent; keep >= 0; keep--) {
      const split = splitConversation(request.messages, keep);
      if (!split) continue;
      chosen = split;
      const foldedTokens = split.folded.reduce((sum, message) => sum + counter.countMessage(message), 0);
      if (tokensBefore - foldedTokens + summaryBudget < this.limit) break;
    }
    if (!chosen) {
      if (tokensBefore > this.contextWindow) throw this.overflow(agent, tokensBefore, 'and there is nothing in its middle to fold');
      return undefined;
    }
    return { split: chosen, summaryRequest: summaryRequest(chosen, summaryBudget), tokensBefore };
  }

  /** Replaces the request's messages, in place, by the head, the summary and the recent exchanges. */
  async apply(agent: string, request: ModelRequest, plan: CompressionPlan, summary: string): Promise<CompressionRecord> {
    const message = summaryMessage(summary, plan.split.folded.length);
    request.messages.splice(0, request.messages.length, ...plan.split.head, message, ...plan.split.recent);
    const counter = await loadPromptTokenCounter();
    const tokensAfter = await this.count(request);
    if (tokensAfter > this.contextWindow) throw this.overflow(agent, tokensAfter, 'even after compressing its middle');
    return {
      messagesFolded: plan.split.folded.length,
      tokensBefore: plan.tokensBefore,
      tokensAfter,
      summaryTokens: counter.countMessage(message),
      contextWindow: this.contextWindow,
    };
  }

  /** The stop for a conversation that cannot be made to fit (also when the summary call failed). */
  overflow(agent: string, tokens: number, why: string): RunStop {
    return new RunStop('error', 'context_length_exceeded', `${agent}'s conversation needs ${tokens} tokens but ${this.model}'s context window is ${this.contextWindow} tokens, ${why}`);
  }
}
