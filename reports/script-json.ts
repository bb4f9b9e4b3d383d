// Page data for the browser as JSON inside `<script type="application/json">`. The characters that
// could end the element or open a comment (`<`, `>`, `&`) and the line separators old parsers choke
// on are written as \u escapes, so no text a model wrote can break out of the element. The view
// renderer passes a ScriptJson through unescaped; any other value is HTML-escaped as usual.

const unsafeCharacters = /[<>&\u2028\u2029]/g;

function unicodeEscape(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

export class ScriptJson {
  private constructor(readonly text: string) {}

  static of(value: unknown): ScriptJson {
    return new ScriptJson((JSON.stringify(value) ?? 'null').replace(unsafeCharacters, unicodeEscape));
  }
}
