// What an eval reports while it runs; the terminal progress bar and the report page read the same events.
import type { CaseResultRecord, RunRecord } from '../../store/index.js';

export type EvalProgressEvent =
  | { type: 'eval-start'; run: RunRecord; total: number; alreadyDone: number }
  | { type: 'case-start'; caseId: string; agent: string; model: string; epoch: number }
  | { type: 'case-end'; result: CaseResultRecord; done: number; total: number }
  | { type: 'eval-end'; run: RunRecord; done: number; total: number; interrupted: boolean };

export type EvalProgressSink = (event: EvalProgressEvent) => void;
