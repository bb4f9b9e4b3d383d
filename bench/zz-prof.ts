import { ModelProvider } from '../models/index.js';
import { MemorySpanSink, setupTracing } from '../tracing/index.js';
import { startSimProcess } from './processes/index.js';
import { timeAgentRuns } from './agent-overhead/agent-side.js';
const sim = await startSimProcess({ latency: 'zero' });
const provider = new ModelProvider({ env: { OPENAI_BASE_URL: sim.baseURL, OPENAI_API_KEY: 'sk-bench' } });
const sink = new MemorySpanSink();
const tracing = setupTracing({ environment: {}, sinks: [sink] });
const handle = await provider.open('openai:oracle');
for (let i = 0; i < 20; i++) { const t = await timeAgentRuns(handle, tracing, sink, 300); if (i % 4 === 0) console.log(i, t); }
await tracing.shutdown(); await provider.close(); await sim.close();
