// The recall tool: the facts in long-term memory most like a query, best first, scored by cosine
// similarity with a small recency and access bonus. Reads only, so its permission is `read`.
import { z } from 'zod';
import { memoryDefaults, type RecalledMemory } from '../../memory/index.js';
import { defineTool } from '../define-tool.js';
import type { MemoryToolsOptions } from './memory-tools-options.js';

const recallParameters = z.object({
  query: z.string().trim().min(1).max(memoryDefaults.MAX_RECALL_QUERY_LENGTH).describe('What to recall: a topic, a question or keywords'),
  k: z.number().int().min(1).max(20).default(memoryDefaults.DEFAULT_RECALL_K).describe('How many memories to return'),
});

function formatRecalled(query: string, namespace: string, recalled: readonly RecalledMemory[]): string {
  if (recalled.length === 0) return `Nothing in memory about "${query}" (namespace "${namespace}").`;
  // One block per memory, best first and with no header, as search_web does: the first paragraph
  // is the best match.
  return recalled
    .map(({ memory, similarity }, index) => `${index + 1}. ${memory.content}\n   similarity ${similarity.toFixed(2)}, remembered ${new Date(memory.createdAt).toISOString().slice(0, 10)}`)
    .join('\n\n');
}

export function createRecallTool(options: MemoryToolsOptions) {
  return defineTool({
    name: 'recall',
    description:
      'Recall facts from long-term memory that match a query, best first, each with its similarity to the query. ' +
      'Use it when asked what you remember, or when an earlier conversation may hold the answer.',
    permission: 'read',
    parameters: recallParameters,
    async execute({ query, k }, { signal }) {
      const recalled = await options.memory.recall(query, { namespace: options.namespace, agent: options.agent, k, signal });
      return formatRecalled(query, options.namespace, recalled);
    },
  });
}
