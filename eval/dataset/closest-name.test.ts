// "Did you mean": typos get a suggestion, unrelated names do not.
import { describe, expect, it } from 'vitest';
import { closestName } from './closest-name.js';

const fields = ['id', 'goal', 'expected_tools', 'forbidden_tools', 'tags', 'max_steps', 'max_tokens'];

describe('closestName', () => {
  it('suggests the field a typo was meant to be', () => {
    expect(closestName('expected_tool', fields)).toBe('expected_tools');
    expect(closestName('Expected-Tools', fields)).toBe('expected_tools');
    expect(closestName('tag', fields)).toBe('tags');
    expect(closestName('max_step', fields)).toBe('max_steps');
  });

  it('suggests nothing for a name that is not near any field', () => {
    expect(closestName('colour', fields)).toBeUndefined();
    expect(closestName('tools', fields)).toBeUndefined();
  });
});
