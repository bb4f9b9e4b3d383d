// Benchmark: milliseconds the simulator adds to a non-streaming chat completion, against a bare
// Fastify server sending the same bytes, and how many such calls per second it serves.
import type { Benchmark } from '../harness/index.js';
import { describeCallOverhead, measureCallOverhead, type CallOverheadOptions } from './call-overhead.js';
import { ADDED_MS_PER_CALL_TARGET } from './constants.js';

const options: CallOverheadOptions = { stream: false };

export const simulatorOverhead: Benchmark = {
  name: 'simulator-overhead',
  description: 'non-streaming chat completions: simulator (zero latency) vs a bare Fastify server replaying its reply',
  async run(context) {
    const overhead = await measureCallOverhead(options, context);
    return [
      {
        name: 'sim added time per call',
        value: overhead.addedMs,
        unit: 'ms',
        target: { comparison: '<=', value: ADDED_MS_PER_CALL_TARGET },
        detail: describeCallOverhead(overhead, options),
      },
      {
        name: 'sim calls per second, sequential',
        value: 1000 / overhead.simulatorMs,
        unit: 'calls/s',
        target: null,
        detail: 'one openai client, one call at a time, client time included',
      },
    ];
  },
};
