// A case's expectations read as lines a person checks, and a result's checks come failed first.
import { describe, expect, it } from 'vitest';
import { caseCard, caseExpectations } from './case-card.js';

describe('case card', () => {
  it('reads every kind of expectation as a line', () => {
    const lines = caseExpectations({
      id: 'c',
      goal: 'Search for the height of Mount Everest',
      expected_tools: ['search_web', 'calculator'],
      tool_match: 'unordered',
      expected_args: { search_web: { query: 'Everest' } },
      args_match: 'exact',
      forbidden_tools: ['delete_file'],
      expected_output_contains: ['8,849'],
      expected_output_regex: '\\d+ m',
      case_sensitive: false,
      max_steps: 4,
      max_tokens: 5000,
      max_cost_usd: 0.01,
      max_latency_ms: 2500,
    });
    expect(lines.map((line) => line.label)).toEqual(['Tools (unordered)', 'Arguments of search_web (exact)', 'Forbidden tools', 'Output contains', 'Output matches', 'Budget']);
    expect(lines[0]!.text).toBe('search_web, calculator — exactly these calls, in any order');
    expect(lines[1]!.detail).toBe('{\n  "query": "Everest"\n}');
    expect(lines[3]!.text).toBe('“8,849” (ignoring case)');
    expect(lines[5]!.text).toBe('at most 4 steps · 5,000 tokens · $0.0100 · 2.50 s');
  });

  it('says "no tool calls" for a strict empty list, and nothing about tools when none are expected', () => {
    expect(caseExpectations({ id: 'c', goal: 'Say hi', expected_tools: [], tool_match: 'strict' })).toEqual([{ label: 'Tools (strict)', text: 'no tool calls' }]);
    expect(caseExpectations({ id: 'c', goal: 'Say hi', expected_tools: [] })).toEqual([]);
  });

  it('reads the approvals a case expects to be asked and its approval policy', () => {
    const lines = caseExpectations({ id: 'c', goal: 'Delete old-report.txt', expected_approvals: ['delete_file'], approvals: { 'delete_*': 'approve', send_email: { decision: 'reject', reason: 'no mail from tests' } } });
    expect(lines).toEqual([
      { label: 'Approvals asked', text: 'asks before running delete_file' },
      { label: 'Approval policy', text: 'delete_*: approve, send_email: reject (“no mail from tests”); any other gated call is rejected' },
    ]);
  });

  it('puts failed checks first and has no goal when the definition was not kept', () => {
    const checks = [
      { check: 'tools', passed: true, reason: 'called search_web' },
      { check: 'output_contains', passed: false, reason: 'no "8,849" in the answer' },
    ];
    const card = caseCard('c', undefined, checks);
    expect(card.goal).toBeUndefined();
    expect(card.checks.map((check) => check.check)).toEqual(['output_contains', 'tools']);
  });
});
