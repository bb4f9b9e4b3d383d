// Errors of the content pipeline, each with a stable code (listed in content/README.md).
export type ContentErrorCode =
  | 'AGENTLAB_CONTENT_PACKAGE_INVALID'
  | 'AGENTLAB_CONTENT_PUBLISH_CONFLICT'
  | 'AGENTLAB_CONTENT_TOPIC_INVALID';

export class ContentError extends Error {
  override readonly name = 'ContentError';

  constructor(
    readonly code: ContentErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
