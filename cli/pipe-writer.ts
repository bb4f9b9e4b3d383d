// Writes to stdout or stderr that a reader may close early: `agentlab models | head -1` closes the
// pipe after one line, and Node reports the next write as an unhandled EPIPE with a stack trace.
// Once the reader has gone, output is dropped and the command finishes quietly: an eval still stores
// its results. Any other write error is still thrown.
const closedPipeCodes = new Set(['EPIPE', 'ERR_STREAM_DESTROYED']);

export function pipeWriter(stream: NodeJS.WritableStream): (text: string) => void {
  let readerGone = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (!closedPipeCodes.has(error.code ?? '')) throw error;
    readerGone = true;
  });
  return (text) => {
    if (!readerGone) stream.write(text);
  };
}
