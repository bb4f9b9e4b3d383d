// Messaging defaults in one place.

/** Tracer name for handlers' child spans when no tracer is given (the one agent runs use). */
export const messagingTracerName = 'agentlab';
/** Ids are the prefix and a counter per mailbox or bus: unique within one run, and so within its trace. */
export const messageIdPrefix = 'message-';
export const eventIdPrefix = 'event-';
/** What a blackboard key may hold: letters, digits and `/ _ - . :`, as in `research/findings`. */
export const blackboardKeyPattern = /^[A-Za-z0-9_.:-]+(?:\/[A-Za-z0-9_.:-]+)*$/;
