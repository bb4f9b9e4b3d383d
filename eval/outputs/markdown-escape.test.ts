// Escaping untrusted text for GitHub-flavoured Markdown.
import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from './markdown-escape.js';

describe('escapeMarkdown', () => {
  it('turns HTML into text', () => {
    expect(escapeMarkdown('<script>alert(1)</script> & <img src=x onerror=alert(2)>')).toBe(
      '&lt;script&gt;alert\\(1\\)&lt;/script&gt; &amp; &lt;img src=x onerror=alert\\(2\\)&gt;',
    );
  });

  it('keeps a table cell whole and code spans, links and emphasis inert', () => {
    expect(escapeMarkdown('a | b `c` [d](e) *f* _g_ ~h~ ![i](j)')).toBe('a \\| b \\`c\\` \\[d\\]\\(e\\) \\*f\\* \\_g\\_ \\~h\\~ \\!\\[i\\]\\(j\\)');
  });

  it('keeps dollar signs from starting math', () => {
    expect(escapeMarkdown('$x^2$ costs $0.01')).toBe('\\$x^2\\$ costs \\$0.01');
  });

  it('escapes a backslash, so it cannot undo the escape after it', () => {
    expect(escapeMarkdown('\\|')).toBe('\\\\\\|');
  });

  it('puts everything on one line, so it cannot start a heading or end a table row', () => {
    expect(escapeMarkdown('first\n# heading\r\n| row |')).toBe('first \\# heading \\| row \\|');
  });
});
