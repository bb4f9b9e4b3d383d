// Short dataset names: the file name when it is unique in the store, else the shortest tail that is.
import { describe, expect, it } from 'vitest';
import { datasetChoices, datasetShortNames } from './dataset-name.js';

describe('dataset short names', () => {
  it('is the file name when no other dataset shares it', () => {
    const names = datasetShortNames(['/work/main/dist/datasets/golden/agent-tasks.jsonl', 'datasets/smoke.csv']);
    expect([...names.values()]).toEqual(['agent-tasks.jsonl', 'smoke.csv']);
  });

  it('takes as many folders as it needs to tell two files of the same name apart', () => {
    const names = datasetShortNames(['/ci/nightly/golden/cases.jsonl', '/ci/weekly/golden/cases.jsonl', '/ci/other/cases.jsonl', 'C:\\data\\tools.csv']);
    expect([...names.values()]).toEqual(['nightly/golden/cases.jsonl', 'weekly/golden/cases.jsonl', 'other/cases.jsonl', 'tools.csv']);
  });

  it('keeps a whole path that is the tail of another, and names the longer one past it', () => {
    const names = datasetShortNames(['cases.jsonl', '/ci/work/cases.jsonl']);
    expect(names.get('cases.jsonl')).toBe('cases.jsonl');
    expect(names.get('/ci/work/cases.jsonl')).toBe('work/cases.jsonl');
  });

  it('shows the path as recorded when all of it is needed', () => {
    expect(datasetShortNames(['/a/x.jsonl', 'b/x.jsonl']).get('/a/x.jsonl')).toBe('/a/x.jsonl');
  });

  it('lists choices in the order given, each with its full path', () => {
    expect(datasetChoices(['/ci/a/x.jsonl', '/ci/b/x.jsonl'])).toEqual([
      { path: '/ci/a/x.jsonl', name: 'a/x.jsonl' },
      { path: '/ci/b/x.jsonl', name: 'b/x.jsonl' },
    ]);
  });
});
