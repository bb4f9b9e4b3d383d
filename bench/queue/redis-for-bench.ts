// The Redis the queue benchmark uses: AGENTLAB_QUEUE_URL or AGENTLAB_TEST_REDIS_URL when set, else a
// throwaway redis-server started (and later stopped) by scripts/test-services.mjs, as the tests do.
import { execFileSync } from 'node:child_process';

export interface BenchRedis {
  url: string;
  stop(): void;
}

export function redisForBench(): BenchRedis {
  const given = process.env.AGENTLAB_QUEUE_URL || process.env.AGENTLAB_TEST_REDIS_URL;
  if (given) return { url: given, stop: () => {} };
  let output: string;
  try {
    output = execFileSync(process.execPath, ['scripts/test-services.mjs', 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`the Redis half of the queue benchmark needs a redis-server: ${stderr || String(error)}`);
  }
  const started = JSON.parse(output) as { redisUrl: string; directory: string };
  return { url: started.redisUrl, stop: () => execFileSync(process.execPath, ['scripts/test-services.mjs', 'stop', started.directory]) };
}
