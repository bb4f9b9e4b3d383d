// Public surface of record and replay: a deck per eval, a tape per cell, and what the model proxy
// needs to tape its own upstream calls.
export { CassetteDeck, openCassetteDeck } from './cassette-deck.js';
export type { CassetteDeckOptions, CassetteMode, CassetteSummary, ReplayMissing } from './cassette-deck.js';
export { CellTape } from './cell-tape.js';
export type { TapeTurn } from './cell-tape.js';
export type { CellIdentity, RecordedEval } from './cassette-lines.js';
export { cellFileName } from './cell-file-name.js';
export { CassetteError, CassetteLineError } from './errors.js';
export type { CassetteErrorCode } from './errors.js';
export { ResponseCapture, failedResponse } from './response-capture.js';
export { replayedChunks, replayedHeaders } from './recorded-response.js';
export type { RecordedResponse } from './recorded-response.js';
export { missAnswerBody, missAnswerHeaders, MISS_STATUS } from './miss-answer.js';
export { MISS_ERROR_CODE } from './constants.js';
export { secretValues } from './redact-secrets.js';
