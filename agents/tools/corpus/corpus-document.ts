// Reads the documents of a corpus directory: markdown, plain text and saved web pages.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { htmlTitle, htmlToPlainText } from '../../guards/index.js';
import { CORPUS_EXTENSIONS } from '../constants.js';
import { CorpusError } from '../errors.js';

export interface CorpusDocument {
  id: number;
  /** File name relative to the corpus directory, with forward slashes. */
  source: string;
  title: string;
  /** Plain text, paragraphs separated by blank lines, title line removed. */
  body: string;
}

function withoutExtension(source: string): string {
  return path.basename(source, path.extname(source));
}

/** Markdown's first `# ` heading, or a plain-text file's first line, is the title. */
function splitTitle(text: string, heading: RegExp): { title: string; body: string } {
  const lines = text.split(/\r?\n/);
  const index = lines.findIndex((line) => line.trim() !== '');
  const match = index >= 0 ? heading.exec(lines[index]!.trim()) : null;
  if (!match) return { title: '', body: text.trim() };
  return { title: match[1]!.trim(), body: lines.slice(index + 1).join('\n').trim() };
}

export function parseCorpusDocument(id: number, source: string, raw: string): CorpusDocument {
  const extension = path.extname(source).toLowerCase();
  let parsed: { title: string; body: string };
  if (extension === '.html' || extension === '.htm') {
    parsed = { title: htmlTitle(raw), body: htmlToPlainText(raw, { mainContentOnly: true }) };
  } else if (extension === '.md') {
    parsed = splitTitle(raw, /^#\s+(.+)$/);
  } else {
    parsed = splitTitle(raw, /^(.+)$/);
  }
  return { id, source, title: parsed.title || withoutExtension(source), body: parsed.body };
}

/** Every readable document under `directory`, in file-name order so ids are stable. */
export async function readCorpusDocuments(directory: string): Promise<CorpusDocument[]> {
  let names: string[];
  try {
    names = await readdir(directory, { recursive: true });
  } catch (error) {
    throw new CorpusError(`cannot read the corpus directory ${directory}`, { cause: error });
  }
  const sources = names
    .map((name) => name.split(path.sep).join('/'))
    .filter((name) => CORPUS_EXTENSIONS.includes(path.extname(name).toLowerCase()))
    .sort();
  const documents: CorpusDocument[] = [];
  for (const source of sources) {
    const raw = await readFile(path.join(directory, source), 'utf8');
    documents.push(parseCorpusDocument(documents.length, source, raw));
  }
  return documents;
}
