// A model call whose reply must be JSON matching a zod schema: the schema is sent as the
// response_format, and a reply that does not parse is asked for again, counted, and never skipped.
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { z } from 'zod';
import { decisionParseRetries, routingTemperature } from '../constants.js';
import type { AgentRun } from '../core/agent-run.js';
import { RunStop } from '../core/run-stop.js';
import { invalidDecisionMessage } from '../prompts.js';

export async function callStructured<Schema extends z.ZodType>(
  run: AgentRun,
  agent: string,
  name: string,
  schema: Schema,
  messages: ChatCompletionMessageParam[],
): Promise<z.output<Schema>> {
  const conversation = [...messages];
  const jsonSchema = z.toJSONSchema(schema) as Record<string, unknown>;
  for (let attempt = 0; ; attempt++) {
    const completion = await run.callModel(agent, {
      messages: conversation,
      response_format: { type: 'json_schema', json_schema: { name, schema: jsonSchema, strict: true } },
      temperature: routingTemperature,
    });
    const content = completion.choices[0]?.message.content ?? '';
    let problem: string;
    try {
      const parsed = schema.safeParse(JSON.parse(content));
      if (parsed.success) return parsed.data;
      problem = `it does not match the schema (${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'root'}: ${issue.message}`).join('; ')})`;
    } catch (error) {
      problem = `it is not valid JSON (${error instanceof Error ? error.message : String(error)})`;
    }
    run.count(`${name}_unparsed`);
    run.emit({ type: 'guard', agent, guard: 'decision-unparsed', detail: problem });
    if (attempt >= decisionParseRetries) {
      throw new RunStop('error', 'decision_unparsed', `${agent}'s ${name} could not be parsed after ${attempt + 1} tries: ${problem}`);
    }
    conversation.push({ role: 'assistant', content }, { role: 'user', content: invalidDecisionMessage(problem) });
  }
}
