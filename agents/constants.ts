// Defaults that change how agents behave, in one place.

/** Model calls a run may make, workers included, before it ends with `max_steps`. */
export const defaultMaxSteps = 30;
/** Total tokens (input + output) a run may spend before it ends with `budget_exceeded`. */
export const defaultMaxTokens = 60_000;
/** Each model call gives up after this long; a stalled endpoint then counts as a transport error. */
export const defaultModelTimeoutMs = 30_000;
/** Tries per model call (the first and the retries) before the run ends with `error`. */
export const defaultModelTries = 3;
/** Backoff before the n-th retry is base × 2^(n-1), capped, unless the server says Retry-After. */
export const retryBaseDelayMs = 250;
export const retryMaxDelayMs = 8_000;
/** The goal is restated to the model every this many steps. */
export const restateGoalEvery = 4;
/** A call with the same tool and arguments as one of the last this many calls is a repeat. */
export const repeatWindow = 4;
/** Temperature for answers and drafts; routing and tool selection always use 0. */
export const defaultGenerationTemperature = 0.7;
export const routingTemperature = 0;
/** Steps of each scoped ReAct inside plan-and-execute. */
export const planStepMaxSteps = 5;
export const maxReplans = 2;
/** Supervisor rounds (decisions) before it must finish, and retries of a decision that does not parse. */
export const supervisorMaxRounds = 8;
export const decisionParseRetries = 2;
/** Pipeline: revise while the review score is below this, at most this many times. */
export const pipelineScoreThreshold = 7;
export const pipelineMaxRevisions = 2;
/** Context handed from one stage to the next is capped at this many characters. */
export const handoverMaxLength = 2_000;
/** Blackboard: agent turns (researcher, writer, reviewer acts) a run may take: research, then up to three drafts with their reviews. */
export const blackboardMaxActs = 7;
/** Blackboard: the reviewer approves a draft scoring at least this (1-10), and asks for a revision below it. */
export const blackboardApproveScore = 7;
/** Approval gates: the preview of the conversation a reviewer sees beside a gated call (messages, characters per message, characters in all). */
export const approvalContextMessages = 6;
export const approvalContextMessageMaxLength = 400;
export const approvalContextMaxLength = 2_000;
