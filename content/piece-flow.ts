// One piece from topic to package, inside the piece's run: the stages the supervisor drives, their
// gates, the events between them, the checkpoints (`completedStages` skipped, `onStage` told), and the
// publication once the fact-check's confidence clears the threshold.
import { contentEvents, workerOfStage, type ContentStage } from './constants.js';
import type { ContentStatus, StageOutputs } from './content-result.js';
import { factCheck } from './fact-checker.js';
import { FormatBudgetSpent, format } from './formatter.js';
import type { PieceContext } from './piece-context.js';
import { publish } from './publish.js';
import { research } from './researcher.js';
import { supervise, type StageRunner, type SupervisedPiece } from './supervisor.js';
import { write } from './writer.js';

export interface PieceHooks {
  completedStages?: StageOutputs;
  onStage?: (stage: ContentStage, output: NonNullable<StageOutputs[ContentStage]>) => void | Promise<void>;
  outputDirectory?: string;
}

export interface PieceState {
  stages: StageOutputs;
  stagesRun: ContentStage[];
  stageLatencyMs: Partial<Record<ContentStage, number>>;
  events: string[];
  status?: ContentStatus;
  reason?: string;
}

function reportOf(stage: ContentStage, stages: StageOutputs): string {
  switch (stage) {
    case 'research':
      return `found ${stages.research!.facts.length} facts (${[...new Set(stages.research!.facts.map((fact) => fact.source))].join(', ') || 'no sources'})`;
    case 'write':
      return `drafted revision ${stages.write!.revision}: ${stages.write!.draft.slice(0, 160)}`;
    case 'fact-check': {
      const check = stages['fact-check']!;
      return `${check.claims.filter((claim) => claim.verdict === 'supported').length} of ${check.claims.length} claims supported, confidence ${check.confidence}`;
    }
    case 'format':
      return `lesson package ready after ${stages.format!.attempts} attempt(s)`;
    case 'publish':
      return stages.publish!.alreadyPublished ? 'already published' : 'published';
  }
}

