// Tool output as the model gets it: HTML reduced to text, long output cut with a visible marker.
import { describe, expect, it } from 'vitest';
import { looksLikeHtml } from './html-to-plain-text.js';
import { sanitizeToolOutput } from './sanitize-tool-output.js';
import { truncateWithMarker } from './truncate-with-marker.js';

const page = `<!DOCTYPE html><html><head><title>Docs</title><style>.x { color: red }</style>
<script>alert("hi")</script></head><body><h1>Release notes</h1>
<p>Version <strong>2.1</strong> fixes <a href="https://example.com/bug">a bug</a> &amp; adds export.</p>
<ul><li>Faster start</li><li>Smaller bundle</li></ul>
<table><tr><th>Plan</th><th>Price</th></tr><tr><td>Pro</td><td>20</td></tr></table></body></html>`;

describe('sanitizeToolOutput', () => {
  it('reduces an HTML page to its text, without scripts, styles or link targets', () => {
    const text = sanitizeToolOutput(page);
    expect(text).toContain('Release notes');
    expect(text).toContain('Version 2.1 fixes a bug & adds export.');
    expect(text).toContain('Faster start');
    expect(text).toMatch(/Pro\s+20/);
    expect(text).not.toContain('<');
    expect(text).not.toContain('alert');
    expect(text).not.toContain('color: red');
    expect(text).not.toContain('example.com');
  });

  it('leaves plain text and markdown with a stray tag alone', () => {
    const markdown = '# Notes\n\nLine one<br>\nLine two\n\n- item';
    expect(looksLikeHtml(markdown)).toBe(false);
    expect(sanitizeToolOutput(markdown)).toBe(markdown);
  });

  it('caps long output with a marker that says how much was cut', () => {
    const text = 'x'.repeat(5000);
    const capped = sanitizeToolOutput(text, { maxLength: 1000 });
    expect(capped.length).toBeLessThanOrEqual(1000);
    const match = /\n\[\.\.\. truncated (\d+) characters\]$/.exec(capped);
    expect(match).not.toBeNull();
    const kept = capped.length - match![0].length;
    expect(kept + Number(match![1])).toBe(5000);
  });

  it('applies the default cap when none is given', () => {
    expect(sanitizeToolOutput('y'.repeat(10_000)).length).toBeLessThanOrEqual(4000);
  });
});

describe('truncateWithMarker', () => {
  it('returns text that fits unchanged', () => {
    expect(truncateWithMarker('short', 5)).toBe('short');
  });

  it('hard-cuts when the limit is too small for the marker', () => {
    expect(truncateWithMarker('abcdefghij', 4)).toBe('abcd');
  });
});
