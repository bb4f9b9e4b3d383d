// Driver: the same agent as traceloop-0-27.ts under Traceloop 0.22 (the npm alias traceloop-sdk-0-22),
// whose spans use the older GenAI names (gen_ai.usage.prompt_tokens, llm.request.type). Run by run-stack.ts.
import * as traceloop from 'traceloop-sdk-0-22';
import type { InitializeOptions } from 'traceloop-sdk-0-22';
import { runTraceloopAgent } from './traceloop-agent.js';

// The SDK's declarations reach `openai` through its CommonJS types and this file through its ESM
// ones, which TypeScript treats as unrelated classes; at run time both are the module in use.
const initialize = (options: unknown) => traceloop.initialize(options as InitializeOptions);
await runTraceloopAgent({ ...traceloop, initialize }, 'traceloop-0-22-agent');
