// The messaging layer as a run sees it: the run's clock, tracer and content-capture setting, so
// messages, writes and events land on the run's spans and keep content out unless it opted in.
import type { AgentRun } from '../core/agent-run.js';
import type { MessagingOptions } from '../messaging/index.js';

export function messagingOptionsOf(run: AgentRun): MessagingOptions {
  return {
    now: () => run.now(),
    captureContent: run.options.captureContent === true,
    ...(run.options.tracer ? { tracer: run.options.tracer } : {}),
  };
}
