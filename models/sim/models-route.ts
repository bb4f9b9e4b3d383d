// GET /v1/models and POST /v1/embeddings.
import type { FastifyInstance } from 'fastify';
import { createEmbeddingResponse } from './embeddings.js';
import { openAIError } from './openai-error.js';
import type { SimProfile } from './profile.js';
import { describeFirstIssue, embeddingRequestSchema } from './request-schema.js';

const ownedBy = 'agentlab-sim';

export function registerModelRoutes(app: FastifyInstance, profiles: Record<string, SimProfile>): void {
  const modelEntry = (id: string) => ({ id, object: 'model', created: 0, owned_by: ownedBy });

  app.get('/v1/models', async () => ({ object: 'list', data: Object.keys(profiles).map(modelEntry) }));

  app.get<{ Params: { id: string } }>('/v1/models/:id', async (request, reply) => {
    if (!profiles[request.params.id]) {
      return reply.code(404).send(openAIError(`The model \`${request.params.id}\` does not exist.`, 'invalid_request_error', 'model_not_found', 'model'));
    }
    return modelEntry(request.params.id);
  });

  app.post('/v1/embeddings', async (request, reply) => {
    const parsed = embeddingRequestSchema.safeParse(request.body);
    if (!parsed.success) {
      const { param, message } = describeFirstIssue(parsed.error);
      return reply.code(400).send(openAIError(message, 'invalid_request_error', 'invalid_value', param || null));
    }
    // Every served model embeds: the simulator has no separate embedding models.
    if (!profiles[parsed.data.model]) {
      return reply.code(404).send(openAIError(`The model \`${parsed.data.model}\` does not exist.`, 'invalid_request_error', 'model_not_found', 'model'));
    }
    return createEmbeddingResponse(parsed.data);
  });
}
