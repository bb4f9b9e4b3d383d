// Before the tests: builds dist/ once (the tests that start the `agentlab` command run the compiled
// JavaScript, which must match the sources under test), and starts the services some tests need (a
// throwaway redis-server for the Redis queue backend, a throwaway PostgreSQL for the PostgreSQL store
// backend) through scripts/test-services.mjs, each unless AGENTLAB_TEST_REDIS_URL or
// AGENTLAB_TEST_POSTGRES_URL already names one (.ci/run starts them itself). The services stop after
// the tests. A service that cannot be started leaves its reason in AGENTLAB_TEST_REDIS_UNAVAILABLE or
// AGENTLAB_TEST_POSTGRES_UNAVAILABLE, and the tests that need it fail with it.
import { execFileSync } from 'node:child_process';

interface StartedServices {
  directory: string;
  redisUrl?: string;
  postgresUrl?: string;
  unavailable: { redis?: string; postgres?: string };
}

const services = [
  { name: 'redis', variable: 'AGENTLAB_TEST_REDIS', url: (started: StartedServices) => started.redisUrl },
  { name: 'postgres', variable: 'AGENTLAB_TEST_POSTGRES', url: (started: StartedServices) => started.postgresUrl },
] as const;

function startServices(): (() => void) | undefined {
  const wanted = services.filter((service) => !process.env[`${service.variable}_URL`]);
  if (wanted.length === 0) return undefined;
  try {
    const names = wanted.map((service) => service.name);
    const output = execFileSync(process.execPath, ['scripts/test-services.mjs', 'start', ...names], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const started = JSON.parse(output) as StartedServices;
    for (const service of wanted) {
      const url = service.url(started);
      if (url) process.env[`${service.variable}_URL`] = url;
      else process.env[`${service.variable}_UNAVAILABLE`] = started.unavailable[service.name] ?? `${service.name} did not start`;
    }
    return () => execFileSync(process.execPath, ['scripts/test-services.mjs', 'stop', started.directory], { stdio: 'inherit' });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    const reason = stderr || (error instanceof Error ? error.message : String(error));
    for (const service of wanted) process.env[`${service.variable}_UNAVAILABLE`] = reason;
    return undefined;
  }
}

export default function setUpTests(): () => void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  const stopServices = startServices();
  return () => stopServices?.();
}
