// Tool names against the agents that run each case: misspellings refused by line with "did you mean",
// agents whose tools are unknown warned about.
import { describe, expect, it } from 'vitest';
import { goldenCaseSchema, type GoldenCaseInput } from '../golden-case.js';
import { DatasetError } from './errors.js';
import { checkToolNames, type AgentTools } from './tool-names.js';

const builtIn = ['search_web', 'read_file', 'write_file', 'list_files', 'delete_file', 'calculator', 'send_email'];
const declared: Record<string, readonly string[] | undefined> = { react: builtIn, pipeline: builtIn, 'calc-bot': ['calculator'] };

function agentTools(agents: string[]): AgentTools {
  return { agentsFor: (goldenCase) => (goldenCase.agent ? [goldenCase.agent] : agents), toolsOf: (agent) => declared[agent] };
}

function dataset(...inputs: Array<Partial<GoldenCaseInput>>) {
  const cases = inputs.map((input, index) => goldenCaseSchema.parse({ id: `case-${index + 1}`, goal: 'g', ...input }));
  return { path: '/work/cases.jsonl', cases, caseLines: cases.map((_, index) => index + 2) };
}

function problemsOf(data: ReturnType<typeof dataset>, tools: AgentTools): string[] {
  try {
    checkToolNames(data, tools, { cwd: '/work' });
  } catch (error) {
    if (error instanceof DatasetError) return error.message.split('\n');
    throw error;
  }
  return [];
}

describe('checkToolNames', () => {
  it('refuses, by line, an expected tool or expected_args tool that an agent running the case does not have, with the nearest name', () => {
    const data = dataset({ expected_tools: ['search_web'] }, { expected_tools: ['serch_web', 'calculator'], expected_args: { calculater: { expression: '1' } } });
    expect(problemsOf(data, agentTools(['react', 'pipeline']))).toEqual([
      'cases.jsonl has 2 problems:',
      '  cases.jsonl:3: expected_tools: "serch_web" is not a tool of react, pipeline (did you mean "search_web"?)',
      '  cases.jsonl:3: expected_args.calculater: "calculater" is not a tool of react, pipeline (did you mean "calculator"?)',
    ]);
  });

  it('says how to turn on a tool that exists but is off in this eval, instead of guessing a name', () => {
    const tools = { ...agentTools(['react']), howToEnable: (tool: string) => (tool === 'remember' ? 'add --memory' : undefined) };
    expect(problemsOf(dataset({ expected_tools: ['remember'] }), tools)).toEqual([
      'cases.jsonl has 1 problem:',
      '  cases.jsonl:2: expected_tools: "remember" is not a tool of react in this eval: add --memory',
    ]);
  });

  it('names the tools an agent has when nothing is close, and checks a case only against the agents that run it', () => {
    const data = dataset({ expected_tools: ['search_web'] }, { agent: 'react', expected_tools: ['search_web'] });
    expect(problemsOf(data, agentTools(['calc-bot']))).toEqual(['cases.jsonl has 1 problem:', '  cases.jsonl:2: expected_tools: "search_web" is not a tool of calc-bot (it has calculator)']);
  });

  it('lets a case forbid a tool its agent lacks, but refuses a forbidden name that is a misspelling', () => {
    expect(problemsOf(dataset({ expected_tools: ['calculator'], forbidden_tools: ['search_web'] }), agentTools(['calc-bot']))).toEqual([]);
    expect(problemsOf(dataset({ forbidden_tools: ['delete_fil', 'transfer_money'] }), agentTools(['react']))).toEqual([
      'cases.jsonl has 1 problem:',
      '  cases.jsonl:2: forbidden_tools: "delete_fil" is not a tool of react (did you mean "delete_file"?)',
    ]);
  });

  it('warns once per agent whose tools are unknown, listing the names it could not check', () => {
    const data = dataset({ expected_tools: ['search_web'], forbidden_tools: ['send_email'] }, { expected_tools: ['calculator'] }, { goal: 'no tools named' });
    expect(checkToolNames(data, agentTools(['react', 'module:./agent.ts']), { cwd: '/work' })).toEqual([
      'agent module:./agent.ts declares no tools, so the tool names its cases use (search_web, send_email, calculator) are not checked; define it under agents: in the config with tools: [...] to check them',
    ]);
  });
});
