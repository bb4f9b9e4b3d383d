// How `agentlab memory` prints memories and episodes on a terminal: one row each, untrusted text
// (facts, goals, lessons come from models and users) on one line with control characters escaped.
import type { EpisodeRecord, MemoryRecord } from '../../store/index.js';
import type { RecalledEpisode, RecalledMemory } from '../../agents/index.js';
import { formatTable } from '../format-table.js';
import { toTerminalLine } from '../terminal-text.js';

/** Characters of a fact, goal or lesson shown in a table; --json has them whole. */
const shownTextLength = 80;

function shownTime(milliseconds: number): string {
  return new Date(milliseconds).toISOString().slice(0, 16).replace('T', ' ');
}

function shownAgent(agent: string): string {
  return agent === '' ? '(shared)' : toTerminalLine(agent, 30);
}

export function formatMemories(memories: readonly MemoryRecord[]): string {
  return formatTable(
    [{ header: 'ID', align: 'right' }, { header: 'NAMESPACE' }, { header: 'AGENT' }, { header: 'CREATED (UTC)' }, { header: 'RECALLS', align: 'right' }, { header: 'FACT' }],
    memories.map((memory) => [
      String(memory.id),
      toTerminalLine(memory.namespace, 40),
      shownAgent(memory.agent),
      shownTime(memory.createdAt),
      String(memory.accessCount),
      toTerminalLine(memory.content, shownTextLength),
    ]),
  );
}

export function formatRecalledMemories(recalled: readonly RecalledMemory[]): string {
  return formatTable(
    [{ header: 'SCORE', align: 'right' }, { header: 'SIMILARITY', align: 'right' }, { header: 'ID', align: 'right' }, { header: 'AGENT' }, { header: 'FACT' }],
    recalled.map(({ memory, similarity, score }) => [score.toFixed(3), similarity.toFixed(3), String(memory.id), shownAgent(memory.agent), toTerminalLine(memory.content, shownTextLength)]),
  );
}

export function formatEpisodes(episodes: readonly EpisodeRecord[]): string {
  return formatTable(
    [{ header: 'ID', align: 'right' }, { header: 'CREATED (UTC)' }, { header: 'NAMESPACE' }, { header: 'AGENT' }, { header: 'MODEL' }, { header: 'OUTCOME' }, { header: 'GOAL' }, { header: 'LESSON' }],
    episodes.map((episode) => [
      String(episode.id),
      shownTime(episode.createdAt),
      toTerminalLine(episode.namespace, 40),
      toTerminalLine(episode.agent, 30),
      toTerminalLine(episode.model, 30),
      toTerminalLine(episode.outcome, 24),
      toTerminalLine(episode.goal, 60),
      episode.lesson === undefined ? '-' : toTerminalLine(episode.lesson, 60),
    ]),
  );
}

export function formatRecalledEpisodes(recalled: readonly RecalledEpisode[]): string {
  return formatTable(
    [{ header: 'SIMILARITY', align: 'right' }, { header: 'ID', align: 'right' }, { header: 'AGENT' }, { header: 'OUTCOME' }, { header: 'GOAL' }, { header: 'LESSON' }],
    recalled.map(({ episode, similarity }) => [
      similarity.toFixed(3),
      String(episode.id),
      toTerminalLine(episode.agent, 30),
      toTerminalLine(episode.outcome, 24),
      toTerminalLine(episode.goal, 60),
      episode.lesson === undefined ? '-' : toTerminalLine(episode.lesson, 60),
    ]),
  );
}
