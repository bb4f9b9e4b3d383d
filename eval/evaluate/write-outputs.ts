// Writes the outputs that list every result (JUnit XML, Markdown, JSON); the results are read from
// the store only when one of them is asked for.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EvalStore } from '../../store/index.js';
import { toJsonReport, toJUnitXml, toMarkdown, type RunReport, type RunSummaryReport } from '../outputs/index.js';

export interface OutputFiles {
  junit?: string;
  markdown?: string;
  json?: string;
}

/** Returns the files written, as given. */
export async function writeOutputs(store: Pick<EvalStore, 'caseResults'>, summary: RunSummaryReport, files: OutputFiles, cwd: string, loaded?: RunReport): Promise<string[]> {
  if (!files.junit && !files.markdown && !files.json) return [];
  const report: RunReport = loaded ?? { ...summary, results: await store.caseResults(summary.run.id) };
  const outputs: Array<[string | undefined, () => string]> = [
    [files.junit, () => toJUnitXml(report)],
    [files.markdown, () => toMarkdown(report)],
    [files.json, () => `${JSON.stringify(toJsonReport(report), null, 2)}\n`],
  ];
  const written: string[] = [];
  for (const [file, render] of outputs) {
    if (!file) continue;
    const target = path.resolve(cwd, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, render());
    written.push(file);
  }
  return written;
}
