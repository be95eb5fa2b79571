/** How many threads a run audits on: shared by the run (run.ts) and the pool (pool.ts). */
import { availableParallelism } from 'node:os';

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** Files per thread below which starting a worker thread costs more than it saves. */
export const MIN_FILES_PER_THREAD = 8;

/** How many threads to audit this many files on with --jobs n: this one, and the rest workers. */
export function threadsFor(files: number, jobs: number): number {
  return Math.max(1, Math.min(Math.floor(jobs), Math.floor(files / MIN_FILES_PER_THREAD)));
}
