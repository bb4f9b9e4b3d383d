// The content pipeline as an eval target, with nothing registered anywhere:
//   agentlab eval <topics> --agents module:content/eval-agent.ts,module:content/eval-agent.ts#weakWriter
// Each case's goal is a topic. The default export runs the supervisor and every worker on the cell's
// model; the named exports are worker-model choices to compare with it in the same run (build others
// with contentEvalAgent). Every call goes through the case's recording proxy; the answer is the
// package's summary and key facts, and the piece's status, counters and cost per worker are the case's
// metadata, on its trace.
import { DEFAULT_SUPERVISOR_MODEL, DEFAULT_WORKER_MODELS } from './constants.js';
import { contentEvalAgent } from './eval-worker-models.js';

/** Every worker and the supervisor on the cell's model. */
export default contentEvalAgent();

/** The seed's defaults (constants.ts): supervisor and formatter on sim:weak, the others on sim:strong, whatever the cell's model. */
export const seedDefaults = contentEvalAgent({ supervisor: DEFAULT_SUPERVISOR_MODEL, ...DEFAULT_WORKER_MODELS });

/** The writer on sim:weak, everyone else on the cell's model. */
export const weakWriter = contentEvalAgent({ writer: 'sim:weak' });

/** The fact-checker, two thirds of the cost on sim:strong, on sim:weak; everyone else on the cell's model. */
export const weakFactChecker = contentEvalAgent({ 'fact-checker': 'sim:weak' });
