// What every part of the messaging layer is given: the run's clock, its tracer and whether content
// may go on spans. A pattern builds these from its AgentRun (agents/patterns/run-messaging.ts).
import type { Tracer } from '@opentelemetry/api';

export interface MessagingOptions {
  /** Milliseconds since the epoch; Date.now by default. */
  now?: () => number;
  /** Message content, blackboard values and event data go on spans only when this is true. */
  captureContent?: boolean;
  /** For handlers' child spans; the global tracer by default. Events go on whatever span is active. */
  tracer?: Tracer;
}

/** Small identifiers recorded on every span event whatever the capture setting: labels, rounds, scores, ids. */
export type MessagingMetadata = Readonly<Record<string, string | number | boolean | readonly string[]>>;
