// A dataset's case definitions are kept once per dataset hash and read back by case id, whole.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from './open-store.js';
import type { Store } from './sqlite-store.js';
import { temporaryDirectories } from './test-fixtures.js';

const directories = temporaryDirectories();
const opened: Store[] = [];

function open(): Store {
  const store = openStore(join(directories.make(), 'agentlab.db'));
  opened.push(store);
  return store;
}

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
  directories.removeAll();
});

const search = { id: 'search-1', goal: 'Who created Python?', expected_tools: ['search_web'], expected_args: { search_web: { query: 'python' } }, max_steps: 4 };
const calc = { id: 'calc-1', goal: 'What is 17 * 23?', expected_output_contains: ['391'] };

describe('dataset cases', () => {
  it('reads back each case of a dataset as it was recorded', () => {
    const store = open();
    store.recordDatasetCases('hash-a', [search, calc]);
    expect(store.datasetCase('hash-a', 'search-1')).toEqual(search);
    expect(store.datasetCases('hash-a', ['calc-1', 'search-1', 'missing'])).toEqual(new Map<string, object>([['calc-1', calc], ['search-1', search]]));
    expect(store.datasetCase('hash-b', 'search-1')).toBeUndefined();
  });

  it('keeps the first definitions of a hash: the same bytes cannot define a case twice', () => {
    const store = open();
    store.recordDatasetCases('hash-a', [search]);
    store.recordDatasetCases('hash-a', [{ ...search, goal: 'changed' }, calc]);
    expect(store.datasetCase('hash-a', 'search-1')?.goal).toBe('Who created Python?');
    expect(store.datasetCase('hash-a', 'calc-1')).toBeUndefined();
  });

  it('keeps two datasets with the same case ids apart', () => {
    const store = open();
    store.recordDatasetCases('hash-a', [search]);
    store.recordDatasetCases('hash-b', [{ ...search, goal: 'Who created Ruby?' }]);
    expect(store.datasetCase('hash-b', 'search-1')?.goal).toBe('Who created Ruby?');
    expect(store.datasetCase('hash-a', 'search-1')?.goal).toBe('Who created Python?');
  });
});
