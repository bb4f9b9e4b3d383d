// The remember tool: keeps a fact in long-term memory, embedded by the run's embedding model, so a
// later run can recall it. Writes to the store, so its permission is `write`.
import { z } from 'zod';
import { memoryDefaults } from '../../memory/index.js';
import { defineTool } from '../define-tool.js';
import type { MemoryToolsOptions } from './memory-tools-options.js';

const rememberParameters = z.object({
  content: z.string().trim().min(1).max(memoryDefaults.MAX_MEMORY_LENGTH).describe('The fact to remember, as one self-contained sentence'),
});

export function createRememberTool(options: MemoryToolsOptions) {
  return defineTool({
    name: 'remember',
    description:
      'Store a fact in long-term memory so that later conversations can recall it. Use it when asked to remember ' +
      'something; one self-contained fact per call.',
    permission: 'write',
    parameters: rememberParameters,
    async execute({ content }, { signal }) {
      const memory = await options.memory.remember(content, {
        namespace: options.namespace,
        agent: options.agent,
        signal,
        ...(options.runId === undefined ? {} : { runId: options.runId }),
      });
      return `Remembered: ${content} (memory ${memory.id} in namespace "${memory.namespace}")`;
    },
  });
}
