// What memory needs of an embedding model: texts in, one vector each out, under a name that is
// stored with every vector (vectors are only compared with vectors of the same model).
// openai-embedder.ts is the implementation over any OpenAI-compatible /v1/embeddings endpoint.

export interface EmbedOptions {
  signal?: AbortSignal;
}

export interface Embedder {
  /** The model reference, e.g. sim:strong or openai:text-embedding-3-small: named in errors and stored with each vector. */
  readonly model: string;
  /**
   * One vector per text, in order, all of one size and finite. Throws AGENTLAB_EMBEDDING_FAILED when
   * the endpoint fails and AGENTLAB_EMBEDDING_INVALID when its answer is not that.
   */
  embed(texts: readonly string[], options?: EmbedOptions): Promise<Float32Array[]>;
}
