// The errors the messaging layer raises, each with a stable code. They are programming mistakes in a
// pattern (an empty recipient, a key with spaces, a value that is not JSON), never model behaviour.

export type MessagingErrorCode =
  | 'AGENTLAB_MESSAGE_INVALID'
  | 'AGENTLAB_MESSAGE_UNKNOWN'
  | 'AGENTLAB_BLACKBOARD_KEY_INVALID'
  | 'AGENTLAB_BLACKBOARD_VALUE_INVALID'
  | 'AGENTLAB_BLACKBOARD_WATCHER_FAILED'
  | 'AGENTLAB_EVENT_INVALID';

export class MessagingError extends Error {
  readonly code: MessagingErrorCode;

  constructor(code: MessagingErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}
