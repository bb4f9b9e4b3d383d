import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runCli } from '../main.js';
import { recordingContext, runRecorded } from '../test-support.js';

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('agentlab sim', () => {
  it('serves the chosen profiles until asked to stop', async () => {
    const context = recordingContext();
    const arguments_ = ['sim', '--port', '0', '--latency', 'zero', '--profile', 'weak', '--profile', 'oracle,weak'];
    const running = runCli(arguments_, context);
    await waitFor(() => context.output.includes('Press Ctrl+C to stop.'));

    const baseURL = /listening at (http:\/\/127\.0\.0\.1:\d+\/v1)$/m.exec(context.output)?.[1];
    expect(baseURL).toBeDefined();
    expect(context.output).toMatch(/^weak +A small model/m);
    expect(context.output).toMatch(/^oracle +Never errs/m);
    expect(context.output).toContain(`curl -s ${baseURL}/chat/completions`);

    const response = await fetch(`${baseURL}/models`);
    const body = (await response.json()) as { data: Array<{ id: string }> };
    expect(body.data.map((model) => model.id).sort()).toEqual(['oracle', 'weak']);

    context.stop();
    expect(await running).toBe(0);
    expect(context.output).toContain('Received SIGINT, stopping the simulator.');
    await expect(fetch(`${baseURL}/models`)).rejects.toThrow();
  });

  it('exits 2 on an unknown profile, listing the available ones', async () => {
    const result = await runRecorded(['sim', '--profile', 'weak,genius']);
    expect(result.exitCode).toBe(2);
    expect(result.errorOutput).toContain('unknown profile genius; available: oracle, strong, weak, flaky, looping, small.');
  });

  it('exits 2 on a bad port or latency', async () => {
    expect((await runRecorded(['sim', '--port', '70000'])).exitCode).toBe(2);
    expect((await runRecorded(['sim', '--latency', 'sluggish'])).errorOutput).toContain(
      'expected zero, realistic, fast, or a whole number of milliseconds.',
    );
  });

  it('exits 1 and says so when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const result = await runRecorded(['sim', '--port', String(port)]);
      expect(result.exitCode).toBe(1);
      expect(result.errorOutput).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
