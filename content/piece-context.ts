// Everything the stages of one piece share: the piece's run (the supervisor's, the trace's root), each
// worker's model and tools, the settings, the messaging, and the lessons put in every worker's prompt.
import type { AgentModel, AgentRun, EventBus, Mailbox, ToolRegistry } from '../agents/index.js';
import type { ContentWorker } from './constants.js';
import type { ContentSettings } from './content-settings.js';
import type { PieceTopic } from './piece-topic.js';

export interface WorkerModel extends AgentModel {
  /** The reference it was opened from (`sim:strong`), for the package's metadata. */
  reference: string;
}

export interface PieceContext extends PieceTopic {
  pieceId: string;
  run: AgentRun;
  settings: ContentSettings;
  models: Record<ContentWorker | 'supervisor', WorkerModel>;
  registries: Record<ContentWorker, ToolRegistry>;
  mailbox: Mailbox;
  bus: EventBus;
  lessons: string[];
}
