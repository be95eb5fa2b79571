/**
 * A bounded pool of threads that audit files (DESIGN §10): worker threads, each of which compiles
 * the catalogue once (pool-worker.ts) and audits the files it is sent one at a time, and, unless
 * told otherwise, this thread as well, between handling the workers' results. `--jobs n` is n
 * threads in all: this one and n - 1 workers, so no core waits on a thread that only collects.
 *
 * Results are passed on in sorted path order whatever order they finish in, through a reorder
 * buffer bounded by `window`: no more than that many files are in flight or waiting, so memory
 * does not grow with the number of files.
 *
 * Errors stay per file: a file that fails to load or parse is an error entry like any other
 * result. If a worker thread itself dies (out of memory, say), the file it was auditing is audited
 * again in this thread, so the report is the one a single thread gives; the files queued behind it
 * go to the others and the worker is replaced. When workers keep dying, or report a different
 * catalogue, the rest is audited in this thread.
 */
import { Worker } from 'node:worker_threads';
import type { CompiledCatalogue } from '../catalogue/compiled.js';
import type { LocalCatalogue } from '../catalogue/local.js';
import { byPath } from '../util/order.js';
import { auditFileResult, type FileResult, type ResultForm, type RunOptions } from './audit-file.js';
import { FileTimeoutError } from './deadline.js';

/** What a worker is started with (workerData). */
export interface WorkerConfig {
  catalogueDir?: string;
  /** the same local requirements and switch-offs as this thread's catalogue (the sha256 check catches any drift) */
  local?: LocalCatalogue;
  run: RunOptions;
  form: ResultForm;
}

export interface PoolOptions extends WorkerConfig {
  /** worker threads to start */
  workers: number;
  /** this thread audits files too (default true) */
  here?: boolean;
  /** most files in flight or waiting to be passed on (default 4 per thread, at least 8) */
  window?: number;
  /**
   * --file-timeout in milliseconds (0 or absent: no limit). Each thread stops a file's audit when
   * its time is up (deadline.ts); a worker that still has not answered a little later (stuck where
   * V8 cannot stop it) is ended and replaced, and the file is an error entry.
   */
  fileTimeoutMs?: number;
}

export type WorkerMessage = { type: 'ready'; sha256: string } | { type: 'started'; index: number } | { type: 'result'; index: number; result: FileResult };
export interface WorkerTask {
  index: number;
  path: string;
}

/** Files sent to a worker ahead of the one it is auditing, so it never waits for the next. */
const QUEUE_PER_WORKER = 2;

function workerUrl(): URL {
  // a worker thread runs JavaScript: from the TypeScript sources (tests), use the build's worker
  return import.meta.url.endsWith('.ts') ? new URL('../../dist/audit/pool-worker.js', import.meta.url) : new URL('./pool-worker.js', import.meta.url);
}

interface Slot {
  worker: Worker;
  /** tasks sent and not yet answered, oldest first: the first is the one being audited */
  queue: WorkerTask[];
  dead: boolean;
  /** ends the file being audited when it runs past the time limit */
  timer?: NodeJS.Timeout | undefined;
}

/** How long after --file-timeout a worker that has not answered is ended: its own deadline comes first. */
export function workerBackstopMs(ms: number): number {
  return ms + Math.max(1000, ms / 2);
}

/** The result of a file that ran past the time limit. */
function timedOutResult(path: string, ms: number): FileResult {
  return { path, errors: [{ path, message: new FileTimeoutError(ms).message }], warnings: [], fails: false };
}

export class AuditPool {
  private readonly slots: Slot[] = [];
  private respawns = 0;
  private closed = false;
  private job: Job | undefined;
  /** @internal read by Job */
  readonly window: number;
  /** @internal read by Job */
  readonly here: boolean;

  /** Starts the workers at once, so they load while the caller prepares the run. */
  constructor(readonly options: PoolOptions) {
    this.here = options.here ?? true;
    this.window = options.window ?? Math.max(8, 4 * (options.workers + (this.here ? 1 : 0)));
    for (let i = 0; i < options.workers; i++) this.spawn();
  }

