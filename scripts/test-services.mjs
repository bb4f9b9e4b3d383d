#!/usr/bin/env node
// Starts and stops the services the tests need beyond Node: today a throwaway redis-server for the
// Redis queue backend (queue/). `.ci/run` and vitest's global setup both go through here, so CI and a
// fresh clone start it the same way: Debian's redis-server (installed with apt-get when missing and
// this process may), on a free loopback port, its data in a temp folder, no persistence.
//
//   node scripts/test-services.mjs start          prints {"redisUrl", "directory"} as JSON
//   node scripts/test-services.mjs start --shell  prints `export AGENTLAB_TEST_REDIS_URL=…` lines for eval
//   node scripts/test-services.mjs stop <dir>     stops what `start` started in <dir> and removes it
//
// When redis-server is missing and cannot be installed, start exits 3 with how to install it.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const installHint = 'the Redis queue tests need Debian\'s redis-server: install it with `sudo apt-get install -y redis-server` (or put a redis-server on PATH), or set AGENTLAB_TEST_REDIS_URL to a Redis the tests may write to';

function findRedisServer() {
  for (const candidate of ['/usr/bin/redis-server', '/usr/local/bin/redis-server', '/usr/sbin/redis-server']) {
    if (existsSync(candidate)) return candidate;
  }
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() !== '' ? found.stdout.trim() : undefined;
}

function installRedisServer() {
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return;
  process.stderr.write('redis-server is missing: installing Debian\'s redis-server with apt-get…\n');
  const environment = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update'], { stdio: ['ignore', 'ignore', 'inherit'], env: environment });
  spawnSync('apt-get', ['install', '-y', 'redis-server'], { stdio: ['ignore', 'ignore', 'inherit'], env: environment });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function ping(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    socket.setTimeout(500, () => socket.destroy());
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) socket.end();
    });
    socket.on('close', () => resolve(reply.startsWith('+PONG')));
    socket.on('error', () => resolve(false));
  });
}

async function start() {
  let executable = findRedisServer();
  if (!executable) {
    installRedisServer();
    executable = findRedisServer();
  }
  if (!executable) {
    process.stderr.write(`redis-server not found: ${installHint}.\n`);
    process.exit(3);
  }
  const directory = mkdtempSync(join(tmpdir(), 'agentlab-test-services-'));
  const port = await freePort();
  // Daemonized, so it outlives this short script; `stop` ends it by the pid it writes.
  execFileSync(executable, [
    '--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'yes',
    '--dir', directory, '--save', '', '--appendonly', 'no',
    '--daemonize', 'yes', '--pidfile', join(directory, 'redis.pid'), '--logfile', join(directory, 'redis.log'),
  ]);
  for (let tries = 0; tries < 100; tries += 1) {
    if (await ping(port)) return { redisUrl: `redis://127.0.0.1:${port}`, directory };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const log = existsSync(join(directory, 'redis.log')) ? readFileSync(join(directory, 'redis.log'), 'utf8').slice(-2000) : '';
  await stop(directory);
  process.stderr.write(`redis-server did not answer on port ${port} within 10 s.\n${log}\n`);
  process.exit(1);
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stop(directory) {
  if (!directory || !directory.includes('agentlab-test-services-')) throw new Error(`Not a test services folder: ${directory}`);
  const pidFile = join(directory, 'redis.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      // Its folder is removed only once it has let go of it.
      for (let tries = 0; tries < 50 && isAlive(pid); tries += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  rmSync(directory, { recursive: true, force: true });
}

const [command, argument] = process.argv.slice(2);
if (command === 'start') {
  const started = await start();
  if (argument === '--shell') {
    process.stdout.write(`export AGENTLAB_TEST_REDIS_URL='${started.redisUrl}'\nexport AGENTLAB_TEST_SERVICES_DIR='${started.directory}'\n`);
  } else {
    process.stdout.write(`${JSON.stringify(started)}\n`);
  }
} else if (command === 'stop') {
  await stop(argument);
} else {
  process.stderr.write('usage: node scripts/test-services.mjs start [--shell] | stop <directory>\n');
  process.exit(2);
}
