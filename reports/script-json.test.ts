// Page data inside a script element: nothing in it can close the element or open a comment, and it
// parses back to exactly the value given.
import { describe, expect, it } from 'vitest';
import { ScriptJson } from './script-json.js';

describe('ScriptJson', () => {
  it('escapes <, >, & and the line separators, and round-trips', () => {
    const value = { text: '</script><!-- & --> \u2028\u2029', list: ['<b>'], number: 1.5, missing: null };
    const json = ScriptJson.of(value).text;
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json).toContain('\\u003c/script\\u003e');
    expect(JSON.parse(json)).toEqual(value);
  });

  it('writes null for undefined', () => {
    expect(ScriptJson.of(undefined).text).toBe('null');
  });
});
