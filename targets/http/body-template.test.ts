import { describe, expect, it } from 'vitest';
import { fillTemplate, unknownPlaceholders } from './body-template.js';
import { readResponsePath } from './response-path.js';

describe('fillTemplate', () => {
  const values = { goal: 'Say "hi"', case_id: 'c1', epoch: 2, seed: 7, 'model.base_url': 'http://127.0.0.1:1/v1' };

  it('fills placeholders inside strings and keeps a whole placeholder its type', () => {
    expect(fillTemplate({ input: { text: 'Goal: {{goal}}', n: '{{epoch}}', url: '{{ model.base_url }}' }, tags: ['{{case_id}}'] }, values, {})).toEqual({
      input: { text: 'Goal: Say "hi"', n: 2, url: 'http://127.0.0.1:1/v1' },
      tags: ['c1'],
    });
  });

  it('reads {{env.NAME}} from the environment and leaves unknown names as written', () => {
    expect(fillTemplate('Bearer {{env.TOKEN}} {{nope}}', values, { TOKEN: 's3cret' })).toBe('Bearer s3cret {{nope}}');
  });

  it('lists placeholders that have no value, ignoring env ones', () => {
    expect(unknownPlaceholders({ a: '{{goal}} {{question}}', b: ['{{env.X}}', '{{seeds}}'] }, ['goal', 'seed'])).toEqual(['question', 'seeds']);
  });
});

describe('readResponsePath', () => {
  const body = { data: { answer: 'yes' }, choices: [{ message: { content: 'hello' } }] };

  it('follows dots and indexes, with an optional $. or json. prefix', () => {
    expect(readResponsePath(body, 'data.answer')).toBe('yes');
    expect(readResponsePath(body, '$.choices[0].message.content')).toBe('hello');
    expect(readResponsePath(body, 'json.choices[0].message.content')).toBe('hello');
  });

  it('is undefined for a path that leads nowhere', () => {
    expect(readResponsePath(body, 'data.answer.more')).toBeUndefined();
    expect(readResponsePath(body, 'choices[3].message')).toBeUndefined();
  });
});