export async function runPiece(piece: PieceContext, hooks: PieceHooks, state: PieceState): Promise<void> {
  const { settings, bus } = piece;
  Object.assign(state.stages, hooks.completedStages ?? {});
  const supervised: SupervisedPiece = { stages: state.stages, notes: new Map(), attempts: new Map(), reports: new Map() };
  for (const stage of ['research', 'write', 'fact-check', 'format'] as const) {
    if (state.stages[stage] !== undefined) supervised.reports.set(stage, `(from a checkpoint) ${reportOf(stage, state.stages)}`);
  }
  for (const type of Object.values(contentEvents)) bus.subscribe(type, 'event-log', (event) => void state.events.push(event.type));

  const timed = async <Value>(stage: ContentStage, work: () => Promise<Value>): Promise<Value> => {
    const started = piece.run.now();
    state.stagesRun.push(stage);
    try {
      return await work();
    } finally {
      state.stageLatencyMs[stage] = (state.stageLatencyMs[stage] ?? 0) + piece.run.now() - started;
    }
  };
  const completed = async <Stage extends ContentStage>(stage: Stage, output: NonNullable<StageOutputs[Stage]>): Promise<void> => {
    state.stages[stage] = output;
    await hooks.onStage?.(stage, output);
  };

  const publishIfDue = async (): Promise<void> => {
    const check = state.stages['fact-check'];
    const formatted = state.stages.format;
    if (!check || !formatted || check.confidence < settings.confidenceThreshold || !hooks.outputDirectory || state.stages.publish) return;
    await completed('publish', await timed('publish', () => publish(formatted.lesson, hooks.outputDirectory!)));
  };
  const formatStage = async (): Promise<void> => {
    supervised.attempts.set('format', (supervised.attempts.get('format') ?? 0) + 1);
    await completed('format', await timed('format', () => format(piece, state.stages.write!.draft, state.stages['fact-check']!, state.stages.research?.facts ?? [])));
    supervised.reports.set('format', reportOf('format', state.stages));
    await publishIfDue();
  };

  // content_reviewed triggers formatting and publishing; what its handler throws ends the piece.
  let handlerError: unknown;
  bus.subscribe(contentEvents.reviewed, workerOfStage.format, async () => {
    try {
      await formatStage();
    } catch (error) {
      handlerError = error;
      throw error;
    }
  });

  const runner: StageRunner = {
    async run(stage, attempt) {
      if (stage === 'research') {
        // Research again (a failed gate) starts the piece over from new facts.
        delete state.stages['fact-check'];
        delete state.stages.write;
        const note = supervised.notes.get('research');
        const output = await timed(stage, () => research(piece, attempt, note));
        if (output.facts.length < settings.gates.minFacts) {
          return { passed: false, report: reportOf('research', { research: output }), note: `the researcher found ${output.facts.length} facts, the gate needs ${settings.gates.minFacts}: research again with a wider query` };
        }
        await completed('research', output);
        await bus.publish({ type: contentEvents.researched, sender: 'researcher', data: { pieceId: piece.pieceId, facts: output.facts.length } });
        return { passed: true, report: reportOf('research', state.stages) };
      }
      if (stage === 'write') {
        // After a failed fact-check the writer gets only the claims that were supported.
        const rejected = state.stages['fact-check'];
        const facts = rejected
          ? rejected.claims.filter((claim) => claim.verdict === 'supported').map((claim) => ({ text: claim.claim, source: claim.sources[0] ?? 'unsourced' }))
          : state.stages.research!.facts;
        const revision = (supervised.attempts.get('write') ?? 1) - 1;
        delete state.stages['fact-check'];
        await completed('write', await timed(stage, () => write(piece, facts, revision)));
        await bus.publish({ type: contentEvents.written, sender: 'writer', data: { pieceId: piece.pieceId, revision } });
        return { passed: true, report: reportOf('write', state.stages) };
      }
      if (stage === 'fact-check') {
        const output = await timed(stage, () => factCheck(piece, state.stages.write!.draft));
        state.stages['fact-check'] = output;
        if (output.supportedShare < settings.gates.minSupportedShare) {
          // Some claims held: the writer drafts again from those. None did: the facts themselves are in doubt.
          const anySupported = output.claims.some((claim) => claim.verdict === 'supported');
          const share = `the fact-check supported ${Math.round(output.supportedShare * 100)}% of the claims, the gate needs ${Math.round(settings.gates.minSupportedShare * 100)}%`;
          return {
            passed: false,
            report: reportOf('fact-check', state.stages),
            sendBackTo: anySupported ? 'write' : 'research',
            note: anySupported ? `${share}: the writer drafts again from the supported claims only` : `${share}: research again with a wider query`,
          };
        }
        await completed('fact-check', output);
        // On the run, as the pipeline agent keeps its last review score: an eval's metadata reads them.
        piece.run.counters.fact_check_confidence = output.confidence;
        piece.run.counters.claims_supported = output.claims.filter((claim) => claim.verdict === 'supported').length;
        piece.run.counters.claims_checked = output.claims.length;
        await bus.publish({ type: contentEvents.reviewed, sender: 'fact-checker', data: { pieceId: piece.pieceId, confidence: output.confidence, supportedShare: output.supportedShare } });
        if (handlerError !== undefined) throw handlerError;
        return { passed: true, report: reportOf('fact-check', state.stages) };
      }
      await formatStage();
      return { passed: true, report: reportOf('format', state.stages) };
    },
  };

  try {
    await supervise(piece, supervised, runner);
    await publishIfDue();
  } catch (error) {
    if (error instanceof FormatBudgetSpent) {
      state.status = 'failed';
      state.reason = error.message;
    }
    throw error;
  }
}

