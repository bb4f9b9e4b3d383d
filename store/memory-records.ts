// What the memory and episode tables take and give back. Times are milliseconds since the Unix epoch.

/** A fact to keep, with the vector its embedding model gave it. */
export interface MemoryInput {
  namespace: string;
  /** The agent it belongs to; '' for every agent of the namespace. */
  agent: string;
  content: string;
  /** The model reference that made the embedding, e.g. sim:strong. */
  embeddingModel: string;
  embedding: Float32Array;
  createdAt: number;
  runId?: string;
}

/** A kept memory: what was given, without its vector, and how often and lately it was recalled. */
export interface MemoryRecord extends Omit<MemoryInput, 'embedding'> {
  id: number;
  lastAccessedAt: number;
  accessCount: number;
}

/** Which memories a search looks among: one namespace and embedding model, and optionally some agents. */
export interface MemorySearchScope {
  namespace: string;
  embeddingModel: string;
  /** Only memories of these agents ('' is the shared ones); every agent's when absent. */
  agents?: readonly string[];
}

export interface MemoryMatch {
  memory: MemoryRecord;
  /** Cosine distance of its vector from the query's, 0 to 2. */
  distance: number;
}

export interface MemoryListOptions {
  namespace?: string;
  agent?: string;
  /** 100 by default. */
  limit?: number;
  offset?: number;
}

/** Which memories to forget: every condition given must hold, and at least one must be given. */
export interface MemoryForgetFilter {
  ids?: readonly number[];
  namespace?: string;
  agent?: string;
}

/** A run to remember: what it was asked, what it did and how it went. */
export interface EpisodeInput {
  namespace: string;
  agent: string;
  /** The model reference the agent ran on. */
  model: string;
  runId?: string;
  traceId?: string;
  goal: string;
  steps: string;
  outcome: string;
  output: string;
  lesson?: string;
  embeddingModel: string;
  /** The embedding of the goal, which episodes are recalled by. */
  embedding: Float32Array;
  createdAt: number;
}

/** A kept episode: what was given, without its vector. */
export interface EpisodeRecord extends Omit<EpisodeInput, 'embedding'> {
  id: number;
}

export interface EpisodeSearchScope {
  namespace: string;
  embeddingModel: string;
  agent?: string;
  /** Only episodes that have a lesson. */
  withLessonsOnly?: boolean;
}

export interface EpisodeMatch {
  episode: EpisodeRecord;
  distance: number;
}

export interface EpisodeListOptions {
  namespace?: string;
  agent?: string;
  withLessonsOnly?: boolean;
  limit?: number;
  offset?: number;
}
