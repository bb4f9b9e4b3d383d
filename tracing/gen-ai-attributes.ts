// OpenTelemetry GenAI semantic conventions (v1.41) and agentlab's own attributes, as string
// constants in one place: the spans, the summaries and the report server all read these names.

export const GenAiOperation = {
  invokeAgent: 'invoke_agent',
  chat: 'chat',
  executeTool: 'execute_tool',
} as const;

export const GenAiAttribute = {
  operationName: 'gen_ai.operation.name',
  providerName: 'gen_ai.provider.name',
  agentName: 'gen_ai.agent.name',
  agentDescription: 'gen_ai.agent.description',
  requestModel: 'gen_ai.request.model',
  requestTemperature: 'gen_ai.request.temperature',
  requestSeed: 'gen_ai.request.seed',
  requestMaxTokens: 'gen_ai.request.max_tokens',
  responseModel: 'gen_ai.response.model',
  responseId: 'gen_ai.response.id',
  responseFinishReasons: 'gen_ai.response.finish_reasons',
  outputType: 'gen_ai.output.type',
  usageInputTokens: 'gen_ai.usage.input_tokens',
  usageOutputTokens: 'gen_ai.usage.output_tokens',
  /** Not in the conventions: the call's cost in USD from agentlab's price table. */
  usageCost: 'gen_ai.usage.cost',
  inputMessages: 'gen_ai.input.messages',
  outputMessages: 'gen_ai.output.messages',
  systemInstructions: 'gen_ai.system_instructions',
  toolName: 'gen_ai.tool.name',
  toolType: 'gen_ai.tool.type',
  toolCallId: 'gen_ai.tool.call.id',
  toolCallArguments: 'gen_ai.tool.call.arguments',
  toolCallResult: 'gen_ai.tool.call.result',
  conversationId: 'gen_ai.conversation.id',
} as const;

export const GeneralAttribute = {
  errorType: 'error.type',
  serverAddress: 'server.address',
  serverPort: 'server.port',
  serviceName: 'service.name',
} as const;

/** Evaluation context, so a trace can be found from a case result and the other way round. */
export const AgentlabAttribute = {
  runId: 'agentlab.run.id',
  caseId: 'agentlab.case.id',
  epoch: 'agentlab.epoch',
  agentStatus: 'agentlab.agent.status',
  attempts: 'agentlab.attempts',
  toolPermission: 'agentlab.tool.permission',
  toolApproved: 'agentlab.tool.approved',
  // Working memory: what a `memory.compress` span folded.
  memoryMessagesFolded: 'agentlab.memory.messages_folded',
  memoryTokensBefore: 'agentlab.memory.tokens_before',
  memoryTokensAfter: 'agentlab.memory.tokens_after',
  memorySummaryTokens: 'agentlab.memory.summary_tokens',
  memoryContextWindow: 'agentlab.memory.context_window',
  memoryThreshold: 'agentlab.memory.threshold',
  // Confidence: what the rating of an answer (agents/confidence) puts on its `chat` span.
  confidence: 'agentlab.confidence',
  confidenceEscalated: 'agentlab.confidence.escalated',
  confidenceThreshold: 'agentlab.confidence.threshold',
  // Approval gates: on a gated `execute_tool` span and its approval events.
  approvalId: 'agentlab.approval.id',
  /** pending (the run paused there), approved or rejected. */
  approvalStatus: 'agentlab.approval.status',
  approvalDecidedBy: 'agentlab.approval.decided_by',
  /** ISO 8601. */
  approvalDecidedAt: 'agentlab.approval.decided_at',
  approvalReason: 'agentlab.approval.reason',
  // A resumed run (agentlab run --resume): on its root span, how many journal entries it replayed;
  // on the worker spans it re-entered while replaying, true.
  resumeReplayedEntries: 'agentlab.resume.replayed_entries',
  replayed: 'agentlab.replayed',
  // Lessons (agents/review/lessons.ts): on the `agentlab.lessons` event of a run's root span.
  lessonsCount: 'agentlab.lessons.count',
  lessonsEpisodeIds: 'agentlab.lessons.episode_ids',
  lessonsNamespace: 'agentlab.lessons.namespace',
  /** The lesson texts, only when content is captured. */
  lessonsTexts: 'agentlab.lessons.texts',
} as const;

/** Span events agentlab adds. */
export const AgentlabEvent = {
  /** A gated call waits for a decision: approval id, tool and arguments. */
  approvalRequested: 'agentlab.approval.requested',
  /** The decision: status, decided_by, decided_at, reason. */
  approvalDecided: 'agentlab.approval.decided',
  /** The lessons from similar past tasks put in the run's system prompt: count, episode ids, namespace (texts with capture-content). */
  lessons: 'agentlab.lessons',
} as const;

/** OpenInference's token counts, understood when reading traces from other instrumentations. */
export const OpenInferenceAttribute = {
  promptTokens: 'llm.token_count.prompt',
  completionTokens: 'llm.token_count.completion',
  totalTokens: 'llm.token_count.total',
  modelName: 'llm.model_name',
} as const;

/** Span names as the conventions write them: `{operation} {target}`. */
export function genAiSpanName(operation: string, target: string | undefined): string {
  return target ? `${operation} ${target}` : operation;
}
