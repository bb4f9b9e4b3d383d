// Driver: an `openai` client instrumented by Traceloop/OpenLLMetry 0.27 (@traceloop/node-server-sdk),
// with withAgent/withTool around the loop and tools. Run by run-stack.ts.
import * as traceloop from '@traceloop/node-server-sdk';
import type { InitializeOptions } from '@traceloop/node-server-sdk';
import { runTraceloopAgent } from './traceloop-agent.js';

// The SDK's declarations reach `openai` through its CommonJS types and this file through its ESM
// ones, which TypeScript treats as unrelated classes; at run time both are the module in use.
const initialize = (options: unknown) => traceloop.initialize(options as InitializeOptions);
await runTraceloopAgent({ ...traceloop, initialize }, 'traceloop-0-27-agent');
