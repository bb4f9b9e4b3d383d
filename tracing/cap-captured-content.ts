// Captured message content, tool arguments and results are cut to one size on every span, whichever
// part of agentlab made the span, and every cut says how much it left out. Content that was JSON stays
// valid JSON, so a backend can still parse the messages and tool calls that were kept (the GenAI
// conventions allow truncating "individual message contents, preserving JSON structure").
import { capturedContentMaxLength, capturedLeadingItems, capturedTextComfortLength, capturedTextMinimumLength } from './constants.js';

/** Appended to whatever was cut: `… [truncated 1234 chars]`. */
export function truncationMarker(count: number, unit: 'chars' | 'items'): string {
  return `… [truncated ${count} ${unit}]`;
}

/**
 * Text at most `maxLength` characters long. Text holding a JSON object, array or string keeps that
 * shape (see capCapturedJson); anything else is cut at the end with a marker.
 */
export function capCapturedContent(text: string, maxLength = capturedContentMaxLength): string {
  if (text.length <= maxLength) return text;
  const value = parseJson(text);
  return value !== null && (typeof value === 'object' || typeof value === 'string') ? capCapturedJson(value, maxLength) : cutToFit(text, maxLength);
}

/**
 * A JSON value serialised into at most `maxLength` characters, still valid JSON. What gives way, in
 * order, keeping as much useful content as possible:
 * 1. the longest texts are shortened, all to one length, down to capturedTextComfortLength;
 * 2. the middle of long arrays is dropped (for a conversation: the system and first user messages and
 *    the latest ones stay), with a marker item of the array's own kind saying how many went;
 * 3. texts are shortened further, down to capturedTextMinimumLength, with one item left per array;
 * 4. failing all that, the JSON text itself is cut and recorded as one JSON string.
 * Every shortened text ends with truncationMarker().
 */
export function capCapturedJson(value: unknown, maxLength = capturedContentMaxLength): string {
  const whole = JSON.stringify(value) ?? 'null';
  if (whole.length <= maxLength) return whole;
  // Parsing the serialised text leaves only what JSON holds: no undefined, no toJSON, no cycles to meet.
  const document = JSON.parse(whole) as unknown;
  const render = (limits: Limits) => renderWithin(document, limits, maxLength);
  return (
    largestFitting(capturedTextComfortLength, maxLength, (textLength) => render({ textLength, items: Infinity })) ??
    largestFitting(1, longestArray(document), (items) => render({ textLength: capturedTextComfortLength, items })) ??
    largestFitting(capturedTextMinimumLength, capturedTextComfortLength, (textLength) => render({ textLength, items: 1 })) ??
    JSON.stringify(cutToFit(whole, maxLength, (candidate) => JSON.stringify(candidate).length))
  );
}

interface Limits {
  /** Texts longer than this are cut to it. */
  textLength: number;
  /** Arrays longer than this keep this many items. */
  items: number;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The text cut to `length` characters plus the marker, or the text itself when cutting would not shorten it. */
function cutText(text: string, length: number): string {
  if (text.length <= length) return text;
  // A cut between the two halves of a surrogate pair would leave a lone half, which is not valid UTF-8.
  const end = length > 0 && isHighSurrogate(text.charCodeAt(length - 1)) ? length - 1 : length;
  const cut = `${text.slice(0, end)}${truncationMarker(text.length - end, 'chars')}`;
  return cut.length < text.length ? cut : text;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** The longest cut of `text` whose measured size is within `maxLength`. */
function cutToFit(text: string, maxLength: number, size: (candidate: string) => number = (candidate) => candidate.length): string {
  let low = 0;
  let high = maxLength;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (size(cutText(text, middle)) <= maxLength) low = middle;
    else high = middle - 1;
  }
  return cutText(text, low);
}

/** The largest value in [low, high] whose rendering fits, assuming renderings grow with the value. */
function largestFitting(low: number, high: number, render: (value: number) => string | undefined): string | undefined {
  let best = render(low);
  if (best === undefined) return undefined;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    const rendered = render(middle);
    if (rendered === undefined) {
      high = middle - 1;
    } else {
      best = rendered;
      low = middle;
    }
  }
  return best;
}

function longestArray(value: unknown): number {
  if (Array.isArray(value)) return value.reduce<number>((longest, item) => Math.max(longest, longestArray(item)), value.length);
  if (value !== null && typeof value === 'object') return Object.values(value).reduce<number>((longest, item) => Math.max(longest, longestArray(item)), 0);
  return 0;
}

/** Which items of a long array stay: the first few (a system prompt and a goal), then the latest. */
function keptItems(length: number, items: number): { leading: number; trailing: number } {
  if (length <= items) return { leading: length, trailing: 0 };
  const leading = Math.min(capturedLeadingItems, Math.max(items - 1, 0));
  return { leading, trailing: items - leading };
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The marker standing for dropped items, shaped like them so that a reader of the schema still reads it. */
function droppedItemsMarker(array: readonly unknown[], dropped: number): unknown {
  const text = truncationMarker(dropped, 'items');
  // Messages (role and parts), then parts (a type), then anything else.
  if (array.every((item) => isObject(item) && Array.isArray(item.parts))) return { role: 'system', parts: [{ type: 'text', content: text }] };
  if (array.every((item) => isObject(item) && typeof item.type === 'string')) return { type: 'text', content: text };
  return text;
}

/** The value serialised under `limits`, or undefined as soon as it is longer than `budget`. */
function renderWithin(document: unknown, limits: Limits, budget: number): string | undefined {
  const pieces: string[] = [];
  let length = 0;
  const emit = (text: string): boolean => {
    pieces.push(text);
    length += text.length;
    return length <= budget;
  };
  const walk = (node: unknown): boolean => {
    if (typeof node === 'string') return emit(JSON.stringify(cutText(node, limits.textLength)));
    if (Array.isArray(node)) {
      const { leading, trailing } = keptItems(node.length, limits.items);
      const items: Array<{ value: unknown; cut: boolean }> = node.slice(0, leading).map((value) => ({ value, cut: true }));
      if (leading + trailing < node.length) items.push({ value: droppedItemsMarker(node, node.length - leading - trailing), cut: false });
      if (trailing > 0) items.push(...node.slice(node.length - trailing).map((value) => ({ value, cut: true })));
      if (!emit('[')) return false;
      for (const [index, item] of items.entries()) {
        if (index > 0 && !emit(',')) return false;
        if (!(item.cut ? walk(item.value) : emit(JSON.stringify(item.value)))) return false;
      }
      return emit(']');
    }
    if (isObject(node)) {
      if (!emit('{')) return false;
      let first = true;
      for (const [key, value] of Object.entries(node)) {
        if (!emit(`${first ? '' : ','}${JSON.stringify(key)}:`) || !walk(value)) return false;
        first = false;
      }
      return emit('}');
    }
    return emit(JSON.stringify(node));
  };
  return walk(document) ? pieces.join('') : undefined;
}
