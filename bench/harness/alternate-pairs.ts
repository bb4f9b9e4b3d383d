// Samples of two sides taken in pairs, the side that goes first switching from one pair to the next
// (A B, B A, A B, …): whatever the first sample of a pair leaves behind for the second (garbage to
// collect, a cache the other side's code pushed out, a burst of other work starting) falls on each
// side alike, instead of always on the same one.

export interface PairedSamples<Sample> {
  a: Sample[];
  b: Sample[];
}

export interface AlternatePairsOptions<Sample> {
  /** Pairs taken first and thrown away: sockets, caches and the JIT warm on both sides. */
  warmup: number;
  /** Called after each kept pair, for progress lines. */
  onPair?: (pair: number, pairs: number, samples: { a: Sample; b: Sample }) => void;
}

export async function alternatePairs<Sample>(
  measureA: () => Promise<Sample>,
  measureB: () => Promise<Sample>,
  pairs: number,
  options: AlternatePairsOptions<Sample>,
): Promise<PairedSamples<Sample>> {
  const samples: PairedSamples<Sample> = { a: [], b: [] };
  for (let index = 0; index < options.warmup + pairs; index += 1) {
    let a: Sample;
    let b: Sample;
    if (index % 2 === 0) {
      a = await measureA();
      b = await measureB();
    } else {
      b = await measureB();
      a = await measureA();
    }
    if (index < options.warmup) continue;
    samples.a.push(a);
    samples.b.push(b);
    options.onPair?.(index - options.warmup + 1, pairs, { a, b });
  }
  return samples;
}
