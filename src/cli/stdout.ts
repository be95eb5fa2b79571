/**
 * Standard output that may be closed by its reader (`wt-audit … | head`). Once the reader is gone,
 * the rest of the output is dropped and the run goes on, so the exit code still says whether there
 * were findings (a pipeline with `set -o pipefail` must not read a closed pipe as "all clear").
 */
import { cliIo } from './io.js';

let readerGone = false;
let guarded = false;

/** Turn a closed pipe on standard output into "drop the rest" instead of a crash. */
export function guardStdout(): void {
  if (guarded) return;
  guarded = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    readerGone = true;
  });
}

/** Write to the run's standard output, waiting while it is full; nothing once the reader has gone. */
export function writeStdout(chunk: string | Uint8Array): void | Promise<void> {
  const stream = cliIo().stdout as NodeJS.WritableStream & { destroyed?: boolean };
  if ((readerGone && stream === process.stdout) || stream.destroyed) return;
  if (stream.write(chunk)) return;
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.once('drain', done);
    stream.once('close', done);
  });
}
