// Deterministic hashed embeddings: each word (lower-cased, a plural "s" dropped) adds a signed unit
// to a hashed dimension, and the vector is normalised. Texts that share words therefore point the
// same way; texts that share none are close to orthogonal.
import { countTokens, decode } from 'gpt-tokenizer';
import type { EmbeddingRequest } from './request-schema.js';
import { hashText } from './seeded-random.js';

export const defaultEmbeddingDimensions = 256;

export function embedText(text: string, dimensions: number): Float32Array {
  const vector = new Float32Array(dimensions);
  for (const rawWord of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const word = rawWord.length > 3 && rawWord.endsWith('s') ? rawWord.slice(0, -1) : rawWord;
    const hash = hashText(word);
    vector[hash % dimensions]! += (hash >>> 31) === 1 ? 1 : -1;
  }
  let norm = 0;
  for (const value of vector) norm += value * value;
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let index = 0; index < dimensions; index++) vector[index]! *= scale;
  }
  return vector;
}

function inputTexts(input: EmbeddingRequest['input']): string[] {
  if (typeof input === 'string') return [input];
  if (input.every((item) => typeof item === 'string')) return input as string[];
  if (input.every((item) => typeof item === 'number')) return [decode(input as number[])];
  return (input as number[][]).map((tokens) => decode(tokens));
}

export function createEmbeddingResponse(request: EmbeddingRequest): Record<string, unknown> {
  const dimensions = request.dimensions ?? defaultEmbeddingDimensions;
  const texts = inputTexts(request.input);
  const promptTokens = texts.reduce((total, text) => total + countTokens(text), 0);
  return {
    object: 'list',
    model: request.model,
    data: texts.map((text, index) => {
      const vector = embedText(text, dimensions);
      const embedding = request.encoding_format === 'base64' ? Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64') : Array.from(vector);
      return { object: 'embedding', index, embedding };
    }),
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}
