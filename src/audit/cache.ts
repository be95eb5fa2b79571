/**
 * `--cache DIR`: each document's judgement kept on disk, so that a run over files it has judged
 * before (same bytes, catalogue, tool version, profile override and as-of date) reads the result
 * instead of parsing and judging again. What is kept is the judgement before the run's waivers and
 * baseline (those are applied afresh on every run) and the document's warnings.
 *
 * An entry is one file: a header line (JSON: the entry's format, its full key, the sha256 of the
 * rest, the warnings, whether it fails at each threshold), then the document exactly as
 * documentJson() renders it. The path is part of the key (a result names its file; keyed by it,
 * nothing of one file's result can ever be given to another). Anything that is not exactly such an
 * entry for exactly this key (unreadable, truncated, another format, another key, a digest that
 * does not match) is a miss: the file is judged again and the entry rewritten. Never trusted.
 */
import { createHash } from 'node:crypto';
import { readFile as readFileCallback } from 'node:fs';
import { access, mkdir, unlink } from 'node:fs/promises';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { formatOf, type PolicyBytes } from '../document/load.js';
import { fsErrorText } from '../util/fs-errors.js';
import { AtomicWriteError, writeFileAtomic } from '../util/atomic-write.js';
import type { FailOn } from './exit-code.js';
import type { InputErrorReport } from './result.js';

/** The entry format; an entry of any other is a miss. */
export const CACHE_FORMAT = 'wt-audit-cache/1';

/** Everything a document's judgement depends on. */
export interface JudgementKey {
  path: string;
  /** sha256 of the file's bytes */
  sha256: string;
  format: string;
  catalogue: string;
  tool: string;
  /** the --profile override, or "from the document" */
  profile: string;
  asOf: string;
}

export interface CachedJudgement {
  /** the judged document as documentJson() renders it, UTF-8 */
  json: Uint8Array;
  warnings: InputErrorReport[];
  /** does the judged document fail the run at each threshold ('none' never does) */
  fails: Record<Exclude<FailOn, 'none'>, boolean>;
}

interface Header {
  format: string;
  key: JudgementKey;
  digest: string;
  warnings: InputErrorReport[];
  fails: CachedJudgement['fails'];
}

/** fs.readFile with a callback: one read of the known size (fs/promises' readFile reads in chunks and copies, several times slower for many files) */
const readFile = promisify(readFileCallback);

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

export function judgementKey(file: PolicyBytes, catalogueSha256: string, tool: string, profile: string | undefined, asOf: string): JudgementKey {
  return {
    path: file.path,
    sha256: sha256(file.bytes),
    format: file.format,
    catalogue: catalogueSha256,
    tool,
    profile: profile ?? 'from the document',
    asOf,
  };
}

const KEY_FIELDS: ReadonlyArray<keyof JudgementKey> = ['path', 'sha256', 'format', 'catalogue', 'tool', 'profile', 'asOf'];

