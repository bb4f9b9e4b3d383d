// Shared set-up for agent tests: a zero-latency simulator through the real model factory, a fresh
// sandbox seeded from the fixtures, and the default tool registry.
import { ModelProvider, type ModelHandle } from '../../models/index.js';
import { createDefaultRegistry, createSandbox, DEFAULT_SANDBOX_FIXTURES_DIRECTORY, type Sandbox, type ToolRegistry } from '../tools/index.js';

export interface AgentTestBed {
  provider: ModelProvider;
  open(reference: string): Promise<ModelHandle>;
  /** A new sandbox and registry for one run. */
  tools(): Promise<{ sandbox: Sandbox; registry: ToolRegistry }>;
  close(): Promise<void>;
}

export function createAgentTestBed(): AgentTestBed {
  const provider = new ModelProvider({ latency: 'zero' });
  const sandboxes: Sandbox[] = [];
  return {
    provider,
    open: (reference) => provider.open(reference),
    async tools() {
      const sandbox = await createSandbox({ fixtures: DEFAULT_SANDBOX_FIXTURES_DIRECTORY });
      sandboxes.push(sandbox);
      return { sandbox, registry: createDefaultRegistry({ sandbox }) };
    },
    async close() {
      await Promise.all(sandboxes.map((sandbox) => sandbox.remove()));
      await provider.close();
    },
  };
}
