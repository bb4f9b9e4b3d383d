// Finds the line of a field path in a parsed YAML document, so schema problems can point at the file.
import { isMap, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter, Node } from 'yaml';

/**
 * The 1-based line of the deepest part of `path` present in `document`: the key's line for a mapping
 * field (a missing field reports its parent's key, where it belongs), the item's line in a sequence.
 */
export function lineOfPath(
  document: Document,
  lineCounter: LineCounter,
  path: readonly PropertyKey[],
): number | undefined {
  let node: unknown = document.contents;
  let offset = isNodeWithRange(node) ? node.range[0] : undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (pair === undefined) break;
      if (isNodeWithRange(pair.key)) offset = pair.key.range[0];
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      if (isNodeWithRange(item)) offset = item.range[0];
      node = item;
    } else {
      break;
    }
  }
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}

function isNodeWithRange(value: unknown): value is Node & { range: [number, number, number] } {
  return typeof value === 'object' && value !== null && Array.isArray((value as Node).range);
}
