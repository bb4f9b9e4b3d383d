// Which answers are rated, and against what: `--confidence-threshold` (for every agent) over the
// config's `confidence` (a threshold, per-agent ones over it, 0.85 when turned on without a number).
// Nothing is rated when neither asks.
import type { ConfidenceConfig } from '../../models/index.js';
import type { RunConfidenceSettings } from '../../store/index.js';
import { DEFAULT_CONFIDENCE_THRESHOLD } from './constants.js';

/**
 * The thresholds an eval rates against, or undefined for no rating at all. The flag, when given,
 * is every agent's threshold, the config's per-agent ones included (the command line is the more
 * recent wish); otherwise a `confidence` mapping in the config turns rating on unless `enabled: false`.
 */
export function resolveConfidenceSettings(config: ConfidenceConfig | undefined, flagThreshold?: number): RunConfidenceSettings | undefined {
  if (flagThreshold !== undefined) return { threshold: flagThreshold };
  if (config === undefined || config.enabled === false) return undefined;
  const agents = config.agents ?? {};
  return { threshold: config.threshold ?? DEFAULT_CONFIDENCE_THRESHOLD, ...(Object.keys(agents).length > 0 ? { agents: { ...agents } } : {}) };
}

/** The threshold an agent's answers are escalated below. */
export function confidenceThresholdFor(settings: RunConfidenceSettings, agent: string): number {
  return settings.agents?.[agent] ?? settings.threshold;
}

/** A threshold as given on the command line: a number from 0 to 1 or a percentage (85%), else the problem with it. */
export function parseConfidenceThreshold(value: string): { threshold: number } | { problem: string } {
  const text = value.trim();
  const number = text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
  if (text === '' || !Number.isFinite(number) || number < 0 || number > 1) return { problem: `expected a confidence threshold from 0 to 1 (or a percentage such as 85%), got "${value}"` };
  return { threshold: number };
}
