// Defaults of the dataset loader: the accepted file formats and how CSV cells and JSONL lines are read.

export type DatasetFormat = 'csv' | 'jsonl';

/** File name endings and the format each one means; anything else is refused. */
export const DATASET_EXTENSIONS: Readonly<Record<string, DatasetFormat>> = {
  '.csv': 'csv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

/** Separates the items of a list cell in CSV, as in `search_web;calculator`. */
export const LIST_SEPARATOR = ';';

/** JSONL lines starting with one of these are comments. */
export const JSONL_COMMENT_PREFIXES: readonly string[] = ['//', '#'];

/** Words a CSV boolean cell may hold, compared without regard to case. */
export const TRUE_WORDS: readonly string[] = ['true', 'yes', '1'];
export const FALSE_WORDS: readonly string[] = ['false', 'no', '0'];

/** Longest value quoted back in a problem message, in characters. */
export const QUOTED_VALUE_MAX_LENGTH = 60;

/**
 * Values a field once took under another name, by field: refused with the new name, never read
 * silently, since the old word now means the opposite direction (agentevals' words, as tool_match).
 */
export const RENAMED_VALUES: Readonly<Record<string, Readonly<Record<string, { renamed: string; meaning: string }>>>> = {
  args_match: { subset: { renamed: 'superset', meaning: 'the call carries at least the expected arguments, as tool_match\'s superset carries at least the expected calls' } },
};
