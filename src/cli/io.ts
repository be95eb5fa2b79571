/**
 * Where a CLI run writes and which environment it reads: the real process's by default, or what a
 * caller gave `main` (tests run the CLI in their own process and capture its output). One run at a
 * time: `main` sets it for the run and puts the previous one back when the run ends.
 * The working directory is always the process's (relative paths reach the file system in many places).
 */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

let current: CliIo | undefined;

/** The I/O of the run in progress (the process's when none was given). */
export function cliIo(): CliIo {
  return current ?? { env: process.env, stdout: process.stdout, stderr: process.stderr };
}

/** Run `fn` with `io` as the CLI's I/O, then restore what was there before. */
export async function withCliIo<T>(io: CliIo | undefined, fn: () => Promise<T>): Promise<T> {
  const before = current;
  current = io;
  try {
    return await fn();
  } finally {
    current = before;
  }
}

/** Write a line (or any text) to the run's standard error. */
export function writeStderr(text: string): void {
  cliIo().stderr.write(text);
}
