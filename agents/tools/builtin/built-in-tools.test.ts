// Each built-in tool's success path through the default registry, over a sandbox seeded from
// the fixtures.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SANDBOX_FIXTURES_DIRECTORY, OUTBOX_FILE } from '../constants.js';
import { createSandbox, type Sandbox } from '../sandbox.js';
import type { ToolRegistry } from '../tool-registry.js';
import { createDefaultRegistry } from './built-in-tools.js';

let sandbox: Sandbox;
let registry: ToolRegistry;
let callNumber = 0;

beforeEach(async () => {
  sandbox = await createSandbox({ fixtures: DEFAULT_SANDBOX_FIXTURES_DIRECTORY });
  registry = createDefaultRegistry({ sandbox, allowed: ['read', 'write', 'destructive'] });
});

afterEach(async () => {
  await sandbox.remove();
});

async function run(name: string, args: Record<string, unknown>) {
  callNumber += 1;
  return registry.execute({ id: `call-${callNumber}`, name, arguments: JSON.stringify(args) });
}

describe('built-in tools', () => {
  it('offers the seven built-ins with their permission levels', () => {
    expect(registry.names()).toEqual([
      'search_web',
      'read_file',
      'write_file',
      'list_files',
      'delete_file',
      'calculator',
      'send_email',
    ]);
    const levels = Object.fromEntries(registry.names().map((name) => [name, registry.get(name)!.permission]));
    expect(levels).toEqual({
      search_web: 'read',
      read_file: 'read',
      write_file: 'write',
      list_files: 'read',
      delete_file: 'destructive',
      calculator: 'read',
      send_email: 'destructive',
    });
  });

  it('search_web returns numbered results with title, source and snippet', async () => {
    const result = await run('search_web', { query: 'speed of light', limit: 2 });
    expect(result.ok).toBe(true);
    expect(result.content).toMatch(/^1\. Speed of light \(speed-of-light\.md\)\n {3}The speed of light/);
    expect(result.content).toContain('299,792 km/s');
    expect(result.content).not.toMatch(/^3\. /m);
  });

  it('search_web says so plainly when nothing matches', async () => {
    const result = await run('search_web', { query: 'xylophone quasar' });
    expect(result).toMatchObject({ ok: true });
    expect(result.content).toBe('No documents matched "xylophone quasar". Try other or fewer keywords.');
  });

  it('read_file returns the file', async () => {
    const result = await run('read_file', { path: 'notes.txt' });
    expect(result.ok).toBe(true);
    expect(result.content).toContain('Budget approved: 48,000 EUR');
  });

  it('read_file refuses paths outside the sandbox with an Error result', async () => {
    const result = await run('read_file', { path: '../../etc/passwd' });
    expect(result).toMatchObject({ ok: false, errorCode: 'tool_error' });
    expect(result.content).toBe('Error: path "../../etc/passwd" refused: it leads outside the sandbox');
  });

  it('write_file creates parent folders and reports the bytes written', async () => {
    const result = await run('write_file', { path: 'notes/summary.md', content: 'Budget: 48,000 EUR\n' });
    expect(result).toMatchObject({ ok: true, content: 'Wrote 19 bytes to notes/summary.md' });
    expect(await readFile(path.join(sandbox.root, 'notes/summary.md'), 'utf8')).toBe('Budget: 48,000 EUR\n');
  });

  it('list_files lists the sandbox with sizes', async () => {
    const size = async (file: string) => (await stat(path.join(sandbox.root, file))).size;
    const result = await run('list_files', {});
    expect(result.content.split('\n')).toEqual([
      `config.json (${await size('config.json')} bytes)`,
      'data/',
      `data/sales.csv (${await size('data/sales.csv')} bytes)`,
      `notes.txt (${await size('notes.txt')} bytes)`,
      `old-report.txt (${await size('old-report.txt')} bytes)`,
      `todo.md (${await size('todo.md')} bytes)`,
    ]);
    expect((await run('list_files', { path: 'data' })).content).toBe(
      `data/sales.csv (${await size('data/sales.csv')} bytes)`,
    );
  });

  it('delete_file removes the file', async () => {
    const result = await run('delete_file', { path: 'old-report.txt' });
    expect(result).toMatchObject({ ok: true, content: 'Deleted old-report.txt' });
    await expect(stat(path.join(sandbox.root, 'old-report.txt'))).rejects.toThrow();
  });

  it('calculator evaluates an expression', async () => {
    expect(await run('calculator', { expression: '17 * 23' })).toMatchObject({ ok: true, content: '391' });
  });

  it('calculator answers non-math input with an Error result', async () => {
    for (const expression of ['import({})', 'createUnit("foo")', 'require("child_process").exec("ls")']) {
      const result = await run('calculator', { expression });
      expect(result).toMatchObject({ ok: false, errorCode: 'tool_error' });
      expect(result.content).toMatch(/^Error: cannot evaluate/);
    }
  });

  it('send_email appends one JSON line to the outbox and never leaves the sandbox', async () => {
    const first = await run('send_email', { to: 'priya@example.com', subject: 'Summary', body: 'Budget is 48,000 EUR.' });
    expect(first).toMatchObject({ ok: true, content: 'Email queued to priya@example.com with subject "Summary"' });
    await run('send_email', { to: 'tom@example.com', subject: 'API', body: 'Draft due 21 March.' });
    const lines = (await readFile(path.join(sandbox.root, OUTBOX_FILE), 'utf8')).trim().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { to: 'priya@example.com', subject: 'Summary', body: 'Budget is 48,000 EUR.', callId: expect.any(String) },
      { to: 'tom@example.com', subject: 'API', body: 'Draft due 21 March.', callId: expect.any(String) },
    ]);
  });

  it('send_email rejects an address that is not one, naming the field', async () => {
    const result = await run('send_email', { to: 'priya', subject: 'x', body: 'y' });
    expect(result.content).toMatch(/^Error: invalid arguments: to: /);
  });

  it('destructive built-ins are denied when the run allows only read and write', async () => {
    const cautious = createDefaultRegistry({ sandbox });
    const result = await cautious.execute({ id: 'c', name: 'delete_file', arguments: '{"path":"old-report.txt"}' });
    expect(result.content).toMatch(/^Error: permission denied: delete_file is destructive and this run allows read, write\./);
    expect(await stat(path.join(sandbox.root, 'old-report.txt'))).toBeTruthy();
  });
});
