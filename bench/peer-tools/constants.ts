// The tools agentlab's benchmarks compare against, pinned: a new release can change their speed, so
// the figures compare against these versions.

export const PROMPTFOO_VERSION = '0.121.20';

/** evalite runs on vitest (a peer it expects beside it) and its eval file calls the simulator with openai. */
export const EVALITE_VERSION = '0.19.0';
export const EVALITE_VITEST_VERSION = '4.1.12';
export const EVALITE_OPENAI_VERSION = '6.30.1';

/** How long `npm install` of the peers may take (about 70 s here for promptfoo; evalite's better-sqlite3 builds from source, minutes on a busy machine). */
export const INSTALL_TIMEOUT_MS = 1_200_000;
