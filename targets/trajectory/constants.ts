// Names and texts a trajectory assembled from several sources shares with its readers (scorers,
// reports), in one place.

/** The errorCode of a tool call the model asked for and the agent never answered. */
export const noResultErrorCode = 'no_result';

/** The result text recorded for such a call. */
export const noResultText = 'the agent sent no result for this call';

/** The errorCode of a tool span with an error status that names no error type of its own. */
export const toolErrorCode = 'tool_error';
