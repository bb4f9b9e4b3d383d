// Structured output: the values a small model would put in a response_format JSON schema, chosen by
// rules keyed on the schema's name (plan, decision/route, review, confidence) and then fitted to the
// schema so that the object returned always conforms.
import type { ConversationView } from '../conversation.js';
import { messageText } from '../conversation.js';
import type { ChatMessage, ToolDefinition } from '../request-schema.js';
import { excerpt } from './compose-answer.js';
import { fillJsonSchema, type JsonSchema } from './fill-json-schema.js';
import { readGoalNeeds } from './goal-needs.js';
import { understoodGoal } from './lesson-rules.js';
import { answerFrom, readPlanState } from './next-action.js';
import { factCheckHints } from './fact-check.js';
import { lessonPackageHints } from './lesson-package.js';

const finishPattern = /^(?:finish|finished|done|final|end|complete|stop|respond|answer)$/i;
const researchIntents = new Set(['search', 'read', 'calculate', 'list']);
const stopWords = new Set(
  'about above after again also among been before being below between both could does doing down during each from further have having here into itself just more most once only other over same should some such than that their them then there these they this those through under until very were what when where which while whom will with would your the and for are but not you all any can had her was one our out has his how its may new now see way who did get him let put say she too use'.split(' '),
);

function enumOf(schema: JsonSchema | undefined): unknown[] {
  if (!schema) return [];
  if (Array.isArray(schema.enum)) return schema.enum;
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  return Array.isArray(alternatives) ? alternatives.flatMap((alternative) => enumOf(alternative)) : [];
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function planHints(view: ConversationView): Record<string, unknown> {
  const needs = readGoalNeeds(understoodGoal(view));
  const tasks = needs.length > 0 ? needs.map((need) => capitalise(need.clause)) : [view.goal.trim()];
  const steps = tasks.map((task, index) => ({ task, description: task, step: task, instruction: task, title: task, id: index + 1, index: index + 1 }));
  return { steps, tasks: steps, plan: steps, subtasks: steps, reasoning: `The goal breaks into ${tasks.length} step(s).` };
}

function decisionHints(schema: JsonSchema, view: ConversationView, messages: ChatMessage[]): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const allValues = Object.values(properties).flatMap((property) => enumOf(property)).filter((value): value is string => typeof value === 'string');
  const finishValue = allValues.find((value) => finishPattern.test(value));
  const workers = allValues.filter((value) => !finishPattern.test(value) && /er$|or$|ist$|agent/i.test(value));
  const texts = messages.filter((message) => message.role !== 'system').map(messageText);
  const reported = (worker: string) => texts.some((text) => new RegExp(`\\b${worker}\\s+reported\\s*:`, 'i').test(text));
  const needsResearch = readGoalNeeds(understoodGoal(view)).some((need) => researchIntents.has(need.intent));
  const needed = workers.filter((worker) => needsResearch || !/research/i.test(worker));
  const next = needed.find((worker) => !reported(worker));
  const lastReport = [...texts].reverse().find((text) => /\b(?:writer|researcher)\s+reported\s*:/i.test(text)) ?? '';
  const output = lastReport.replace(/^[\s\S]*?reported\s*:\s*/i, '').trim();
  const hints: Record<string, unknown> = {
    task: next ? view.goal.trim() : '',
    instruction: next ? view.goal.trim() : '',
    reasoning: next ? `The ${next} has not reported yet.` : 'Every worker has reported.',
    reason: next ? `The ${next} has not reported yet.` : 'Every worker has reported.',
    output: next ? null : output,
    answer: next ? null : output,
    final_answer: next ? null : output,
  };
  for (const [name, property] of Object.entries(properties)) {
    const options = enumOf(property);
    if (options.length === 0) continue;
    if (options.some((option) => typeof option === 'string' && workers.includes(option))) {
      hints[name] = next ?? (options.includes(finishValue) ? finishValue : null);
    } else if (finishValue && options.includes(finishValue)) {
      hints[name] = next ? options.find((option) => option !== finishValue) : finishValue;
    }
  }
  return hints;
}

function contentWords(text: string): string[] {
  const words = text.toLowerCase().match(/[a-z][a-z0-9'-]{3,}/g) ?? [];
  return [...new Set(words.filter((word) => !stopWords.has(word)))];
}

function reviewHints(schema: JsonSchema, view: ConversationView): Record<string, unknown> {
  // The topic is what the goal asks to find out; goals without a search have nothing to cover.
  const topic = readGoalNeeds(understoodGoal(view)).filter((need) => need.intent === 'search').map((need) => need.arguments.query).join(' ');
  const words = contentWords(topic);
  const draft = view.lastUserText.toLowerCase();
  const missing = words.filter((word) => !draft.includes(word));
  // A draft that reports it found nothing does not answer the goal, whatever words it repeats.
  const admitsFailure = /\b(?:no documents matched|no results|could not|do not have enough information)\b/i.test(draft);
  const coverage = admitsFailure ? 0.2 : words.length === 0 ? 1 : (words.length - missing.length) / words.length;
  const scoreSchema = ((schema.properties ?? {}) as Record<string, JsonSchema>).score ?? {};
  const minimum = typeof scoreSchema.minimum === 'number' ? scoreSchema.minimum : 1;
  const maximum = typeof scoreSchema.maximum === 'number' ? scoreSchema.maximum : 10;
  const score = minimum + (maximum - minimum) * coverage;
  const feedback = admitsFailure
    ? 'The draft does not answer the goal: find sources that do.'
    : missing.length > 0
      ? `The draft should mention: ${missing.join(', ')}.`
      : 'The draft covers the goal.';
  const approved = !admitsFailure && missing.length === 0;
  return { score, rating: score, grade: score, feedback, comments: feedback, critique: feedback, issues: missing, approved, pass: approved };
}

/** The object to return for a json_schema response format. */
export function structuredOutput(
  schemaName: string,
  schema: JsonSchema,
  view: ConversationView,
  messages: ChatMessage[],
  tools: ToolDefinition[],
): unknown {
  const answer = (answerFrom(readPlanState(view, tools), view) as { content: string }).content;
  let hints: Record<string, unknown> = { answer, output: answer, result: answer, summary: answer, text: answer };
  if (/fact_check/i.test(schemaName)) hints = factCheckHints(view);
  else if (/lesson_package/i.test(schemaName)) hints = lessonPackageHints(view);
  else if (/plan/i.test(schemaName)) hints = planHints(view);
  else if (/decision|route|router|supervis|next|delegat/i.test(schemaName)) hints = decisionHints(schema, view, messages);
  else if (/review|critique|grade|evaluat|score/i.test(schemaName)) hints = reviewHints(schema, view);
  else if (/confiden/i.test(schemaName)) {
    const confidence = view.toolCalls.some((call) => !call.failed) || view.contexts.length > 0 ? 0.9 : 0.4;
    hints = { ...hints, confidence, score: confidence };
  }
  return fillJsonSchema(schema, hints, excerpt(view.goal, 200));
}
