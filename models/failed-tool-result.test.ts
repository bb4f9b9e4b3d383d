import { describe, expect, it } from 'vitest';
import { isFailedToolResult } from './failed-tool-result.js';

describe('isFailedToolResult', () => {
  it('reads "Error…" text and JSON objects with an error field as failures', () => {
    expect(isFailedToolResult('Error: notes.txt does not exist')).toBe(true);
    expect(isFailedToolResult('  error - permission denied')).toBe(true);
    expect(isFailedToolResult('{"error": "not found"}')).toBe(true);
    expect(isFailedToolResult('{"error": {"code": 404}}')).toBe(true);
  });

  it('reads everything else as a result', () => {
    expect(isFailedToolResult('391')).toBe(false);
    expect(isFailedToolResult('Errors in the report: none')).toBe(false);
    expect(isFailedToolResult('The error rate was 2%.')).toBe(false);
    expect(isFailedToolResult('{"error": null, "value": 1}')).toBe(false);
    expect(isFailedToolResult('{"result": "ok"}')).toBe(false);
    expect(isFailedToolResult('[{"error": 1}]')).toBe(false);
    expect(isFailedToolResult('{not json')).toBe(false);
  });
});
