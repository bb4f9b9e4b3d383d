// The scrape tool: bundled pages by address, path or file name, as readable text without markup,
// menus or scripts; other hosts, odd paths and unknown pages refused with an error the model reads.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScrapeError } from '../errors.js';
import { createSandbox, type Sandbox } from '../sandbox.js';
import { ToolRegistry } from '../tool-registry.js';
import { createBuiltInTools, createDefaultRegistry } from './built-in-tools.js';
import { pageNameFromAddress } from './page-address.js';
import { createScrapeTool } from './scrape.js';

let sandbox: Sandbox;
let registry: ToolRegistry;
let callNumber = 0;

beforeAll(async () => {
  sandbox = await createSandbox({ lazy: true });
  registry = new ToolRegistry([createScrapeTool()], { sandbox });
});

afterAll(async () => {
  await sandbox.remove();
});

async function scrape(url: unknown, target: ToolRegistry = registry) {
  callNumber += 1;
  return target.execute({ id: `call-${callNumber}`, name: 'scrape', arguments: JSON.stringify({ url }) });
}

describe('scrape', () => {
  it('returns the page as text: title and address, the lead paragraph, the rest', async () => {
    const result = await scrape('https://corpus.agentlab.test/photosynthesis');
    expect(result.ok).toBe(true);
    const [firstBlock, ...rest] = result.content.split('\n\n');
    expect(firstBlock).toBe(
      'Photosynthesis (https://corpus.agentlab.test/photosynthesis)\n' +
        'Photosynthesis is the process by which plants, algae and some bacteria use light energy to turn carbon dioxide and water into glucose, releasing oxygen. It takes place in chloroplasts, where the green pigment chlorophyll absorbs mostly red and blue light.',
    );
    expect(rest.join('\n\n')).toContain('6 CO2 + 6 H2O → C6H12O6 + 6 O2');
  });

  it('drops markup, navigation, footers and scripts', async () => {
    const { content } = await scrape('https://corpus.agentlab.test/dna');
    expect(content).toContain('Rosalind Franklin');
    expect(content).not.toMatch(/<|Sign in|window\.analytics|font-family|fictional site/);
  });

  it.each([
    'http://corpus.agentlab.test/dna',
    'corpus.agentlab.test/dna',
    'https://corpus.agentlab.test/dna.html?ref=search#lead',
    'https://CORPUS.agentlab.test/DNA/',
    '/dna',
    'dna.html',
    'dna',
  ])('reads the same page from "%s"', async (address) => {
    const result = await scrape(address);
    expect(result.ok).toBe(true);
    expect(result.content.split('\n')[0]).toBe('DNA (https://corpus.agentlab.test/dna)');
  });

  it('refuses other sites, saying it never goes to the network', async () => {
    const result = await scrape('https://en.wikipedia.org/wiki/DNA');
    expect(result).toMatchObject({ ok: false, errorCode: 'tool_error' });
    expect(result.content).toBe(
      'Error: scrape reads only the pages bundled with agentlab, at https://corpus.agentlab.test/<page>; it never goes to the network, so it cannot read https://en.wikipedia.org/wiki/DNA',
    );
    expect((await scrape('ftp://corpus.agentlab.test/dna')).content).toMatch(/^Error: scrape reads only the pages bundled/);
  });

  it('refuses paths that could leave the pages folder', async () => {
    for (const address of ['../../package.json', 'https://corpus.agentlab.test/../../etc/passwd', 'sub/page', '/etc/passwd']) {
      const result = await scrape(address);
      expect(result.ok, address).toBe(false);
      expect(result.content, address).toMatch(/^Error: ".*" is not a page address: give https:\/\/corpus\.agentlab\.test\/<page>/);
    }
  });

  it('names the pages there are when a page does not exist', async () => {
    const result = await scrape('https://corpus.agentlab.test/xylophone');
    expect(result).toMatchObject({ ok: false, errorCode: 'tool_error' });
    expect(result.content).toMatch(/^Error: no page at https:\/\/corpus\.agentlab\.test\/xylophone\. The pages are https:\/\/corpus\.agentlab\.test\/ followed by one of: acids-and-bases, ada-lovelace, /);
    expect(result.content).toContain('photosynthesis');
  });

  it('rejects a missing or empty address as invalid arguments', async () => {
    expect((await scrape('   ')).errorCode).toBe('invalid_arguments');
    expect((await scrape(42)).errorCode).toBe('invalid_arguments');
  });

  it('reads another pages folder when given one', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'agentlab-pages-'));
    try {
      await writeFile(
        path.join(directory, 'tea.html'),
        '<html><head><title>Tea</title></head><body><nav>Menu</nav><main><h1>Tea</h1><p>Tea comes from Camellia sinensis.</p></main></body></html>',
      );
      const own = new ToolRegistry([createScrapeTool({ pagesDirectory: directory })], { sandbox });
      expect((await scrape('https://corpus.agentlab.test/tea', own)).content).toBe('Tea (https://corpus.agentlab.test/tea)\nTea comes from Camellia sinensis.');
      expect((await scrape('photosynthesis', own)).content).toBe(
        'Error: no page at https://corpus.agentlab.test/photosynthesis. The pages are https://corpus.agentlab.test/ followed by one of: tea.',
      );
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('is a read tool, offered only when asked for, so default runs keep their seven tools', () => {
    expect(createScrapeTool().permission).toBe('read');
    expect(createDefaultRegistry({ sandbox }).names()).not.toContain('scrape');
    expect(createBuiltInTools({ scrape: true }).map((tool) => tool.name)).toContain('scrape');
    expect(createDefaultRegistry({ sandbox, scrape: { pagesDirectory: '/nowhere' } }).names()).toContain('scrape');
  });
});

describe('pageNameFromAddress', () => {
  it('gives the page name, or throws a ScrapeError with a stable code', () => {
    expect(pageNameFromAddress(' https://corpus.agentlab.test/ohms-law ')).toBe('ohms-law');
    expect(() => pageNameFromAddress('https://example.com/ohms-law')).toThrow(ScrapeError);
    try {
      pageNameFromAddress('https://example.com/ohms-law');
    } catch (error) {
      expect((error as ScrapeError).code).toBe('AGENTLAB_SCRAPE_ADDRESS_REFUSED');
    }
  });
});
