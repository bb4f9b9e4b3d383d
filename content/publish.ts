// Publishing a lesson package to an output folder: `<piece-id>.html` then `<piece-id>.json`, each
// written to a temporary file first so a reader never sees half a file. The JSON file is the mark of a
// published piece and is created exclusively (link(2) fails if it exists, atomically), so two workers
// finishing the same job publish it exactly once: the second is told it was already there, and the
// first one's package stays (a second worker that lost the race renders the HTML again from it).
import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ContentError } from './errors.js';
import { renderLessonPackageHtml } from './lesson-package-html.js';
import { validateLessonPackage, type LessonPackage } from './lesson-package.js';

export interface PublishResult {
  jsonPath: string;
  htmlPath: string;
  /** True when the piece's JSON was there already: nothing was written. */
  alreadyPublished: boolean;
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === code;
}

async function writeTemporary(directory: string, name: string, content: string): Promise<string> {
  const temporary = path.join(directory, `.${name}.${randomUUID()}.tmp`);
  await writeFile(temporary, content, 'utf8');
  return temporary;
}

/** Whether `<piece-id>.json` exists in the folder. */
export async function isPublished(pieceId: string, outputDirectory: string): Promise<boolean> {
  try {
    await readFile(path.join(outputDirectory, `${pieceId}.json`));
    return true;
  } catch (error) {
    if (isCode(error, 'ENOENT')) return false;
    throw error;
  }
}

export async function publish(lesson: LessonPackage, outputDirectory: string): Promise<PublishResult> {
  const validation = validateLessonPackage(lesson);
  if (!validation.ok) throw new ContentError('AGENTLAB_CONTENT_PACKAGE_INVALID', `the package of ${lesson.pieceId} is not valid: ${validation.errors.join('; ')}`);
  await mkdir(outputDirectory, { recursive: true });
  const jsonPath = path.join(outputDirectory, `${lesson.pieceId}.json`);
  const htmlPath = path.join(outputDirectory, `${lesson.pieceId}.html`);
  if (await isPublished(lesson.pieceId, outputDirectory)) return { jsonPath, htmlPath, alreadyPublished: true };

  const html = await writeTemporary(outputDirectory, `${lesson.pieceId}.html`, renderLessonPackageHtml(validation.lesson));
  await rename(html, htmlPath);
  const json = await writeTemporary(outputDirectory, `${lesson.pieceId}.json`, `${JSON.stringify(validation.lesson, null, 2)}\n`);
  try {
    await link(json, jsonPath);
    return { jsonPath, htmlPath, alreadyPublished: false };
  } catch (error) {
    if (isCode(error, 'EEXIST')) {
      // Another worker published first, and this one's HTML may have replaced theirs: the page is
      // rendered again from the JSON that won, so the two files always describe the same package.
      const winner = validateLessonPackage(JSON.parse(await readFile(jsonPath, 'utf8')));
      if (winner.ok) await rename(await writeTemporary(outputDirectory, `${lesson.pieceId}.html`, renderLessonPackageHtml(winner.lesson)), htmlPath);
      return { jsonPath, htmlPath, alreadyPublished: true };
    }
    throw new ContentError('AGENTLAB_CONTENT_PUBLISH_CONFLICT', `could not publish ${jsonPath}`, { cause: error });
  } finally {
    await unlink(json).catch(() => undefined);
  }
}
