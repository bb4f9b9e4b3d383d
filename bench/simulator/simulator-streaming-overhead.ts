// Benchmark: milliseconds the simulator adds to a streamed chat completion (SSE chunks with
// tool-call deltas and a usage chunk), against a bare Fastify server writing the same events.
import type { Benchmark } from '../harness/index.js';
import { describeCallOverhead, measureCallOverhead, type CallOverheadOptions } from './call-overhead.js';
import { ADDED_MS_PER_STREAMED_CALL_TARGET } from './constants.js';

const options: CallOverheadOptions = { stream: true };

export const simulatorStreamingOverhead: Benchmark = {
  name: 'simulator-streaming',
  description: 'streamed chat completions with include_usage: simulator (zero latency) vs a bare Fastify server replaying its events',
  async run(context) {
    const overhead = await measureCallOverhead(options, context);
    return [
      {
        name: 'sim added time per streamed call',
        value: overhead.addedMs,
        unit: 'ms',
        target: { comparison: '<=', value: ADDED_MS_PER_STREAMED_CALL_TARGET },
        detail: describeCallOverhead(overhead, options),
      },
    ];
  },
};
