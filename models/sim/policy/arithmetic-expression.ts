// Finds the arithmetic a goal asks for ("17 * 23", "15 percent of 240", "the square root of 81")
// and writes it as an expression a calculator tool accepts.

const wordOperators: Array<[RegExp, string]> = [
  [/(\d)\s*,\s*(?=\d{3}\b)/g, '$1'],
  [/\bsquare\s+root\s+of\s+(\d+(?:\.\d+)?)/gi, 'sqrt($1)'],
  [/(\d+(?:\.\d+)?)\s*(?:%|percent)\s+of\s+/gi, '$1 / 100 * '],
  [/\bmultiplied\s+by\b|\btimes\b|×/gi, '*'],
  [/(\d)\s*x\s*(?=\d)/gi, '$1 * '],
  [/\bdivided\s+by\b|÷/gi, '/'],
  [/\bplus\b/gi, '+'],
  [/\bminus\b/gi, '-'],
  [/\b(?:to\s+the\s+power\s+of|raised\s+to(?:\s+the\s+power\s+of)?)\b/gi, '^'],
  [/\s+squared\b/gi, '^2'],
  [/\s+cubed\b/gi, '^3'],
];

const candidateSpan = /(?:(?:sqrt|abs|round|floor|ceil|log|exp)\s*\(|[\d.+\-*/^%()\s])+/g;
const operatorBetweenOperands = /[\d)]\s*[+\-*/^%]\s*[-\d(sqrtabsloundfceilxp]/;

function balanceParentheses(text: string): string {
  let result = text;
  while ((result.match(/\(/g)?.length ?? 0) > (result.match(/\)/g)?.length ?? 0) && result.startsWith('(')) result = result.slice(1);
  while ((result.match(/\)/g)?.length ?? 0) > (result.match(/\(/g)?.length ?? 0) && result.endsWith(')')) result = result.slice(0, -1);
  return result.trim();
}

/** The longest arithmetic expression in the text, or undefined when there is none. */
export function extractExpression(text: string): string | undefined {
  let normalized = text;
  for (const [pattern, replacement] of wordOperators) normalized = normalized.replace(pattern, replacement);
  let best: string | undefined;
  for (const match of normalized.matchAll(candidateSpan)) {
    const span = balanceParentheses(match[0].trim().replace(/^[+*/^%.\s]+|[+\-*/^%.\s]+$/g, ''));
    const isExpression = /\d/.test(span) && (operatorBetweenOperands.test(span) || /^(?:sqrt|abs|round|floor|ceil|log|exp)\s*\(/.test(span));
    if (isExpression && (!best || span.length > best.length)) best = span.replace(/\s+/g, ' ');
  }
  return best;
}

const listedNumber = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const numberList = new RegExp(String.raw`(?:${listedNumber})(?:\s*(?:,\s*and\b|,|\band\b)\s*(?:${listedNumber}))+`);

/** "18, 27 and 41" → "18 + 27 + 41": the sum a list of numbers asks for after "add up" (1,200 is one number). */
export function extractListSum(text: string): string | undefined {
  const list = numberList.exec(text)?.[0];
  if (!list) return undefined;
  const numbers = list.match(new RegExp(listedNumber, 'g'))!.map((number) => number.replace(/,/g, ''));
  return numbers.join(' + ');
}
