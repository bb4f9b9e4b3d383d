// Datasets as the pages name them: the file name, or when two datasets in the store share it, the
// shortest tail of the path that tells them apart (`golden/cases.jsonl`, `nightly/cases.jsonl`).
// The full path goes beside it (in `title`, and in the JSON twins) for whoever needs the file.

/** A dataset offered in a page's select or shown in a table. */
export interface DatasetChoice {
  /** As the runs recorded it: what filters take. */
  path: string;
  /** The shortest tail of the path no other dataset of the store ends with. */
  name: string;
}

function segments(datasetPath: string): string[] {
  const parts = datasetPath.split(/[\\/]+/).filter((part) => part !== '');
  return parts.length > 0 ? parts : [datasetPath];
}

function tail(parts: readonly string[], length: number): string {
  return parts.slice(-length).join('/');
}

/**
 * The short name of each path among `paths`. A path that is itself the tail of another
 * (`cases.jsonl` and `/work/cases.jsonl`) keeps the whole of itself as its name.
 */
export function datasetShortNames(paths: Iterable<string>): Map<string, string> {
  const unique = [...new Set(paths)];
  const split = new Map(unique.map((datasetPath) => [datasetPath, segments(datasetPath)]));
  const names = new Map<string, string>();
  for (const [datasetPath, parts] of split) {
    let length = 1;
    while (length < parts.length && unique.some((other) => other !== datasetPath && tail(split.get(other)!, length) === tail(parts, length))) length += 1;
    names.set(datasetPath, length < parts.length ? tail(parts, length) : datasetPath);
  }
  return names;
}

/** The paths with their short names, in the order given. */
export function datasetChoices(paths: readonly string[]): DatasetChoice[] {
  const names = datasetShortNames(paths);
  return paths.map((datasetPath) => ({ path: datasetPath, name: names.get(datasetPath) ?? datasetPath }));
}
