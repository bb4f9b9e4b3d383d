// How agentlab's jobs sit in BullMQ: the job data it writes, the parked marker that makes a completed
// job in_review, the mapping of BullMQ's states onto the queue's, and the Lua scripts that make
// checkpoint, park and unpark conditional (on the lock's token, on the review index) in one step.
import type { QueueJob, QueueJobState } from './job-queue.js';

/** What agentlab keeps in a BullMQ job's data: JSON texts, so the Lua scripts never re-encode a payload. */
export interface JobData {
  payload: string;
  /** Enqueue order within agentlab's keys: ties of BullMQ's millisecond timestamps are broken by it. */
  sequence: number;
  checkpoints: Record<string, string>;
  note?: string;
}

export interface OrderedJob {
  job: QueueJob;
  sequence: number;
}

export interface ParkedMarker {
  agentlabParked: true;
  note: string;
}

export const jobName = 'job';

// KEYS: job hash, lock. ARGV: token, stage, value (JSON text). The stage name is checked before.
export const checkpointScript = `
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
local data = cjson.decode(redis.call('HGET', KEYS[1], 'data'))
if type(data.checkpoints) ~= 'table' then data.checkpoints = {} end
data.checkpoints[ARGV[2]] = ARGV[3]
redis.call('HSET', KEYS[1], 'data', cjson.encode(data))
return 1`;

// KEYS: lock, review index. ARGV: token, time, job id. Listed before BullMQ completes the job, so a
// crash between the two leaves an index entry the reads check, never a parked job nobody sees.
export const parkScript = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1`;

// KEYS: review index, job hash, completed set, failed set. ARGV: job id, requeue (1/0), note or '',
// result JSON, checkpoints to keep (JSON array) or '', error counted as an attempt or '', max attempts,
// time, errors kept. Taking the id out of the index is the claim: of two reviewers only one gets 1 (or
// 2: the counted attempt was the last, and the job is moved to the failed set, BullMQ's dead letter).
export const unparkScript = `
if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then return 0 end
if not redis.call('ZSCORE', KEYS[3], ARGV[1]) then return 0 end
local data = cjson.decode(redis.call('HGET', KEYS[2], 'data'))
if ARGV[3] ~= '' then data.note = ARGV[3] end
if ARGV[2] == '1' and ARGV[5] ~= '' then
  local kept = {}
  for _, stage in ipairs(cjson.decode(ARGV[5])) do
    if type(data.checkpoints) == 'table' and data.checkpoints[stage] ~= nil then kept[stage] = data.checkpoints[stage] end
  end
  data.checkpoints = kept
end
redis.call('HSET', KEYS[2], 'data', cjson.encode(data))
if ARGV[2] == '0' then
  redis.call('HSET', KEYS[2], 'returnvalue', ARGV[4])
  return 1
end
if ARGV[6] == '' then return 1 end
local attempts = redis.call('HINCRBY', KEYS[2], 'atm', 1)
local stacktrace = cjson.decode(redis.call('HGET', KEYS[2], 'stacktrace') or '[]')
table.insert(stacktrace, ARGV[6])
while #stacktrace > tonumber(ARGV[9]) do table.remove(stacktrace, 1) end
redis.call('HSET', KEYS[2], 'stacktrace', cjson.encode(stacktrace))
if attempts < tonumber(ARGV[7]) then return 1 end
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('ZADD', KEYS[4], ARGV[8], ARGV[1])
redis.call('HDEL', KEYS[2], 'returnvalue')
redis.call('HSET', KEYS[2], 'failedReason', ARGV[6], 'finishedOn', ARGV[8])
return 2`;

export function isParkedMarker(value: unknown): value is ParkedMarker {
  return typeof value === 'object' && value !== null && (value as { agentlabParked?: unknown }).agentlabParked === true;
}

export function stateOf(bullState: string, returnvalue: unknown): QueueJobState | undefined {
  switch (bullState) {
    case 'waiting':
    case 'wait':
    case 'paused':
    case 'delayed':
    case 'prioritized':
    case 'waiting-children':
      return 'queued';
    case 'active':
      return 'running';
    case 'completed':
      return isParkedMarker(returnvalue) ? 'in_review' : 'done';
    case 'failed':
      return 'dead';
    default:
      return undefined;
  }
}

export const bullTypesOf: Record<Exclude<QueueJobState, 'in_review'>, Array<'wait' | 'delayed' | 'prioritized' | 'active' | 'completed' | 'failed'>> = {
  queued: ['wait', 'delayed', 'prioritized'],
  running: ['active'],
  done: ['completed'],
  dead: ['failed'],
};