  private spawn(): void {
    const o = this.options;
    const config: WorkerConfig = {
      run: o.run,
      form: o.form,
      ...(o.catalogueDir !== undefined ? { catalogueDir: o.catalogueDir } : {}),
      ...(o.local !== undefined ? { local: o.local } : {}),
    };
    const worker = new Worker(workerUrl(), { workerData: config });
    const slot: Slot = { worker, queue: [], dead: false };
    this.slots.push(slot);
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'started') this.startClock(slot, m.index);
      else {
        if (m.type === 'result') this.stopClock(slot);
        this.job?.message(slot, m);
      }
    });
    // why it died does not change what is done: its file is audited again here
    worker.on('error', () => this.lost(slot));
    worker.on('exit', () => this.lost(slot));
  }

  /** The worker has begun a file: give it the time allowed, and a little more. */
  private startClock(slot: Slot, index: number): void {
    const ms = this.options.fileTimeoutMs ?? 0;
    if (ms <= 0 || slot.dead) return;
    this.stopClock(slot);
    slot.timer = setTimeout(() => this.timedOut(slot, index), workerBackstopMs(ms));
  }

  private stopClock(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
  }

  /** A file ran past the time limit: end its worker (JavaScript cannot be stopped otherwise) and start another. */
  private timedOut(slot: Slot, index: number): void {
    slot.timer = undefined;
    if (slot.dead || this.closed || slot.queue[0]?.index !== index) return;
    slot.dead = true;
    const [current, ...queued] = slot.queue.splice(0);
    void slot.worker.terminate();
    // not counted against the respawn limit: this worker was well, its file was not
    this.spawn();
    this.job?.timedOut(current!, queued, this.options.fileTimeoutMs!);
  }

  private lost(slot: Slot): void {
    if (slot.dead) return;
    slot.dead = true;
    this.stopClock(slot);
    if (this.closed) return;
    const tasks = slot.queue.splice(0);
    // replace it while that is still reasonable; a worker that dies at every start is not
    if (this.respawns < this.options.workers + 2) {
      this.respawns++;
      this.spawn();
    }
    this.job?.workerLost(tasks);
  }

  /**
   * Audits `files` (in sorted path order) and calls onResult for each, in that order. `catalogue`
   * is this thread's copy: the workers must have compiled the same one (same sha256).
   */
  async run(files: string[], catalogue: CompiledCatalogue, onResult: (r: FileResult) => void | Promise<void>): Promise<void> {
    if (this.job) throw new Error('AuditPool: one run at a time');
    const job = new Job(this, [...files].sort(byPath), catalogue, onResult);
    this.job = job;
    try {
      await job.done;
    } finally {
      this.job = undefined;
    }
  }

  /** @internal used by Job */
  liveSlots(): Slot[] {
    return this.slots.filter((s) => !s.dead);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const s of this.slots) this.stopClock(s);
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/** One run of the pool over a list of files. */
class Job {
  readonly done: Promise<void>;
  private resolve!: () => void;
  private reject!: (e: unknown) => void;
  private nextSend = 0;
  private nextEmit = 0;
  /** tasks to hand out again, before new ones: queued behind a worker that died */
  private readonly retry: WorkerTask[] = [];
  /** files this thread must audit itself: the one a dying worker was auditing */
  private readonly mine: WorkerTask[] = [];
  private readonly finished = new Map<number, FileResult>();
  private emitting = false;
  /** this thread is auditing a file */
  private busyHere = false;
  /** the workers are given up on (they died, or compiled another catalogue): everything is audited here */
  private workersOff = false;

  constructor(
    private readonly pool: AuditPool,
    private readonly files: string[],
    private readonly catalogue: CompiledCatalogue,
    private readonly onResult: (r: FileResult) => void | Promise<void>,
  ) {
    this.done = new Promise<void>((res, rej) => {
      this.resolve = res;
      this.reject = rej;
    });
    if (files.length === 0) this.resolve();
    else this.pump();
  }

