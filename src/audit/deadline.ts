/**
 * A time limit on one file's audit (--file-timeout), in whatever thread it runs.
 *
 * The audit of a file is synchronous once its bytes are read, so no timer in the same thread can
 * fire while it runs. V8 can stop it, though: code run through `vm` with a `timeout` is ended by a
 * watchdog thread when the time is up (even inside a regular expression or Atomics.wait), and an
 * error is thrown where it was called. The audit keeps no state between files that a stop halfway
 * could leave wrong: each parse, index and result is its own. The read before it is raced against
 * a timer instead. Worker threads have a second guard: the pool ends a worker that does not answer
 * (pool.ts).
 */
import vm from 'node:vm';

/** A file is given this long to be audited before it becomes an error entry (--file-timeout, in seconds). */
export const DEFAULT_FILE_TIMEOUT_S = 30;

/** The file's audit ran past its time. */
export class FileTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`took longer than ${+(ms / 1000).toFixed(3)} s to audit (--file-timeout); the rest of the batch was audited`);
    this.name = 'FileTimeoutError';
  }
}

const box = vm.createContext({ run: undefined as unknown });
const call = new vm.Script('run()');

/**
 * fn(), ended with a FileTimeoutError once it has run `ms` milliseconds (no limit when ms ≤ 0).
 * @param limitMs the whole time allowed, to name in the error (ms may be what is left of it)
 */
export function runWithin<T>(ms: number, fn: () => T, limitMs = ms): T {
  if (!(ms > 0)) return fn();
  box.run = fn;
  try {
    return call.runInContext(box, { timeout: Math.max(1, Math.ceil(ms)), breakOnSigint: false }) as T;
  } catch (e) {
    if ((e as NodeJS.ErrnoException | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new FileTimeoutError(limitMs);
    throw e;
  } finally {
    box.run = undefined;
  }
}

/** The promise's value, or a FileTimeoutError if it takes longer than `ms` (no limit when ms ≤ 0). */
export async function awaitWithin<T>(ms: number, p: Promise<T>): Promise<T> {
  if (!(ms > 0)) return p;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FileTimeoutError(ms)), ms);
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}
