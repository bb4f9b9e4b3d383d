// Reads a request body whole, refusing it past a limit without holding more than the limit in
// memory: chat requests are read whole because their `model` is rewritten before forwarding.
import type { IncomingMessage } from 'node:http';
import { requestTooLarge } from './proxy-error.js';

export function readBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    request.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > limitBytes) {
        // The rest is read and dropped, so the answer can still be sent on this connection.
        request.removeAllListeners('data');
        request.resume();
        reject(requestTooLarge(limitBytes));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length)));
    request.on('error', reject);
  });
}
