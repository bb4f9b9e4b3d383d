// Before the tests: builds dist/ once (the tests that start the `agentlab` command run the compiled
// JavaScript, which must match the sources under test), and starts the services some tests need
// (a throwaway redis-server for the Redis queue backend) through scripts/test-services.mjs, unless
// AGENTLAB_TEST_REDIS_URL already names one (.ci/run starts it itself). The services stop after the
// tests. When redis-server cannot be started, the reason goes to the Redis tests, which fail with it.
import { execFileSync } from 'node:child_process';

function startServices(): (() => void) | undefined {
  if (process.env.AGENTLAB_TEST_REDIS_URL) return undefined;
  try {
    const output = execFileSync(process.execPath, ['scripts/test-services.mjs', 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const started = JSON.parse(output) as { redisUrl: string; directory: string };
    process.env.AGENTLAB_TEST_REDIS_URL = started.redisUrl;
    return () => execFileSync(process.execPath, ['scripts/test-services.mjs', 'stop', started.directory], { stdio: 'inherit' });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    process.env.AGENTLAB_TEST_REDIS_UNAVAILABLE = stderr || (error instanceof Error ? error.message : String(error));
    return undefined;
  }
}

export default function setUpTests(): () => void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  const stopServices = startServices();
  return () => stopServices?.();
}
