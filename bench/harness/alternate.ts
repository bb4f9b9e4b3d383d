// Runs two measurements side by side, A, B, A, B…, so that whatever the noisy machine does
// (another process, a CPU frequency change, a GC) falls on both sides alike.

export interface AlternateOptions<Sample> {
  /** Alternations run first and thrown away, to warm the JIT, sockets and caches. Default 1. */
  warmup?: number;
  /** Called after each kept alternation with its two samples, for progress output. */
  onRun?: (run: number, runs: number, samples: { a: Sample; b: Sample }) => void;
}

export interface AlternatedSamples<Sample> {
  a: Sample[];
  b: Sample[];
}

export async function alternate<Sample>(
  measureA: () => Promise<Sample>,
  measureB: () => Promise<Sample>,
  runs: number,
  options: AlternateOptions<Sample> = {},
): Promise<AlternatedSamples<Sample>> {
  for (let run = 0; run < (options.warmup ?? 1); run += 1) {
    await measureA();
    await measureB();
  }
  const samples: AlternatedSamples<Sample> = { a: [], b: [] };
  for (let run = 1; run <= runs; run += 1) {
    const a = await measureA();
    const b = await measureB();
    samples.a.push(a);
    samples.b.push(b);
    options.onRun?.(run, runs, { a, b });
  }
  return samples;
}
