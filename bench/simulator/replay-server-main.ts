// Entry point of the bare server as a process of its own (started by replay-process.ts): reads the
// recorded reply and the delay as JSON on stdin, serves them, prints the URL, stops on SIGTERM.
import { text } from 'node:stream/consumers';
import type { RecordedReply } from './recorded-reply.js';
import { startReplayServer } from './replay-server.js';

interface ReplayServerInput {
  recorded: RecordedReply;
  delayMs: number;
}

const input = JSON.parse(await text(process.stdin)) as ReplayServerInput;
const server = await startReplayServer(input.recorded, { delayMs: input.delayMs });
process.stdout.write(`bare server listening at ${server.baseURL}\n`);
process.once('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
