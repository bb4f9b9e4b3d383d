// Episodic memory end to end: a real agent run on the simulator becomes an episode in a store file,
// recalled by the similarity of a new goal to its own, with lessons set afterwards.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agentPatterns } from '../patterns/index.js';
import { runAgent } from '../core/run-agent.js';
import { createDefaultRegistry, createSandbox, DEFAULT_SANDBOX_FIXTURES_DIRECTORY } from '../tools/index.js';
import { episodeFromResult, summarizeSteps } from './episode-summary.js';
import type { EpisodicMemory } from './episodic-memory.js';
import { openMemory } from './open-memory.js';
import { createMemoryTestBed, type MemoryTestBed } from './test-support.js';

let bed: MemoryTestBed;
let episodic: EpisodicMemory;

beforeEach(async () => {
  bed = createMemoryTestBed();
  episodic = (await openMemory({ store: bed.backend, provider: bed.provider, embeddingModel: 'sim:strong', now: () => 1_000 })).episodic;
});
afterEach(() => bed.close());

async function runReact(goal: string) {
  const sandbox = await createSandbox({ fixtures: DEFAULT_SANDBOX_FIXTURES_DIRECTORY });
  try {
    return await runAgent('react', agentPatterns.react, goal, { model: await bed.provider.open('sim:oracle'), tools: createDefaultRegistry({ sandbox }), seed: 1 });
  } finally {
    await sandbox.remove();
  }
}

describe('episodic memory', () => {
  it('records a finished run as an episode: goal, steps summary, outcome, answer, agent and model', async () => {
    const goal = 'Search for the boiling point of water and calculate 17 * 23';
    const result = await runReact(goal);
    const episode = await episodic.recordEpisode(episodeFromResult(goal, result, { agent: 'react', model: 'sim:oracle', runId: 'run-7' }));
    expect(episode).toMatchObject({ namespace: 'default', agent: 'react', model: 'sim:oracle', runId: 'run-7', goal, outcome: 'completed', embeddingModel: 'sim:strong', createdAt: 1_000 });
    expect(episode.output).toContain('17 * 23 = 391.');
    expect(episode.steps.split('\n')).toEqual([
      '3 model calls, 2 tool calls',
      '1. react → search_web {"query":"the boiling point of water"} (ok)',
      '2. react → calculator {"expression":"17 * 23"} (ok)',
    ]);
    expect(episode.lesson).toBeUndefined();
  });

  it('recalls the episodes whose goals are most like a new one, most similar first', async () => {
    const boiling = await episodic.recordEpisode({ goal: 'Find the boiling point of water', steps: '', outcome: 'completed', agent: 'react', model: 'sim:strong' });
    await episodic.recordEpisode({ goal: 'Email the budget summary to priya@example.com', steps: '', outcome: 'completed', agent: 'react', model: 'sim:strong' });
    const python = await episodic.recordEpisode({ goal: 'Who created the Python language?', steps: '', outcome: 'completed', agent: 'pipeline', model: 'sim:weak' });

    const recalled = await episodic.recallEpisodes('What is the boiling point of ethanol?', { k: 2 });
    expect(recalled[0]!.episode.id).toBe(boiling.id);
    expect(recalled[0]!.similarity).toBeGreaterThan(recalled[1]!.similarity);
    expect((await episodic.recallEpisodes('Python creator', { k: 1, agent: 'pipeline' })).map((entry) => entry.episode.id)).toEqual([python.id]);
    expect(await episodic.recallEpisodes('Python creator', { namespace: 'other' })).toEqual([]);
  });

  it('returns only episodes with lessons when asked, and a lesson set later counts at once', async () => {
    const failed = await episodic.recordEpisode({ goal: 'Summarise notes.txt into summary.md', steps: '1 model call', outcome: 'max_steps: the run reached its limit', agent: 'react', model: 'sim:weak' });
    await episodic.recordEpisode({ goal: 'Summarise notes.txt for the team', steps: '', outcome: 'completed', agent: 'react', model: 'sim:strong' });
    expect(await episodic.recallEpisodes('Summarise notes.txt', { withLessonsOnly: true })).toEqual([]);

    const taught = await episodic.setLesson(failed.id, 'Read the file before writing the summary.');
    expect(taught.lesson).toBe('Read the file before writing the summary.');
    const withLessons = await episodic.recallEpisodes('Summarise notes.txt', { withLessonsOnly: true });
    expect(withLessons.map((entry) => [entry.episode.id, entry.episode.lesson])).toEqual([[failed.id, 'Read the file before writing the summary.']]);
    expect((await episodic.list({ withLessonsOnly: true })).map((entry) => entry.id)).toEqual([failed.id]);
  });

  it('names an episode it does not hold, and refuses a blank lesson', async () => {
    await expect(episodic.setLesson(404, 'x')).rejects.toMatchObject({ code: 'AGENTLAB_EPISODE_NOT_FOUND' });
    const episode = await episodic.recordEpisode({ goal: 'Who created Python?', steps: '', outcome: 'completed', agent: 'react', model: 'sim:strong' });
    await expect(episodic.setLesson(episode.id, '  ')).rejects.toThrow('The lesson must not be empty.');
  });

  it('summarises long trajectories with a count of the tool calls it leaves out', () => {
    const steps = Array.from({ length: 25 }, (_, index) => ({
      type: 'tool_call' as const,
      agent: 'react',
      callId: `c${index}`,
      tool: 'read_file',
      arguments: JSON.stringify({ path: `file-${index}.txt` }),
      ok: index !== 3,
      result: '',
      ...(index === 3 ? { errorCode: 'tool_error' } : {}),
      latencyMs: 1,
      startedAt: 0,
    }));
    const lines = summarizeSteps(steps).split('\n');
    expect(lines[0]).toBe('0 model calls, 25 tool calls (1 failed)');
    expect(lines[4]).toBe('4. react → read_file {"path":"file-3.txt"} (failed: tool_error)');
    expect(lines.at(-1)).toBe('… and 5 more tool calls');
    expect(lines).toHaveLength(22);
  });
});
