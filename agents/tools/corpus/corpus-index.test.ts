// Search over the fixture corpus: the right document first for typical questions, snippets that
// carry the lead facts, HTML pages indexed as text.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorpusError } from '../errors.js';
import { parseCorpusDocument } from './corpus-document.js';
import { loadCorpusIndex } from './corpus-index.js';

describe('the fixture corpus', () => {
  it.each([
    ['What is the boiling point of water at sea level?', 'water-boiling-point.md'],
    ['Who created the Python programming language?', 'python-language.md'],
    ['How tall is Mount Everest?', 'mount-everest.md'],
    ['moons of Mars', 'mars.md'],
    ['distance from the Earth to the Moon', 'the-moon.md'],
    ['How many chambers does the human heart have?', 'human-heart.md'],
    ['Marie Curie Nobel prizes', 'marie-curie.md'],
    ['OTLP collector port', 'opentelemetry.html'],
    ['HTTP 429 Too Many Requests', 'http-status-codes.md'],
    ['kibibyte bytes', 'metric-prefixes.txt'],
    ['photosynthesis', 'photosynthesis.md'],
  ])('ranks the right document first for "%s"', async (query, source) => {
    const index = await loadCorpusIndex();
    expect(index.query(query, 3)[0]?.source).toBe(source);
  });

  it('shows the lead facts and the matching passage in the snippet', async () => {
    const [hit] = (await loadCorpusIndex()).query('boiling point of water', 1);
    expect(hit?.title).toBe('Boiling point of water');
    expect(hit?.snippet).toContain('100 °C');
    expect(hit?.snippet).toContain('212 °F');
  });

  it('indexes the text of HTML pages, not their markup or navigation', async () => {
    const index = await loadCorpusIndex();
    const page = index.documents.find((document) => document.source === 'opentelemetry.html');
    expect(page?.title).toBe('OpenTelemetry - Observability Primer');
    expect(page?.body).toContain('OpenTracing and OpenCensus');
    expect(page?.body).not.toMatch(/<|window\.analytics|Home \|/);
  });

  it('finds prefixes and small typos', async () => {
    const index = await loadCorpusIndex();
    expect(index.query('photosynth', 1)[0]?.source).toBe('photosynthesis.md');
    expect(index.query('Analyticle', 1)[0]?.source).toBe('ada-lovelace.md');
  });

  it('returns nothing for words it does not hold, and for stop words alone', async () => {
    const index = await loadCorpusIndex();
    expect(index.query('xylophone', 5)).toEqual([]);
    expect(index.query('what is the', 5)).toEqual([]);
  });

  it('is built once per directory', async () => {
    expect(await loadCorpusIndex()).toBe(await loadCorpusIndex());
  });
});

describe('loadCorpusIndex', () => {
  it('reports a missing or empty corpus, and retries later', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'agentlab-corpus-'));
    try {
      await expect(loadCorpusIndex(directory)).rejects.toThrow(CorpusError);
      await expect(loadCorpusIndex(path.join(directory, 'missing'))).rejects.toThrow(/cannot read the corpus/);
      await writeFile(path.join(directory, 'tea.md'), '# Tea\n\nTea comes from Camellia sinensis.');
      expect((await loadCorpusIndex(directory)).query('camellia', 1)[0]?.title).toBe('Tea');
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe('parseCorpusDocument', () => {
  it('takes titles from markdown headings and the first line of text files', () => {
    expect(parseCorpusDocument(0, 'a.md', '# Alpha\n\nBody.')).toMatchObject({ title: 'Alpha', body: 'Body.' });
    expect(parseCorpusDocument(0, 'b.txt', 'Beta\nBody.')).toMatchObject({ title: 'Beta', body: 'Body.' });
    expect(parseCorpusDocument(0, 'dir/c.md', 'No heading.')).toMatchObject({ title: 'c', body: 'No heading.' });
  });
});
