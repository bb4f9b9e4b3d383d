import { describe, expect, it } from 'vitest';
import { formatResetDuration, parseResetDuration } from './reset-duration.js';

describe('parseResetDuration', () => {
  it('reads the durations OpenAI sends', () => {
    expect(parseResetDuration('1s')).toBe(1000);
    expect(parseResetDuration('6m0s')).toBe(360_000);
    expect(parseResetDuration('20ms')).toBe(20);
    expect(parseResetDuration('8.64s')).toBeCloseTo(8640);
    expect(parseResetDuration('1h2m3.5s')).toBe(3_723_500);
    expect(parseResetDuration('0s')).toBe(0);
  });

  it('reads a bare number as seconds and refuses anything else', () => {
    expect(parseResetDuration('2')).toBe(2000);
    expect(parseResetDuration('soon')).toBeUndefined();
    expect(parseResetDuration('5 s')).toBeUndefined();
    expect(parseResetDuration('')).toBeUndefined();
    expect(parseResetDuration(null)).toBeUndefined();
  });

  it('formats what it reads back', () => {
    for (const milliseconds of [0, 12, 999, 1000, 1500, 61_000, 360_000]) {
      expect(parseResetDuration(formatResetDuration(milliseconds))).toBe(milliseconds);
    }
    expect(formatResetDuration(100)).toBe('100ms');
    expect(formatResetDuration(150_500)).toBe('2m30.5s');
  });
});
