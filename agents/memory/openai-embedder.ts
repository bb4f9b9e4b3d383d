// An Embedder over an OpenAI-compatible `POST /v1/embeddings` (OpenAI, the simulator, Ollama, vLLM…)
// through the `openai` client the model factory opened. Every answer is checked before it is used:
// one vector per input, all of one size, every number finite, so a bad endpoint is an error that
// names the model, never a vector stored wrong.
import type OpenAI from 'openai';
import type { EmbedOptions, Embedder } from './embedder.js';
import { embeddingFailed, embeddingInvalid } from './errors.js';

/** The parts of a ModelHandle (models/) an embedder needs. */
export interface EmbeddingEndpoint {
  /** The reference as the user gave it, e.g. sim:strong. */
  reference: string;
  /** The model id sent to the endpoint. */
  model: string;
  client: OpenAI;
  baseURL: string;
}

export function createOpenAiEmbedder(endpoint: EmbeddingEndpoint): Embedder {
  return {
    model: endpoint.reference,
    async embed(texts: readonly string[], options: EmbedOptions = {}): Promise<Float32Array[]> {
      if (texts.length === 0) return [];
      let response: OpenAI.CreateEmbeddingResponse;
      try {
        // Floats, not the client's default base64: some OpenAI-compatible servers ignore the format
        // and send floats anyway, which the client would then decode as if they were base64.
        response = await endpoint.client.embeddings.create(
          { model: endpoint.model, input: [...texts], encoding_format: 'float' },
          options.signal ? { signal: options.signal } : {},
        );
      } catch (error) {
        throw embeddingFailed(endpoint.reference, endpoint.baseURL, error);
      }
      return readVectors(endpoint.reference, response, texts.length);
    },
  };
}

/** The answer's vectors in input order, or AGENTLAB_EMBEDDING_INVALID saying what is wrong with them. */
export function readVectors(model: string, response: unknown, expected: number): Float32Array[] {
  const data = (response as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw embeddingInvalid(model, 'answered without a data array of embeddings.');
  if (data.length !== expected) throw embeddingInvalid(model, `returned ${data.length} embeddings for ${expected} inputs.`);
  const vectors: Float32Array[] = new Array(expected);
  data.forEach((item: unknown, position) => {
    const entry = item as { index?: unknown; embedding?: unknown } | null;
    const index = typeof entry?.index === 'number' ? entry.index : position;
    if (!Number.isInteger(index) || index < 0 || index >= expected || vectors[index] !== undefined) {
      throw embeddingInvalid(model, `returned an embedding with index ${String(entry?.index)} for ${expected} inputs.`);
    }
    const values = entry?.embedding;
    if (!Array.isArray(values) || values.length === 0) throw embeddingInvalid(model, `returned embedding ${index} as ${describe(values)}, not a list of numbers.`);
    const vector = new Float32Array(values.length);
    for (let position = 0; position < values.length; position++) {
      const value = values[position];
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw embeddingInvalid(model, `returned embedding ${index} with ${describe(value)} at position ${position}, not a finite number.`);
      }
      vector[position] = value;
    }
    vectors[index] = vector;
  });
  const size = vectors[0]!.length;
  const odd = vectors.findIndex((vector) => vector.length !== size);
  if (odd !== -1) throw embeddingInvalid(model, `returned vectors of different sizes: ${size} numbers for input 0, ${vectors[odd]!.length} for input ${odd}.`);
  return vectors;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.slice(0, 20))}`;
  return typeof value === 'number' ? String(value) : typeof value;
}
