// Defaults of the outputs: how much untrusted text each one carries, and how many cases it lists.

/** Characters of a result's output kept in the JSON report and in JUnit `<system-out>`. */
export const OUTPUT_MAX_LENGTH = 2_000;

/** Characters of one check reason or error message kept in Markdown and JUnit messages. */
export const REASON_MAX_LENGTH = 500;

/** Flipped cases named on the terminal comparison line, per direction. */
export const TERMINAL_FLIPPED_SHOWN = 5;

/** Flipped cases listed in the Markdown comparison section, per direction. */
export const MARKDOWN_FLIPPED_SHOWN = 25;

/** Flaky cases listed in the Markdown flaky section. */
export const MARKDOWN_FLAKY_SHOWN = 25;

/** Failed results listed in the Markdown failures section (and errored ones in its errors section). */
export const MARKDOWN_FAILURES_SHOWN = 20;

/** Kinds of error (code and message) listed under the terminal table and in Markdown. */
export const ERROR_GROUPS_SHOWN = 5;
