// The formatter: the lesson package as structured output from the draft and the verified facts; the
// pipeline adds the piece id and metadata and has the formatter validate it (`validate_lesson_package`,
// a tool call on the trajectory). A package that fails goes back to the formatter with the validation
// errors, up to the format budget; a valid one is saved to the sandbox (`write_file`) and rendered.
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { z } from 'zod';
import type { AgentRun } from '../agents/index.js';
import { contentWorkers, schemaNames } from './constants.js';
import type { FactCheckOutput, FormatOutput, ResearchFact } from './content-result.js';
import { renderLessonPackageHtml } from './lesson-package-html.js';
import { lessonContentSchema, validateLessonPackage } from './lesson-package.js';
import type { PieceContext } from './piece-context.js';
import { formatTask, formatterPrompt, validationFeedback } from './prompts.js';
import { inWorkerRun } from './worker-run.js';

const lessonContentJsonSchema = z.toJSONSchema(lessonContentSchema) as Record<string, unknown>;

/** Thrown when no valid package came within the format budget; the piece fails with it. */
export class FormatBudgetSpent extends Error {
  constructor(readonly errors: string[], attempts: number) {
    super(`the formatter produced no valid package in ${attempts} attempts: ${errors.join('; ')}`);
  }
}

function parseReply(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return content;
  }
}

async function validate(workerRun: AgentRun, candidate: unknown, attempt: number): Promise<string[]> {
  const call = { id: `validate_${attempt + 1}`, name: 'validate_lesson_package', arguments: JSON.stringify({ package: JSON.stringify(candidate) }) };
  if (workerRun.options.tools.get(call.name)) {
    const execution = await workerRun.executeTool('formatter', call);
    if (execution.ok) return [];
  }
  // The errors as the schema states them (the tool's message says the same, prefixed).
  const validation = validateLessonPackage(candidate);
  return validation.ok ? [] : validation.errors;
}

export async function format(piece: PieceContext, draft: string, check: FactCheckOutput, researchFacts: readonly ResearchFact[]): Promise<FormatOutput> {
  const task = formatTask(piece.topic, piece.audience);
  const supported = check.claims.filter((claim) => claim.verdict === 'supported');
  // With no claim verified (a piece bound for review), the key facts are the research's, as found.
  const keyFacts = supported.length > 0 ? supported.map((claim) => ({ text: claim.claim, sources: claim.sources })) : researchFacts.map((fact) => ({ text: fact.text, sources: [fact.source] }));
  return inWorkerRun(piece, 'formatter', task, async (workerRun) => {
    const messages: ChatCompletionMessageParam[] = [
      { role: 'system', content: formatterPrompt },
      { role: 'user', content: task },
      { role: 'user', content: `Context: Draft: ${draft}` },
      { role: 'user', content: `Context: ${supported.length > 0 ? 'Verified' : 'Unverified'} facts:\n${keyFacts.map((fact) => `- ${fact.text} [${fact.sources.join(', ') || 'unsourced'}]`).join('\n')}` },
    ];
    let errors: string[] = [];
    for (let attempt = 0; attempt < piece.settings.budget.formatAttempts; attempt++) {
      if (attempt > 0) {
        workerRun.count('format_sent_back');
        workerRun.emit({ type: 'guard', agent: 'formatter', guard: 'revision', detail: errors.join('; ') });
      }
      const completion = await workerRun.callModel('formatter', {
        messages,
        response_format: { type: 'json_schema', json_schema: { name: schemaNames.lessonPackage, schema: lessonContentJsonSchema, strict: true } },
        temperature: 0,
      });
      const content = completion.choices[0]?.message.content ?? '';
      const reply = parseReply(content);
      const candidate = typeof reply === 'object' && reply !== null
        ? {
            pieceId: piece.pieceId,
            ...reply,
            metadata: {
              schemaVersion: 1,
              createdAt: new Date(piece.run.now()).toISOString(),
              confidence: check.confidence,
              models: Object.fromEntries(['supervisor', ...contentWorkers].map((name) => [name, piece.models[name as keyof PieceContext['models']].reference])),
              claimsChecked: check.claims.length,
              claimsSupported: supported.length,
            },
          }
        : reply;
      errors = await validate(workerRun, candidate, attempt);
      const lesson = validateLessonPackage(candidate);
      if (errors.length === 0 && lesson.ok) {
        if (workerRun.options.tools.get('write_file')) {
          await workerRun.executeTool('formatter', { id: 'write_package', name: 'write_file', arguments: JSON.stringify({ path: `${piece.pieceId}.json`, content: JSON.stringify(lesson.lesson, null, 2) }) });
        }
        return { lesson: lesson.lesson, html: renderLessonPackageHtml(lesson.lesson), attempts: attempt + 1 };
      }
      if (errors.length === 0 && !lesson.ok) errors = lesson.errors;
      messages.push({ role: 'assistant', content }, { role: 'user', content: validationFeedback(errors) });
    }
    throw new FormatBudgetSpent(errors, piece.settings.budget.formatAttempts);
  });
}
