// One concise line per progress event, shown on stderr while `agentlab run` works so stdout keeps
// only the answer. Every text that came from the model or a tool is cleaned and cut to one line.
import type { ProgressEvent } from '../agents/index.js';
import { PROGRESS_TEXT_MAX_LENGTH } from './constants.js';
import { toTerminalLine } from './terminal-text.js';

export type ProgressFormatter = (event: ProgressEvent) => string | undefined;

const clean = (text: string) => toTerminalLine(text, PROGRESS_TEXT_MAX_LENGTH);
const tokenFormat = new Intl.NumberFormat('en-US');

/**
 * A formatter for one run's events. It remembers the number of the model call under way, which
 * only `step-start` carries; events with no line of their own (`step-start`, `run-end`) give undefined.
 */
export function createProgressFormatter(): ProgressFormatter {
  let modelCallNumber = 0;
  return (event) => {
    switch (event.type) {
      case 'run-start':
        return `▶ ${event.agent} with ${clean(event.model)}: ${clean(event.goal)}`;
      case 'agent-start':
        return `┌ ${event.agent}: ${clean(event.task)}`;
      case 'agent-end':
        return `└ ${event.agent}: ${event.status}`;
      case 'step-start':
        modelCallNumber = event.step;
        return undefined;
      case 'model-call': {
        const { step } = event;
        if (step.error !== undefined) {
          return `✗ ${step.agent}: model call ${modelCallNumber} failed: ${clean(step.error)}`;
        }
        const tries = step.attempts > 1 ? `, ${step.attempts} tries` : '';
        const details = `in ${step.inputTokens} / out ${step.outputTokens} tokens, ${Math.round(step.latencyMs)} ms${tries}, ${step.finishReason ?? 'no finish reason'}`;
        return `→ ${step.agent}: model call ${modelCallNumber} (${details})`;
      }
      case 'model-retry':
        return `  ↻ retry ${event.attempt} after ${event.waitMs} ms: ${clean(event.error)}`;
      case 'tool-call':
        return `  ⚙ ${clean(event.tool)} ${clean(event.arguments)}`;
      case 'tool-result': {
        const { step } = event;
        return step.ok
          ? `  ✓ ${clean(step.tool)} ${step.latencyMs.toFixed(1)} ms`
          : `  ✗ ${clean(step.tool)}: ${clean(step.result)}`;
      }
      case 'guard':
        return `  ! guard ${event.guard} ${clean(event.detail)}`;
      case 'memory-compressed':
        return `  ⇣ ${event.agent}: working memory folded ${event.messagesFolded} messages into a summary of ${event.summaryTokens} tokens, ${tokenFormat.format(event.tokensBefore)} → ${tokenFormat.format(event.tokensAfter)} tokens of the ${tokenFormat.format(event.contextWindow)}-token window`;
      case 'run-end':
        return undefined;
    }
  };
}
