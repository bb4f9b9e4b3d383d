// Tracing defaults.

export const defaultServiceName = 'agentlab';
export const tracerName = 'agentlab';
/** Batch processors export at least this often. */
export const defaultExportDelayMs = 500;
/** Message content, tool arguments and results are cut to this many characters when recorded. */
export const capturedContentMaxLength = 8_192;
