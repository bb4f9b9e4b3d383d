// The built-in simulator profiles. Rates are documented in models/sim/README.md; keep both in step.
import type { BehaviourRates, SimProfile, TransportRates } from './profile.js';

const noBehaviourFaults: BehaviourRates = {
  wrongTool: 0,
  nonexistentTool: 0,
  malformedArguments: 0,
  repeatedCall: 0,
  earlyAnswer: 0,
  verboseOutput: 0,
};

const noTransportFaults: TransportRates = { rateLimit: 0, serverError: 0, stall: 0, cutOff: 0 };

const defaults = { retryAfterMs: 200, stallMs: 600_000 };

export const builtInProfiles: Record<string, SimProfile> = {
  oracle: {
    name: 'oracle',
    description: 'Never errs: follows the goal exactly, no transport faults.',
    behaviour: noBehaviourFaults,
    transport: noTransportFaults,
    latency: { timeToFirstTokenMs: 400, tokensPerSecond: 60 },
    prices: { input: 5, output: 15 },
    contextWindow: 128_000,
    ...defaults,
  },
  strong: {
    name: 'strong',
    description: 'A capable model: rare slips, rare transport faults.',
    behaviour: {
      wrongTool: 0.02,
      nonexistentTool: 0.01,
      malformedArguments: 0.02,
      repeatedCall: 0.02,
      earlyAnswer: 0.02,
      verboseOutput: 0.05,
    },
    transport: { rateLimit: 0.02, serverError: 0.01, stall: 0, cutOff: 0.01 },
    latency: { timeToFirstTokenMs: 300, tokensPerSecond: 90 },
    prices: { input: 2.5, output: 10 },
    contextWindow: 128_000,
    ...defaults,
  },
  weak: {
    name: 'weak',
    description: 'A small model (Llama-3.1-8B-like, 8K window): often picks the wrong tool, breaks JSON, loops and answers too early.',
    behaviour: {
      wrongTool: 0.15,
      nonexistentTool: 0.1,
      malformedArguments: 0.15,
      repeatedCall: 0.12,
      earlyAnswer: 0.25,
      verboseOutput: 0.25,
    },
    transport: { rateLimit: 0.03, serverError: 0.02, stall: 0, cutOff: 0.02 },
    latency: { timeToFirstTokenMs: 150, tokensPerSecond: 150 },
    prices: { input: 0.15, output: 0.6 },
    contextWindow: 8_192,
    ...defaults,
  },
  flaky: {
    name: 'flaky',
    description: 'Behaves like strong, behind an unreliable endpoint: 429s, 500s, stalls and cut-off streams.',
    behaviour: {
      wrongTool: 0.02,
      nonexistentTool: 0.01,
      malformedArguments: 0.02,
      repeatedCall: 0.02,
      earlyAnswer: 0.02,
      verboseOutput: 0.05,
    },
    transport: { rateLimit: 0.12, serverError: 0.08, stall: 0.04, cutOff: 0.08 },
    latency: { timeToFirstTokenMs: 600, tokensPerSecond: 40 },
    prices: { input: 1, output: 4 },
    contextWindow: 128_000,
    ...defaults,
  },
  looping: {
    name: 'looping',
    description: 'Repeats its previous tool call every turn: for testing loop guards.',
    behaviour: { ...noBehaviourFaults, repeatedCall: 1 },
    transport: noTransportFaults,
    latency: { timeToFirstTokenMs: 300, tokensPerSecond: 90 },
    prices: { input: 2.5, output: 10 },
    contextWindow: 128_000,
    ...defaults,
  },
  small: {
    name: 'small',
    description: 'Never errs: a Llama-3.1-8B-like 8K window (8,192 tokens) with no behaviour or transport faults, so a long task tests the window alone; it overflows unless working memory compresses.',
    behaviour: noBehaviourFaults,
    transport: noTransportFaults,
    latency: { timeToFirstTokenMs: 120, tokensPerSecond: 180 },
    prices: { input: 0.1, output: 0.4 },
    contextWindow: 8_192,
    ...defaults,
  },
};
