import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lessonPackageJsonSchema, publish, renderLessonPackageHtml, validateLessonPackage, type LessonPackage } from './index.js';

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'agentlab-publish-'));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

function lesson(overrides: Partial<LessonPackage> = {}): LessonPackage {
  return {
    pieceId: 'water',
    topic: 'Water <script>alert(1)</script>',
    audience: 'Grade 5 & up',
    summary: 'Water boils at 100 °C at sea level, and "freezes" at 0 °C.',
    sections: [{ heading: 'Boiling <b>point</b>', body: 'At sea level water boils at 100 °C.' }],
    keyFacts: [{ fact: 'Water boils at 100 °C at sea level.', sources: ['water-boiling-point.md'] }],
    quiz: [{ question: 'At what temperature does water boil at sea level?', choices: ['100 °C', '70 °C'], answerIndex: 0 }],
    metadata: { schemaVersion: 1, createdAt: '2026-01-01T00:00:00.000Z', confidence: 0.9, models: { writer: 'sim:strong' }, claimsChecked: 1, claimsSupported: 1 },
    ...overrides,
  };
}

describe('publish', () => {
  it('writes <piece-id>.json and .html once, and says so when the same piece is published again', async () => {
    const first = await publish(lesson(), directory);
    expect(first.alreadyPublished).toBe(false);
    const written = await readFile(first.jsonPath, 'utf8');
    const second = await publish(lesson({ summary: 'A different summary from a second worker.' }), directory);
    expect(second.alreadyPublished).toBe(true);
    expect(await readFile(first.jsonPath, 'utf8')).toBe(written);
    expect((await readdir(directory)).sort()).toEqual(['water.html', 'water.json']);
  });

  it('publishes exactly once when two workers finish the same piece at the same time', async () => {
    const summaries = ['First worker’s summary, long enough.', 'Second worker’s summary, long enough.', 'Third worker’s summary, long enough.'];
    const results = await Promise.all(summaries.map((summary) => publish(lesson({ summary }), directory)));
    expect(results.filter((result) => !result.alreadyPublished)).toHaveLength(1);
    // Whoever won, the page and the JSON are the same package.
    const published = JSON.parse(await readFile(path.join(directory, 'water.json'), 'utf8')) as LessonPackage;
    expect(await readFile(path.join(directory, 'water.html'), 'utf8')).toBe(renderLessonPackageHtml(published));
    expect((await readdir(directory)).sort()).toEqual(['water.html', 'water.json']);
  });

  it('refuses a package that fails validation, writing nothing', async () => {
    const invalid = lesson({ quiz: [{ question: 'Which?', choices: ['a', 'A'], answerIndex: 3 }] });
    await expect(publish(invalid, directory)).rejects.toMatchObject({ code: 'AGENTLAB_CONTENT_PACKAGE_INVALID' });
    expect(await readdir(directory)).toEqual([]);
    const validation = validateLessonPackage(invalid);
    expect(validation.ok ? [] : validation.errors).toEqual(['quiz.0.answerIndex: points past the 2 choices', 'quiz.0.choices: choices must differ']);
  });
});

describe('the HTML rendering', () => {
  it('escapes every text of the package', () => {
    const html = renderLessonPackageHtml(lesson());
    expect(html).not.toContain('<script>');
    expect(html).toContain('Water &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Boiling &lt;b&gt;point&lt;/b&gt;');
    expect(html).toContain('Grade 5 &amp; up');
    expect(html).toContain('&quot;freezes&quot;');
    expect(html).toContain('<li data-answer>100 °C</li>');
  });
});

describe('the package schema', () => {
  it('is documented as JSON Schema derived from zod, with every field required', () => {
    const schema = lessonPackageJsonSchema() as { required: string[]; properties: Record<string, unknown>; additionalProperties: boolean };
    expect(schema.required).toEqual(['pieceId', 'topic', 'audience', 'summary', 'sections', 'keyFacts', 'quiz', 'metadata']);
    expect(schema.additionalProperties).toBe(false);
  });
});
