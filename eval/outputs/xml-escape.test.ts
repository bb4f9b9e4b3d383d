// Escaping untrusted text for XML 1.0.
import { describe, expect, it } from 'vitest';
import { escapeXml, escapeXmlAttribute } from './xml-escape.js';

describe('escapeXml', () => {
  it('escapes the five significant characters', () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;');
  });

  it('escapes an ampersand once, even before something that looks like an entity', () => {
    expect(escapeXml('&amp; &#60;')).toBe('&amp;amp; &amp;#60;');
  });

  it('drops characters XML 1.0 cannot carry and keeps tab, line breaks and astral characters', () => {
    // U+0000, U+0001, U+001F, U+FFFE, U+FFFF and a lone surrogate go; U+1F600 (a surrogate pair) stays
    expect(escapeXml('a\u0000b\u0001c\u001Fd\uFFFEe\uFFFFf\uD800g\t\n\r😀')).toBe('abcdefg\t\n\r😀');
  });
});

describe('escapeXmlAttribute', () => {
  it('writes line breaks and tabs as character references so they survive attribute normalisation', () => {
    expect(escapeXmlAttribute('one\ntwo\tthree\r')).toBe('one&#10;two&#9;three&#13;');
  });
});
