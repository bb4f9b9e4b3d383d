// How a recalled memory is ranked: its cosine similarity to the query plus a small bonus for being
// recent and for having been recalled before (the weights and half-life are in constants.ts).
import { ACCESS_WEIGHT, RECENCY_HALF_LIFE_MS, RECENCY_WEIGHT } from './constants.js';

export interface ScoreInputs {
  /** 1 − cosine distance: 1 for the same direction, 0 for unrelated, −1 for opposite. */
  similarity: number;
  /** When the memory was last recalled, or made if never. */
  lastAccessedAt: number;
  accessCount: number;
}

/** 1 just after the last access, halving every half-life; a time in the future counts as now. */
export function recency(lastAccessedAt: number, now: number): number {
  return 0.5 ** (Math.max(0, now - lastAccessedAt) / RECENCY_HALF_LIFE_MS);
}

/** similarity + 0.05 · recency + 0.02 · ln(1 + accesses). */
export function recallScore(inputs: ScoreInputs, now: number): number {
  return inputs.similarity + RECENCY_WEIGHT * recency(inputs.lastAccessedAt, now) + ACCESS_WEIGHT * Math.log1p(Math.max(0, inputs.accessCount));
}