  message(slot: Slot, m: WorkerMessage): void {
    if (m.type === 'ready') {
      // the catalogue changed on disk between this thread's load and the worker's: do not mix
      if (m.sha256 !== this.catalogue.sha256) this.giveUpWorkers();
      return;
    }
    if (m.type !== 'result') return;
    const at = slot.queue.findIndex((t) => t.index === m.index);
    if (at !== -1) slot.queue.splice(at, 1);
    if (this.workersOff) return; // answered after the workers were given up on: the file is redone here
    this.finish(m.index, m.result);
  }

  workerLost(tasks: WorkerTask[]): void {
    const [current, ...queued] = tasks;
    // the file it was auditing may be what killed it: audit it here, as a single thread would
    if (current) this.mine.push(current);
    this.retry.push(...queued);
    if (this.pool.liveSlots().length === 0) this.giveUpWorkers();
    else this.pump();
  }

  /** A file ran past the time limit: it is an error entry; the files queued behind it go to the other workers. */
  timedOut(current: WorkerTask, queued: WorkerTask[], ms: number): void {
    this.retry.push(...queued);
    this.finish(current.index, timedOutResult(current.path, ms));
  }

  private giveUpWorkers(): void {
    if (this.workersOff) return;
    this.workersOff = true;
    for (const s of this.pool.liveSlots()) this.retry.push(...s.queue.splice(0));
    void this.pool.close();
    this.pump();
  }

  private finish(index: number, result: FileResult): void {
    if (index < this.nextEmit || this.finished.has(index)) return;
    this.finished.set(index, result);
    void this.emit();
    this.pump();
  }

  /** The next task to hand out, if the window allows. */
  private take(): WorkerTask | undefined {
    const again = this.retry.shift();
    if (again) return again;
    if (this.nextSend >= this.files.length || this.nextSend >= this.nextEmit + this.pool.window) return undefined;
    const index = this.nextSend++;
    return { index, path: this.files[index]! };
  }

  /** Hand out work: fill the workers' queues, and keep this thread auditing. */
  private pump(): void {
    if (!this.workersOff) {
      for (;;) {
        const slot = this.pool
          .liveSlots()
          .filter((s) => s.queue.length < QUEUE_PER_WORKER)
          .sort((a, b) => a.queue.length - b.queue.length)[0];
        if (!slot) break;
        const task = this.take();
        if (!task) break;
        slot.queue.push(task);
        slot.worker.postMessage(task);
      }
    }
    if (!this.busyHere && (this.pool.here || this.workersOff || this.mine.length > 0)) void this.auditHere();
  }

  /** Audit files in this thread until there is none to take; pump() starts it again. */
  private async auditHere(): Promise<void> {
    this.busyHere = true;
    try {
      for (;;) {
        const task = this.mine.shift() ?? (this.pool.here || this.workersOff ? this.take() : undefined);
        if (!task) break;
        const result = await auditFileResult(task.path, this.catalogue, this.pool.options.run, this.pool.options.form);
        this.finish(task.index, result);
      }
    } catch (e) {
      this.reject(e);
    } finally {
      this.busyHere = false;
    }
  }

  /** Pass finished results on in order; one caller at a time, so onResult is never re-entered. */
  private async emit(): Promise<void> {
    if (this.emitting) return;
    this.emitting = true;
    try {
      for (let r = this.finished.get(this.nextEmit); r; r = this.finished.get(this.nextEmit)) {
        this.finished.delete(this.nextEmit);
        this.nextEmit++;
        await this.onResult(r);
      }
    } catch (e) {
      this.reject(e);
      return;
    } finally {
      this.emitting = false;
    }
    if (this.nextEmit === this.files.length) this.resolve();
    else this.pump(); // the window has moved on
  }
}
