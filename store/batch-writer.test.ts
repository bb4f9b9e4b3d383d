// The batch writer: full batches go at once, a partial batch after the delay, and a failed write
// keeps its items for the next try.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BatchWriter } from './batch-writer.js';

let batches: number[][];
let failing: boolean;

function writer(): BatchWriter<number> {
  return new BatchWriter<number>({
    size: 3,
    delayMs: 200,
    write: (items) => {
      if (failing) throw new Error('disk full');
      batches.push(items);
    },
  });
}

beforeEach(() => {
  batches = [];
  failing = false;
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('BatchWriter', () => {
  it('writes a batch as soon as it is full', () => {
    const batchWriter = writer();
    for (const item of [1, 2, 3, 4]) batchWriter.add(item);
    expect(batches).toEqual([[1, 2, 3]]);
    expect(batchWriter.pendingCount).toBe(1);
  });

  it('writes a partial batch once the delay has passed since its first item', () => {
    const batchWriter = writer();
    batchWriter.add(1);
    vi.advanceTimersByTime(150);
    batchWriter.add(2);
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(batches).toEqual([[1, 2]]);
  });

  it('writes what is pending on flush, and nothing more when the timer then fires', () => {
    const batchWriter = writer();
    batchWriter.add(1);
    batchWriter.flush();
    vi.advanceTimersByTime(1_000);
    expect(batches).toEqual([[1]]);
  });

  it('keeps the items of a failed flush, in order, and writes them on the next one', () => {
    const batchWriter = writer();
    batchWriter.add(1);
    failing = true;
    expect(() => batchWriter.flush()).toThrow('disk full');
    batchWriter.add(2);
    failing = false;
    batchWriter.flush();
    expect(batches).toEqual([[1, 2]]);
  });

  it('does not throw from the timer; the next add retries at once and throws if the write still fails', () => {
    const batchWriter = writer();
    failing = true;
    batchWriter.add(1);
    vi.advanceTimersByTime(200);
    expect(batchWriter.pendingCount).toBe(1);
    expect(() => batchWriter.add(2)).toThrow('disk full');
    failing = false;
    batchWriter.add(3);
    expect(batches).toEqual([[1, 2, 3]]);
    expect(batchWriter.pendingCount).toBe(0);
  });
});
