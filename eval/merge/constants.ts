// Defaults of `agentlab merge`.

/** How many runs an error lists when a shard file holds several. */
export const mergeShardsListed = 5;
