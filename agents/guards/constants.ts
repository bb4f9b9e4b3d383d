// Defaults for the guards that sit between tools, models and agents.

/** Longest tool output, in characters, handed back to the model before it is cut. */
export const DEFAULT_TOOL_OUTPUT_MAX_LENGTH = 4000;

/**
 * How many recognised HTML tags a text needs before it is treated as markup. One stray `<b>` in
 * a markdown note should not flatten the note's line breaks.
 */
export const HTML_TAG_THRESHOLD = 5;
