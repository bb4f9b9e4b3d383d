// Makes untrusted text safe inside XML 1.0 text and attribute values.

// Everything outside XML 1.0's Char production: C0 controls other than tab, line feed and carriage
// return, lone surrogates, U+FFFE and U+FFFF. No escape can carry them, so they are dropped.
const ILLEGAL_XML_CHARACTERS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(ILLEGAL_XML_CHARACTERS, '').replace(/[&<>"']/g, (character) => ENTITIES[character]!);
}

/** For an attribute value: line breaks and tabs become character references, or parsers fold them to spaces. */
export function escapeXmlAttribute(text: string): string {
  return escapeXml(text).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
