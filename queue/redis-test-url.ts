// The Redis the Redis backend's tests use: AGENTLAB_TEST_REDIS_URL, set by .ci/run or by vitest's
// global setup (scripts/test-services.mjs). Missing, it fails the tests with how to get one: a
// Redis test is never skipped in silence.

export function redisTestUrl(): string {
  const url = process.env.AGENTLAB_TEST_REDIS_URL;
  if (url) return url;
  const reason = process.env.AGENTLAB_TEST_REDIS_UNAVAILABLE ?? 'AGENTLAB_TEST_REDIS_URL is not set';
  throw new Error(
    `No Redis for the Redis queue tests: ${reason}. Install Debian's redis-server (sudo apt-get install -y redis-server) and run the tests with npm test, ` +
      'which starts one through scripts/test-services.mjs, or set AGENTLAB_TEST_REDIS_URL=redis://host:port to a Redis the tests may write to.',
  );
}
