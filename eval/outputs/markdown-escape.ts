// Makes untrusted text (model output, reasons that quote it) render as itself in GitHub-flavoured
// Markdown: no HTML, no code spans, links, emphasis or math, and no broken table cells.

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** One line of literal text, safe in a paragraph, a list item or a table cell. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[&<>]/g, (character) => ENTITIES[character]!)
    .replace(/[\\`*_[\]|~#!()$]/g, (character) => `\\${character}`)
    .replace(/\s*[\r\n]+\s*/g, ' ');
}
