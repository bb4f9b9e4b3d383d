// Each case's seed derives from the run seed, the case id and the epoch, so a run reproduces, epochs
// differ, and every model and agent meets the same draws on the same case (fair paired comparisons).
import { createHash } from 'node:crypto';

export function deriveCaseSeed(runSeed: number, caseId: string, epoch: number): number {
  const digest = createHash('sha256').update(`${runSeed}\u0000${caseId}\u0000${epoch}`).digest();
  return digest.readUInt32BE(0) & 0x7fffffff;
}
