// The simulator as a fact-checker: a json_schema response format named `fact_check` (what the content
// pipeline's fact-checker sends, content/fact-checker.ts) is answered by comparing each sentence of the
// draft with the evidence in the conversation, the way a careful small model would: by shared words and
// matching numbers. No answer key: only the draft and the evidence it was sent.
//
// The draft is the last user message after `Draft to check:`. Evidence is every tool result (search
// results as `1. Title (source)` blocks) and every `Context:` line, with the source in square brackets
// at its end (`- Water boils at 100 °C. [water-boiling-point.md]`).
import type { ConversationView } from '../conversation.js';

export interface SimClaimVerdict {
  claim: string;
  verdict: 'supported' | 'unsupported' | 'unclear';
  sources: string[];
  confidence: number;
}

interface Passage {
  text: string;
  source: string | undefined;
}

const ignored = new Set('about after also been from have into more most other some such than that their them then there these they this those were what when where which while will with would your the and for are but not can has its was'.split(' '));

export function claimWords(text: string): string[] {
  return [...new Set((text.toLowerCase().match(/[a-z][a-z0-9'-]{3,}/g) ?? []).filter((word) => !ignored.has(word)))];
}

function numbers(text: string): string[] {
  return (text.match(/\d+(?:[.,]\d+)*/g) ?? []).map((value) => value.replace(/,/g, ''));
}

export function sentencesOf(text: string): string[] {
  return text
    .split(/\n+|(?<=[.!?])\s+(?=[A-Z0-9"'])/)
    .map((sentence) => sentence.replace(/^\s*(?:[-*]|\d+[.)])\s+/, '').replace(/\s*\[[^\]]*\]\s*$/, '').trim())
    .filter((sentence) => claimWords(sentence).length >= 3);
}

function passagesOf(view: ConversationView): Passage[] {
  const passages: Passage[] = [];
  for (const call of view.toolCalls) {
    if (call.failed || !call.result) continue;
    for (const block of call.result.split(/\n\s*\n/)) {
      const hit = /^\s*\d+\.\s+.*\(([^()]+)\)\s*\n([\s\S]*)$/.exec(block);
      for (const sentence of sentencesOf(hit ? hit[2]! : block)) passages.push({ text: sentence, source: hit?.[1] });
    }
  }
  for (const context of view.contexts) {
    for (const line of context.split('\n')) {
      const match = /^(.*?)\s*\[([^\]]+)\]\s*$/.exec(line);
      for (const sentence of sentencesOf(match ? match[1]! : line)) passages.push({ text: sentence, source: match?.[2] });
    }
  }
  return passages;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** One verdict per sentence of the draft. */
export function factCheckHints(view: ConversationView): { claims: SimClaimVerdict[] } {
  const draft = view.lastUserText.replace(/^[\s\S]*?draft to check:\s*/i, '');
  const passages = passagesOf(view);
  const claims = sentencesOf(draft).map((claim): SimClaimVerdict => {
    const words = claimWords(claim);
    let best: { passage: Passage; overlap: number } | undefined;
    for (const passage of passages) {
      const passageWords = new Set(claimWords(passage.text));
      const overlap = words.filter((word) => passageWords.has(word)).length / words.length;
      if (!best || overlap > best.overlap) best = { passage, overlap };
    }
    if (!best || best.overlap < 0.4) return { claim, verdict: 'unsupported', sources: [], confidence: round(0.6 + 0.3 * (1 - (best?.overlap ?? 0))) };
    const passageNumbers = new Set(numbers(best.passage.text));
    const conflicting = numbers(claim).some((value) => !passageNumbers.has(value));
    const sources = best.passage.source ? [best.passage.source] : [];
    if (conflicting) return { claim, verdict: 'unsupported', sources, confidence: 0.8 };
    if (best.overlap >= 0.75) return { claim, verdict: 'supported', sources, confidence: round(0.55 + 0.45 * best.overlap) };
    return { claim, verdict: 'unclear', sources, confidence: 0.5 };
  });
  // A draft with no claim to check is said so, rather than left to the schema's defaults.
  if (claims.length === 0) return { claims: [{ claim: '(the draft makes no claim)', verdict: 'unclear', sources: [], confidence: 0 }] };
  return { claims };
}
