// Benchmark: milliseconds the recording model proxy adds to each model call of a user's agent. The
// target figure is the eval's own arrangement for a module agent against a `sim:` model: agent,
// proxy and simulator (latency zero) in one process. Beside it, for information: the floors of a
// bare forwarder (node:http's client and undici's), streamed calls, an agent in its own process
// (command and HTTP agents), and an endpoint in its own process.
import { ModelProvider } from '../../models/index.js';
import { startModelProxy } from '../../targets/proxy/index.js';
import type { Benchmark, Figure } from '../harness/index.js';
import { startSimProcess } from '../processes/index.js';
import { startAgentProcess } from './agent-process.js';
import { startBareForwarder } from './bare-forwarder.js';
import { ADDED_MS_PER_CALL_TARGET, CALLS_PER_SAMPLE, IN_PROCESS_SIM_REFERENCE, SIM_PROCESS_REFERENCE } from './constants.js';
import { describeProxyOverhead, measureProxyOverhead } from './proxy-overhead.js';

export const modelProxy: Benchmark = {
  name: 'model-proxy',
  description: `openai client through a model proxy session vs straight to the simulator (latency zero), ${CALLS_PER_SAMPLE} sequential calls per sample, in alternating pairs: in one process, streamed, agent in its own process, simulator in its own process`,
  async run(context): Promise<Figure[]> {
    const provider = new ModelProvider({ latency: 'zero', env: {} });
    const proxy = await startModelProxy();
    const agentProcess = startAgentProcess();
    const simProcess = await startSimProcess({ latency: 'zero' });
    const remoteProvider = new ModelProvider({ env: { OPENAI_BASE_URL: simProcess.baseURL, OPENAI_API_KEY: 'sk-bench' } });
    try {
      const model = await provider.open(IN_PROCESS_SIM_REFERENCE);
      const remoteModel = await remoteProvider.open(SIM_PROCESS_REFERENCE);
      const plain = await measureProxyOverhead({ label: 'in one process', proxy, model, stream: false }, context);
      const bareForwarder = await startBareForwarder(model.baseURL, model.client.apiKey);
      const floor = await measureProxyOverhead({ label: 'bare forwarder', proxy, model, stream: false, bareForwarder, informational: true }, context).finally(() => bareForwarder.close());
      const undiciForwarder = await startBareForwarder(model.baseURL, model.client.apiKey, 'undici');
      const undiciFloor = await measureProxyOverhead({ label: 'undici forwarder', proxy, model, stream: false, bareForwarder: undiciForwarder, informational: true }, context).finally(() =>
        undiciForwarder.close(),
      );
      const streamed = await measureProxyOverhead({ label: 'streamed', proxy, model, stream: true, informational: true }, context);
      const separateAgent = await measureProxyOverhead({ label: 'agent process', proxy, model, stream: false, agentProcess, informational: true }, context);
      const separateEndpoint = await measureProxyOverhead({ label: 'simulator process', proxy, model: remoteModel, stream: false, informational: true }, context);
      return [
        {
          name: 'proxy overhead per model call',
          value: plain.addedMs,
          unit: 'ms',
          target: { comparison: '<=', value: ADDED_MS_PER_CALL_TARGET },
          detail: `agent (openai client), proxy and simulator in one process, as an eval runs a module agent on a sim: model; ${describeProxyOverhead(plain)}`,
        },
        {
          name: 'bare node:http forwarder overhead per model call',
          value: floor.addedMs,
          unit: 'ms',
          target: null,
          detail: `the floor under the figure above: the same arrangement through bench/model-proxy/bare-forwarder.ts (read, send on, send back; nothing parsed, checked or recorded); ${describeProxyOverhead(floor)}`,
        },
        {
          name: 'bare undici forwarder overhead per model call',
          value: undiciFloor.addedMs,
          unit: 'ms',
          target: null,
          detail: `the same bare forwarder sending on with undici's Pool and dispatch(), as the proxy does: the floor the proxy stands on; ${describeProxyOverhead(undiciFloor)}`,
        },
        {
          name: 'proxy overhead per streamed model call',
          value: streamed.addedMs,
          unit: 'ms',
          target: null,
          detail: `the same, streamed without asking for usage (the proxy asks for it and holds its chunk back); ${describeProxyOverhead(streamed)}`,
        },
        {
          name: 'proxy overhead per model call, agent in its own process',
          value: separateAgent.addedMs,
          unit: 'ms',
          target: null,
          detail: `as a command or HTTP agent reaches a sim: model; ${describeProxyOverhead(separateAgent)}`,
        },
        {
          name: 'proxy overhead per model call, simulator in its own process',
          value: separateEndpoint.addedMs,
          unit: 'ms',
          target: null,
          detail: `agent and proxy in this process, the endpoint in another (a local model server): the agent's own work after sending no longer overlaps the endpoint's, so more of the hop shows; ${describeProxyOverhead(separateEndpoint)}`,
        },
        {
          name: 'direct openai call time, simulator in process',
          value: plain.directMs,
          unit: 'ms',
          target: null,
          detail: 'the same non-streamed request straight to the in-process simulator, for scale',
        },
      ];
    } finally {
      await agentProcess.close();
      await proxy.close();
      await provider.close();
      await remoteProvider.close();
      await simProcess.close();
    }
  },
};
