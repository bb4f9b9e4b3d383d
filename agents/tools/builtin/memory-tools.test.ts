// remember and recall through a real registry: facts embedded by the simulator over HTTP, kept in a
// store file, recalled in the agent's scope; offered only when memory is on; failures come back as
// Error results, never as exceptions.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMemory, type LongTermMemory } from '../../memory/index.js';
import { createMemoryTestBed, startFakeEmbeddingEndpoint, type MemoryTestBed } from '../../memory/test-support.js';
import { DEFAULT_SANDBOX_FIXTURES_DIRECTORY } from '../constants.js';
import { createSandbox, type Sandbox } from '../sandbox.js';
import { createDefaultRegistry } from './built-in-tools.js';

let bed: MemoryTestBed;
let sandbox: Sandbox;
let memory: LongTermMemory;

beforeEach(async () => {
  bed = createMemoryTestBed();
  sandbox = await createSandbox({ fixtures: DEFAULT_SANDBOX_FIXTURES_DIRECTORY, lazy: true });
  memory = (await openMemory({ store: bed.backend, provider: bed.provider, embeddingModel: 'sim:strong', now: () => Date.UTC(2026, 11, 5) })).longTerm;
});
afterEach(async () => {
  await sandbox.remove();
  await bed.close();
});

const call = (name: string, args: Record<string, unknown>) => ({ id: `call-${name}`, name, arguments: JSON.stringify(args) });

describe('memory tools', () => {
  it('are offered, remember as write and recall as read, only when the registry is given memory', () => {
    expect(createDefaultRegistry({ sandbox }).names()).not.toContain('remember');
    const registry = createDefaultRegistry({ sandbox, memory: { memory, namespace: 'default', agent: 'react' } });
    expect(registry.names().slice(-2)).toEqual(['remember', 'recall']);
    expect([registry.get('remember')!.permission, registry.get('recall')!.permission]).toEqual(['write', 'read']);
  });

  it('remember keeps the fact in the agent\'s scope; recall finds it, best first', async () => {
    const registry = createDefaultRegistry({ sandbox, memory: { memory, namespace: 'team', agent: 'react', runId: 'trace-9' } });
    const remembered = await registry.execute(call('remember', { content: 'The office wifi password is hunter2' }));
    expect(remembered).toMatchObject({ ok: true });
    expect(remembered.content).toMatch(/^Remembered: The office wifi password is hunter2 \(memory \d+ in namespace "team"\)$/);
    await registry.execute(call('remember', { content: 'Lunch is at noon' }));
    expect((await memory.list({ namespace: 'team' }))[0]).toMatchObject({ agent: 'react', runId: 'trace-9' });

    const recalled = await registry.execute(call('recall', { query: 'wifi password', k: 2 }));
    expect(recalled.ok).toBe(true);
    expect(recalled.content).toMatch(/^1\. The office wifi password is hunter2\n {3}similarity 0\.\d\d, remembered 2026-12-05\n\n2\. Lunch is at noon\n/);
  });

  it('recall says plainly when the namespace holds nothing, and does not see other namespaces', async () => {
    await memory.remember('The office wifi password is hunter2', { namespace: 'team', agent: 'react' });
    const registry = createDefaultRegistry({ sandbox, memory: { memory, namespace: 'eval-1/case-1', agent: 'react' } });
    const recalled = await registry.execute(call('recall', { query: 'wifi password' }));
    expect(recalled).toMatchObject({ ok: true, content: 'Nothing in memory about "wifi password" (namespace "eval-1/case-1").' });
  });

  it('remember is denied when the run allows only read, and stores nothing', async () => {
    const registry = createDefaultRegistry({ sandbox, allowed: ['read'], memory: { memory, namespace: 'default', agent: 'react' } });
    const result = await registry.execute(call('remember', { content: 'x' }));
    expect(result).toMatchObject({ ok: false, errorCode: 'permission_denied' });
    expect(await memory.count()).toBe(0);
  });

  it('hands a failing embedding endpoint back to the model as an Error result naming the model', async () => {
    const endpoint = await startFakeEmbeddingEndpoint(() => ({ status: 503, body: { error: { message: 'embedder overloaded' } } }));
    const failing = createMemoryTestBed({ overloaded: endpoint.baseURL });
    try {
      const broken = (await openMemory({ store: failing.backend, provider: failing.provider, embeddingModel: 'overloaded' })).longTerm;
      const registry = createDefaultRegistry({ sandbox, memory: { memory: broken, namespace: 'default', agent: 'react' } });
      const result = await registry.execute(call('remember', { content: 'The budget is 48,000 EUR' }));
      expect(result).toMatchObject({ ok: false, errorCode: 'tool_error' });
      expect(result.content).toContain(`Embedding model overloaded at ${endpoint.baseURL} failed: 503 embedder overloaded`);
      expect(await broken.count()).toBe(0);
    } finally {
      await failing.close();
      await endpoint.close();
    }
  });
});
