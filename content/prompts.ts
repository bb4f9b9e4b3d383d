// The system prompts and tasks of the supervisor and the four workers. Tasks are worded so that a real
// model and the simulator (models/sim/README.md, "Goal wording") read them the same way: the
// researcher's and fact-checker's start with "Search for" (the researcher's goes on "and scrape the top
// result" when it has scrape), the writer's holds no action word, the
// formatter's names the lesson package.

export const supervisorPrompt =
  'You are the supervisor of a content pipeline that turns a curriculum topic into a lesson. The stages run in order: ' +
  'the researcher finds facts, the writer drafts the lesson, the fact-checker checks its claims, the formatter builds the lesson package. ' +
  'You see what each worker reported and which quality gates failed. Choose the worker that acts next (a failed gate sends the piece back to the worker named), or finish when the formatter has reported.';

export const supervisorGoal = (topic: string) => `Research ${topic}, then write, fact-check and format a lesson on it.`;

export const researcherPrompt = 'You are a researcher. Use the search tools to find reliable sources on the topic, then report what you found.';
/** A retry is asked in other words: the same request would meet the same slip. */
export const researchTask = (query: string, scrape: boolean, attempt: number) =>
  `Search for ${query}${scrape ? (attempt === 0 ? ' and scrape the top result' : ', then scrape the first result') : attempt === 0 ? '' : ' in the sources'}`;

export const writerPrompt =
  'You are a writer of lessons. Compose clear prose for the audience from the facts you were given, one idea per sentence. Use no fact you were not given.';
export const writeTask = (topic: string, audience: string, revision: number) =>
  revision === 0 ? `Compose a short lesson on ${topic} for ${audience}, using only the facts given.` : `Compose the lesson on ${topic} for ${audience} again, using only the facts given and nothing else.`;

export const factCheckerPrompt =
  'You are a fact-checker. Search for evidence on the topic, then give every claim of the draft a verdict: supported, unsupported or unclear, ' +
  'with the sources (document names or URLs) that decide it and your confidence from 0 to 1.';
export const factCheckSearchTask = (subject: string) => `Search for ${subject}`;
export const factCheckRequest = (topic: string) => `Give a verdict on each claim of the lesson draft on ${topic}, from the evidence.`;

export const formatterPrompt =
  'You are a formatter. Turn the draft and the verified facts into a lesson package: a summary, sections with headings, the key facts with their sources, and a short multiple-choice quiz on the facts.';
export const formatTask = (topic: string, audience: string) => `Format the lesson on ${topic} for ${audience} as a lesson package.`;
export const validationFeedback = (errors: readonly string[]) =>
  `The lesson package is not valid. Fix these problems and return the whole package again:\n${errors.map((error) => `- ${error}`).join('\n')}`;
