// JUnit XML: read back with a strict little reader (no dependency) to check it is well-formed,
// counts per suite, and that hostile text arrives escaped and intact.
import { describe, expect, it } from 'vitest';
import { toJUnitXml } from './junit-xml.js';
import { HOSTILE_REASON, syntheticReport } from './run-report-fixture.js';

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes entity and character references, refusing a bare `&`, a raw `<` and characters XML 1.0 forbids. */
function decode(raw: string): string {
  if (raw.includes('<')) throw new Error(`raw < in ${JSON.stringify(raw)}`);
  if (/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(raw)) throw new Error(`illegal character in ${JSON.stringify(raw)}`);
  let decoded = '';
  for (let index = 0; index < raw.length; index++) {
    if (raw[index] !== '&') {
      decoded += raw[index];
      continue;
    }
    const end = raw.indexOf(';', index);
    const reference = end === -1 ? '' : raw.slice(index + 1, end);
    if (reference in ENTITIES) decoded += ENTITIES[reference];
    else if (/^#\d+$/.test(reference)) decoded += String.fromCodePoint(Number(reference.slice(1)));
    else throw new Error(`bare & at ${index} in ${JSON.stringify(raw)}`);
    index = end;
  }
  return decoded;
}

function parseTag(tag: string): { name: string; attributes: Record<string, string> } {
  const nameEnd = tag.search(/\s|$/);
  const name = tag.slice(0, nameEnd);
  const attributes: Record<string, string> = {};
  let rest = tag.slice(nameEnd).trim();
  while (rest.length > 0) {
    const equals = rest.indexOf('="');
    const valueEnd = rest.indexOf('"', equals + 2);
    if (equals <= 0 || valueEnd === -1) throw new Error(`malformed attributes in <${tag}>`);
    const attribute = rest.slice(0, equals);
    if (attribute in attributes) throw new Error(`duplicate attribute ${attribute} in <${tag}>`);
    attributes[attribute] = decode(rest.slice(equals + 2, valueEnd));
    rest = rest.slice(valueEnd + 1).trim();
  }
  return { name, attributes };
}

/** The root element; throws on anything not well-formed in the subset of XML that JUnit output uses. */
function parseXml(xml: string): XmlElement {
  const declaration = '<?xml version="1.0" encoding="UTF-8"?>';
  if (!xml.startsWith(declaration)) throw new Error('missing XML declaration');
  const document: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack = [document];
  let position = declaration.length;
  while (position < xml.length) {
    const open = xml.indexOf('<', position);
    const text = xml.slice(position, open === -1 ? xml.length : open);
    if (text.includes('>')) throw new Error(`raw > in text ${JSON.stringify(text)}`);
    stack.at(-1)!.text += decode(text);
    if (open === -1) break;
    const close = xml.indexOf('>', open);
    if (close === -1) throw new Error('unclosed tag');
    const tag = xml.slice(open + 1, close);
    if (tag.startsWith('/')) {
      const element = stack.pop();
      if (stack.length === 0 || element?.name !== tag.slice(1)) throw new Error(`</${tag.slice(1)}> closes <${element?.name}>`);
    } else {
      const selfClosing = tag.endsWith('/');
      const element = { ...parseTag(selfClosing ? tag.slice(0, -1) : tag), children: [], text: '' };
      stack.at(-1)!.children.push(element);
      if (!selfClosing) stack.push(element);
    }
    position = close + 1;
  }
  if (stack.length !== 1 || document.children.length !== 1 || document.text.trim() !== '') throw new Error('not a single root element');
  return document.children[0]!;
}

describe('toJUnitXml', () => {
  const xml = toJUnitXml(syntheticReport());
  const root = parseXml(xml);
  const suites = root.children;
  const suite = (name: string) => suites.find((candidate) => candidate.attributes.name === name)!;
  const testCase = (suiteName: string, name: string) => suite(suiteName).children.find((child) => child.name === 'testcase' && child.attributes.name === name)!;

  it('is well-formed, with totals on the root', () => {
    expect(root.name).toBe('testsuites');
    expect(root.attributes).toMatchObject({ tests: '24', failures: '8', errors: '2' });
  });

  it('has one suite per model × agent with its counts and time in seconds', () => {
    expect(suites.map((child) => [child.attributes.name, child.attributes.tests, child.attributes.failures, child.attributes.errors])).toEqual([
      ['sim:strong · plan', '6', '3', '0'],
      ['sim:strong · react', '6', '1', '0'],
      ['sim:weak · plan', '6', '1', '0'],
      ['sim:weak · react', '6', '3', '2'],
    ]);
    // 4 graded results × 1.5 s + 2 errors × 0.2 s = 6.4 s
    expect(suite('sim:weak · react').attributes.time).toBe('6.400');
  });

  it('has one test case per result, named by case and epoch', () => {
    const cases = suite('sim:strong · react').children.filter((child) => child.name === 'testcase');
    expect(cases.map((child) => child.attributes.name)).toEqual(['c1 #1', 'c1 #2', 'c2 #1', 'c2 #2', 'c3 #1', 'c3 #2']);
    expect(cases[0]!.attributes).toMatchObject({ classname: 'sim:strong.react', time: '1.500' });
    expect(cases[0]!.children).toEqual([]);
  });

  it('reports a fail as <failure> with every failed check’s reason and the trace id', () => {
    const failure = testCase('sim:weak · react', 'c1 #1').children.find((child) => child.name === 'failure')!;
    expect(failure.attributes.message).toBe(`output_contains: ${HOSTILE_REASON}; trace trace-weak-react-c1-1`);
    expect(failure.text).toBe(`output_contains: ${HOSTILE_REASON}\ntrace trace-weak-react-c1-1`);
    // the passing tools check is not a reason for failure
    expect(failure.text).not.toContain('tools:');
  });

  it('reports an error as <error> with its code', () => {
    const error = testCase('sim:weak · react', 'c3 #2').children.find((child) => child.name === 'error')!;
    expect(error.attributes).toMatchObject({ type: 'AGENTLAB_MODEL_UNAVAILABLE', message: 'AGENTLAB_MODEL_UNAVAILABLE: endpoint returned 503 <html>; trace trace-weak-react-c3-2' });
  });

  it('escapes hostile text and drops what XML cannot carry', () => {
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; | &apos;pipe&apos;');
    const output = testCase('sim:weak · react', 'c1 #1').children.find((child) => child.name === 'system-out')!;
    // U+0001 and the lone surrogate are gone; "]]>" is harmless once > is escaped
    expect(output.text).toBe('<script>alert(1)</script> ]]> done');
  });
});

describe('the XML reader used above', () => {
  it('refuses what is not well-formed, so the tests above can fail', () => {
    expect(() => parseXml('<?xml version="1.0" encoding="UTF-8"?><a><b></a>')).toThrow();
    expect(() => parseXml('<?xml version="1.0" encoding="UTF-8"?><a>x & y</a>')).toThrow();
    expect(() => parseXml('<?xml version="1.0" encoding="UTF-8"?><a b="<c>"/>')).toThrow();
    expect(() => parseXml('<?xml version="1.0" encoding="UTF-8"?><a>\u0001</a>')).toThrow();
  });
});
