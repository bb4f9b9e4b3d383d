// Settings and targets of the content pipeline's throughput benchmark.

/** Workers in the one process, as the seed runs them. */
export const WORKERS = 4;
/** Topics put through each backend: every eighth of the 30 golden topics (4, one a worker), so the sample spans the subjects in one round. */
export const SAMPLE_EVERY = 8;
/** The golden topics the sample is drawn from. */
export const TOPICS_DATASET = 'datasets/golden/content.jsonl';
/** The simulator's latency profile: the models' own time to first token and tokens per second. */
export const LATENCY = 'realistic';

/** The seed's production: 200–400 pieces a day at about $25 a day. */
export const SEED_PIECES_PER_DAY = 200;
export const SEED_DOLLARS_PER_DAY = 25;
/** ≥ 200 a day is 8.3 an hour. */
export const PIECES_PER_HOUR_TARGET = SEED_PIECES_PER_DAY / 24;
/** $25 over 200 pieces. */
export const COST_PER_PIECE_TARGET_USD = SEED_DOLLARS_PER_DAY / SEED_PIECES_PER_DAY;
