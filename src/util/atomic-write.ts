/**
 * Writes a file so that readers see either what was there before or the whole new content, never
 * a part: the content goes to a temporary file in the same folder (so the final rename stays on
 * one file system and is atomic), is flushed to disk, and is then renamed over the target.
 *
 * If writing fails, or the process is interrupted (Ctrl-C, SIGTERM, SIGHUP) or exits early, the
 * temporary file is removed. Nothing else is ever written.
 *
 * A target that exists and is not a regular file (/dev/null, /dev/stdout, a named pipe) cannot be
 * replaced by a rename without destroying it, and a reader of it cannot see a half-written file
 * anyway: it is written to directly. A symbolic link to a file stays a link: the file it points to
 * is the one replaced.
 */
import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { open, realpath, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fsErrorText } from './fs-errors.js';

/** A failure to write the target, with a message fit for the user. */
export class AtomicWriteError extends Error {
  constructor(
    message: string,
    readonly path: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'AtomicWriteError';
  }
}

// ---------------------------------------------------------------------------------------------
// Temporary files still on disk, removed on interruption. Signal handlers are installed only
// while there is one, so the process otherwise keeps Node's default handling.

const pending = new Set<string>();
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function removePendingSync(): void {
  for (const p of pending) {
    try {
      unlinkSync(p);
    } catch {
      // already gone
    }
  }
  pending.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  removePendingSync();
  unhook();
  // die of the same signal, as the default handler would have, so the caller sees the interruption
  process.kill(process.pid, signal);
}

function hook(): void {
  if (pending.size !== 1) return;
  for (const s of SIGNALS) process.on(s, onSignal);
  process.on('exit', removePendingSync);
}

function unhook(): void {
  if (pending.size !== 0) return;
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  process.removeListener('exit', removePendingSync);
}

function track(p: string): void {
  pending.add(p);
  hook();
}

function untrack(p: string): void {
  pending.delete(p);
  unhook();
}

// ---------------------------------------------------------------------------------------------

export interface AtomicFile {
  /** the file that will hold the content */
  readonly path: string;
  /** where the content is written until commit */
  readonly tempPath: string;
  write(chunk: string | Uint8Array): Promise<void>;
  /** Flush to disk and rename into place. */
  commit(): Promise<void>;
  /** Drop what was written; the target is left as it was. Safe to call more than once. */
  abort(): Promise<void>;
}

function tempNameFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

export interface AtomicOptions {
  /**
   * Flush the content and the rename to disk before commit() returns (default true). A file that
   * may be lost in a crash but must never be seen half-written (a cache entry, checked when read)
   * can skip it: the rename alone keeps readers from a partial file.
   */
  durable?: boolean;
}

/** Start writing `path` atomically. @throws AtomicWriteError when the temporary file cannot be created */
export async function openAtomic(target: string, options: AtomicOptions = {}): Promise<AtomicFile> {
  const durable = options.durable ?? true;
  const given = resolve(target);
  const existing = await stat(given).catch(() => undefined);
  // a folder fails at the rename below, with the file system's own words and nothing left behind
  if (existing && !existing.isFile() && !existing.isDirectory()) return openDirect(target, given);
  const path = existing?.isFile() ? await realpath(given) : given;
  const tempPath = tempNameFor(path);
  // tracked before it exists, so an interruption during open() cannot leave it behind
  track(tempPath);
  let handle: FileHandle;
  try {
    handle = await open(tempPath, 'wx', 0o666);
  } catch (e) {
    untrack(tempPath);
    throw new AtomicWriteError(`cannot write ${target}: ${fsErrorText(e)}`, target, e);
  }
  let closed = false;
  let done = false;

  const abort = async (): Promise<void> => {
    if (done) return;
    done = true;
    if (!closed) await handle.close().catch(() => undefined);
    closed = true;
    await unlink(tempPath).catch(() => undefined);
    untrack(tempPath);
  };

  const fail = async (e: unknown): Promise<never> => {
    await abort();
    throw e instanceof AtomicWriteError ? e : new AtomicWriteError(`cannot write ${target}: ${fsErrorText(e)}`, target, e);
  };

  return {
    path,
    tempPath,
    async write(chunk) {
      if (done) throw new AtomicWriteError(`cannot write ${target}: already finished`, target);
      try {
        await writeAll(handle, chunk);
      } catch (e) {
        return fail(e);
      }
    },
    async commit() {
      if (done) throw new AtomicWriteError(`cannot write ${target}: already finished`, target);
      try {
        if (durable) await handle.sync();
        await handle.close();
        closed = true;
        await rename(tempPath, path);
      } catch (e) {
        return fail(e);
      }
      done = true;
      untrack(tempPath);
      if (durable) await syncDir(dirname(path));
    },
    abort,
  };
}

/** Write all of a chunk (a write may take less than it is given). */
async function writeAll(handle: FileHandle, chunk: string | Uint8Array): Promise<void> {
  const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
  for (let off = 0; off < bytes.length;) off += (await handle.write(bytes, off, bytes.length - off)).bytesWritten;
}

/** A device or a pipe: written as it is, in order; there is nothing to rename and nothing to undo. */
async function openDirect(target: string, path: string): Promise<AtomicFile> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'w');
  } catch (e) {
    throw new AtomicWriteError(`cannot write ${target}: ${fsErrorText(e)}`, target, e);
  }
  let done = false;
  const close = async (): Promise<void> => {
    if (done) return;
    done = true;
    await handle.close().catch(() => undefined);
  };
  return {
    path,
    tempPath: path,
    async write(chunk) {
      if (done) throw new AtomicWriteError(`cannot write ${target}: already finished`, target);
      try {
        await writeAll(handle, chunk);
      } catch (e) {
        await close();
        throw new AtomicWriteError(`cannot write ${target}: ${fsErrorText(e)}`, target, e);
      }
    },
    commit: close,
    abort: close,
  };
}

/** Make the rename itself durable. Not every platform lets a folder be opened, so this is best effort. */
async function syncDir(dir: string): Promise<void> {
  try {
    const h = await open(dir, 'r');
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  } catch {
    // the file is in place either way
  }
}

/**
 * Produce the content of `target` with `produce`, which writes it through the function it is
 * given; the target appears, complete, only if `produce` and every write succeed.
 * @throws AtomicWriteError for file-system failures; whatever `produce` throws, after cleaning up
 */
export async function writeAtomically<T>(
  target: string,
  produce: (write: (chunk: string | Uint8Array) => Promise<void>) => Promise<T>,
  options: AtomicOptions = {},
): Promise<T> {
  const file = await openAtomic(target, options);
  let result: T;
  try {
    result = await produce((chunk) => file.write(chunk));
  } catch (e) {
    await file.abort();
    throw e;
  }
  await file.commit();
  return result;
}

/** Write a whole string or buffer atomically. */
export async function writeFileAtomic(target: string, data: string | Uint8Array, options: AtomicOptions = {}): Promise<void> {
  await writeAtomically(target, (write) => write(data), options);
}