/** The entry's file: named by the hash of its whole key, under a folder of its first two digits. */
export function entryPath(dir: string, key: JudgementKey): string {
  const name = sha256(JSON.stringify(KEY_FIELDS.map((f) => key[f])));
  return join(dir, name.slice(0, 2), `${name}.json`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isWarning(v: unknown): v is InputErrorReport {
  return (
    isObject(v) &&
    typeof v.path === 'string' &&
    typeof v.message === 'string' &&
    (v.line === undefined || Number.isInteger(v.line)) &&
    (v.column === undefined || Number.isInteger(v.column)) &&
    Object.keys(v).every((k) => k === 'path' || k === 'message' || k === 'line' || k === 'column')
  );
}

/** The header, if it is one of this format for exactly this key. */
function headerFor(text: string, key: JudgementKey): Header | undefined {
  let h: unknown;
  try {
    h = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(h) || h.format !== CACHE_FORMAT || !isObject(h.key) || typeof h.digest !== 'string') return undefined;
  const stored = h.key;
  if (Object.keys(stored).length !== KEY_FIELDS.length || KEY_FIELDS.some((f) => stored[f] !== key[f])) return undefined;
  if (!Array.isArray(h.warnings) || !h.warnings.every(isWarning) || h.warnings.some((w) => w.path !== key.path)) return undefined;
  if (!isObject(h.fails) || typeof h.fails.must !== 'boolean' || typeof h.fails.should !== 'boolean') return undefined;
  return h as unknown as Header;
}

const NEWLINE = 0x0a;

/** The cached judgement for this key, or undefined (none, or one not to be trusted). Never throws. */
export async function readJudgement(dir: string, key: JudgementKey): Promise<CachedJudgement | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(entryPath(dir, key));
  } catch {
    return undefined;
  }
  const nl = bytes.indexOf(NEWLINE);
  if (nl === -1) return undefined;
  const header = headerFor(bytes.subarray(0, nl).toString('utf8'), key);
  const payload = bytes.subarray(nl + 1);
  if (!header || payload.length === 0 || sha256(payload) !== header.digest) return undefined;
  // a copy with a buffer of its own: it may be moved to another thread
  return { json: Uint8Array.prototype.slice.call(payload), warnings: header.warnings, fails: header.fails };
}

/** Keep a judgement (atomically: a reader sees the whole entry or none). A failure is ignored: the run goes on uncached. */
export async function writeJudgement(
  dir: string,
  key: JudgementKey,
  judgement: { json: string; warnings: InputErrorReport[]; fails: CachedJudgement['fails'] },
): Promise<void> {
  const header: Header = { format: CACHE_FORMAT, key, digest: sha256(judgement.json), warnings: judgement.warnings, fails: judgement.fails };
  const target = entryPath(dir, key);
  try {
    await mkdir(join(target, '..'), { recursive: true });
    // not flushed to disk: an entry lost in a crash is only a miss, and a torn one fails its digest
    await writeFileAtomic(target, `${JSON.stringify(header)}\n${judgement.json}`, { durable: false });
  } catch {
    // a full disk or a folder gone read-only: this file's result is simply not kept
  }
}

/**
 * Can the cache folder be used? It is created if need be and a file is written in it and removed.
 * If not, the run gets one warning and goes on without a cache.
 */
export async function prepareCache(dir: string): Promise<{ ok: true } | { ok: false; warning: InputErrorReport }> {
  try {
    await mkdir(dir, { recursive: true });
    const probe = join(dir, `.probe-${process.pid}`);
    await writeFileAtomic(probe, CACHE_FORMAT, { durable: false });
    await unlink(probe);
    return { ok: true };
  } catch (e) {
    const cause = e instanceof AtomicWriteError ? e.cause : e;
    const why = (cause as NodeJS.ErrnoException)?.code === 'EEXIST' ? 'a file of that name is in the way' : fsErrorText(cause);
    return { ok: false, warning: { path: dir, message: `cannot use the cache folder (${why}): auditing without a cache` } };
  }
}

/**
 * How many of the files the cache seems to hold (an entry is there for the file's bytes as they
 * are now): the run starts worker threads only for the others. A guess only (the entry is checked
 * when the file's turn comes); it reads every file once more, which costs little beside judging.
 */
export async function countCached(
  dir: string,
  files: string[],
  catalogueSha256: string,
  tool: string,
  profileOf: (path: string) => string | undefined,
  asOf: string,
): Promise<number> {
  let cached = 0;
  let next = 0;
  const one = async (path: string): Promise<void> => {
    const format = formatOf(path);
    if (!format) return;
    try {
      const bytes = await readFile(path);
      await access(entryPath(dir, judgementKey({ path, format, bytes }, catalogueSha256, tool, profileOf(path), asOf)));
      cached++;
    } catch {
      // not there (or the file cannot be read): to be judged
    }
  };
  // a few files at a time: enough to keep the disk busy, few open at once
  const lane = async (): Promise<void> => {
    while (next < files.length) await one(files[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(16, files.length) }, lane));
  return cached;
}
