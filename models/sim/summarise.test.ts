// The simulator and working memory, over real HTTP: asked to summarise a conversation it keeps one
// line per tool call with the result's salient sentences; reading such a summary later it counts
// those calls as made, does not repeat them, and answers from what the summary says.
import type OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salientSentences } from './policy/summarise-conversation.js';
import type { RunningSimServer } from './server.js';
import { formatToolLine, parseToolLine } from './summary-lines.js';
import { startTestServer, testTools } from './test-support.js';

let server: RunningSimServer;
let client: OpenAI;

beforeAll(async () => {
  ({ server, client } = await startTestServer());
});
afterAll(() => server.close());

const filler = 'The committee met in the old hall and discussed the usual matters at some length without reaching any decision. ';
const northReport = `North station recorded 812 mm of rain in 2025.\n\n${filler.repeat(12)}\n\nIts wettest month was October.`;
const eastReport = `East station recorded 655 mm of rain in 2025.\n\n${filler.repeat(12)}`;
const goal = 'Read north.md, read east.md and read south.md, then report the rainfall';

function readCall(id: string, path: string): ChatCompletionMessageParam {
  return { role: 'assistant', content: null, tool_calls: [{ id, type: 'function', function: { name: 'read_file', arguments: JSON.stringify({ path }) } }] };
}

async function text(messages: ChatCompletionMessageParam[], tools = testTools): Promise<OpenAI.ChatCompletion> {
  return client.chat.completions.create({ model: 'strong', messages, ...(tools.length > 0 ? { tools } : {}), seed: 3 });
}

describe('summary lines', () => {
  it('reads back what they record, arrows in values included', () => {
    const line = formatToolLine({ name: 'read_file', argumentsText: '{"path":"a → b.md"}', result: 'It says\nhello.' });
    expect(line).toBe('- read_file {"path":"a → b.md"} → It says hello.');
    expect(parseToolLine(line)).toEqual({ name: 'read_file', argumentsText: '{"path":"a → b.md"}', result: 'It says hello.' });
    expect(parseToolLine('- a plain note → not a call')).toBeUndefined();
  });

  it('keeps the lead, the numbers and the goal words of a long result, and a short one whole', () => {
    const kept = salientSentences(northReport, goal);
    expect(kept).toContain('812 mm');
    expect(kept).not.toContain('committee');
    expect(salientSentences('Short and whole.', goal)).toBe('Short and whole.');
  });
});

describe('summarising and answering from a summary', () => {
  it('summarises one line per call with the facts the goal needs', async () => {
    const completion = await text(
      [
        { role: 'system', content: 'You compress working memory.' },
        { role: 'user', content: goal },
        readCall('call_1', 'north.md'),
        { role: 'tool', tool_call_id: 'call_1', content: northReport },
        readCall('call_2', 'east.md'),
        { role: 'tool', tool_call_id: 'call_2', content: eastReport },
        { role: 'user', content: 'Summarise the conversation above for the agent to continue from.' },
      ],
      [],
    );
    const summary = completion.choices[0]!.message.content!;
    expect(summary.split('\n')).toEqual([
      expect.stringMatching(/^- read_file \{"path":"north\.md"\} → North station recorded 812 mm of rain in 2025\./),
      expect.stringMatching(/^- read_file \{"path":"east\.md"\} → East station recorded 655 mm of rain in 2025\./),
    ]);
    expect(completion.choices[0]!.message.tool_calls).toBeUndefined();
  });

  it('does not repeat summarised calls and answers with their facts', async () => {
    const summary = [
      'Context: Summary of earlier work (working memory; 4 messages folded):',
      '- read_file {"path":"north.md"} → North station recorded 812 mm of rain in 2025.',
      '- read_file {"path":"east.md"} → East station recorded 655 mm of rain in 2025.',
    ].join('\n');
    const next = await text([{ role: 'system', content: 'Agent.' }, { role: 'user', content: goal }, { role: 'user', content: summary }]);
    const call = next.choices[0]!.message.tool_calls?.[0];
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ path: 'south.md' });
    const answer = await text([
      { role: 'system', content: 'Agent.' },
      { role: 'user', content: goal },
      { role: 'user', content: summary },
      readCall('call_3', 'south.md'),
      { role: 'tool', tool_call_id: 'call_3', content: 'South station recorded 977 mm of rain in 2025.' },
    ]);
    const content = answer.choices[0]!.message.content!;
    expect(content).toContain('north.md says: North station recorded 812 mm');
    expect(content).toContain('east.md says: East station recorded 655 mm');
    expect(content).toContain('south.md says: South station recorded 977 mm');
    expect(content).not.toContain('Summary of earlier work');
  });
});
