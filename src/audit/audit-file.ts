/**
 * One file audited on its own: read, parse, judge. Whatever goes wrong becomes this file's error
 * entry and never the run's. Used by this thread (run.ts) and by the pool's workers alike.
 */
import { basename } from 'node:path';
import { documentFromBytes, isBinaryFormat, policyFromBytes, prepareTextReader, readPolicyFile, type PolicyBytes } from '../document/load.js';
import { InputError } from '../document/model.js';
import type { CompiledCatalogue } from '../catalogue/compiled.js';
import type { Profile } from '../catalogue/types.js';
import { awaitWithin, FileTimeoutError, runWithin } from './deadline.js';
import { documentJson } from './document-json.js';
import { auditDocument } from './engine.js';
import { documentFails, type FailOn } from './exit-code.js';
import { resolveProfile } from './profile.js';
import type { DocumentResult, InputErrorReport } from './result.js';
import type { WaiverSet } from './waivers.js';
import type { BaselineSet } from './baseline.js';
import { applyReviewerMarks } from './reviewer-marks.js';
import { readJudgement, writeJudgement, judgementKey, type CachedJudgement } from './cache.js';
import { toolVersion } from '../version.js';

export interface RunOptions {
  profile?: Profile;
  /** a profile for particular files (a pack's manifest), over `profile` */
  profileFor?: Record<string, Profile>;
  asOf: string;
  failOn: FailOn;
  maxFileSize?: number;
  /** the reviewer's waivers (waivers.ts) */
  waivers?: WaiverSet;
  /** the known findings (baseline.ts) */
  baseline?: BaselineSet;
  /** a file's audit is stopped after this many milliseconds and becomes an error entry (0 or absent: no limit) */
  fileTimeoutMs?: number;
  /** folder of kept judgements (--cache, cache.ts), already checked to be usable */
  cache?: string;
}

export interface FileOutcome {
  document?: DocumentResult;
  errors: InputErrorReport[];
  warnings: InputErrorReport[];
  /** waivers (by index) that waived a finding here, and expired ones that would have */
  waivers?: { used: number[]; expired: number[] };
  /** a cached judgement used as it is (no waiver or baseline to apply): the document already rendered, in place of `document` */
  rendered?: { json: Uint8Array | string; fails: CachedJudgement['fails'] };
}

/** A file being read: its bytes, or why they could not be had. Never rejects. */
export type PendingRead = Promise<PolicyBytes | { failed: unknown }>;

/** Start reading a file now, so that its bytes are ready when its turn to be audited comes. */
export function readAhead(path: string, opts: RunOptions): PendingRead {
  return readPolicyFile(path, opts.maxFileSize !== undefined ? { maxFileSize: opts.maxFileSize } : {}).catch((failed: unknown) => ({ failed }));
}

/** Tests of --file-timeout only: a file of this name never finishes (its thread waits until stopped). */
export function hangForTests(path: string, variable = 'WT_AUDIT_TEST_HANG'): void {
  const name = process.env[variable];
  if (name && basename(path) === name) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}

/** The document judged, with its warnings: from the cache when it holds it, else parsed and judged (and then kept). */
async function judgeFile(
  path: string,
  file: PolicyBytes,
  catalogue: CompiledCatalogue,
  opts: RunOptions,
  left: () => number,
  limit: number,
  asRendered: boolean,
): Promise<{ judged: DocumentResult; warnings: InputErrorReport[] } | { rendered: Omit<CachedJudgement, 'json'> & { json: Uint8Array | string } }> {
  // a pack's manifest may give its files a profile (--pack-by)
  const profile = opts.profileFor?.[path] ?? opts.profile;
  const key = opts.cache !== undefined ? judgementKey(file, catalogue.sha256, toolVersion(), profile, opts.asOf) : undefined;
  const hit = key ? await readJudgement(opts.cache!, key) : undefined;
  if (hit) {
    if (asRendered) return { rendered: hit };
    return { judged: JSON.parse(decoder.decode(hit.json)) as DocumentResult, warnings: hit.warnings };
  }
  // Word and PDF are read asynchronously (their libraries work in steps): raced against the time
  // left; text formats are read inside the time limit with the judging (the HTML reader loaded first)
  const binary = isBinaryFormat(file.format) ? await awaitWithin(left(), documentFromBytes(path, file.bytes, file.format)) : undefined;
  if (!binary) await prepareTextReader(file.bytes, file.format);
  const { doc, resolved, judged } = runWithin(
    left(),
    () => {
      hangForTests(path);
      const doc = binary ?? policyFromBytes(path, file.bytes, file.format);
      const resolved = resolveProfile(doc, profile);
      return { doc, resolved, judged: auditDocument(catalogue, doc, { profile: resolved.profile, profileSource: resolved.source, asOf: opts.asOf }) };
    },
    limit,
  );
  const warnings: InputErrorReport[] = resolved.warning ? [{ path, ...(doc.meta.typeLine ? { line: doc.meta.typeLine } : {}), message: resolved.warning }] : [];
  for (const w of doc.warnings ?? []) warnings.push({ path, line: w.line, message: w.message });
  if (key) {
    const kept = { json: documentJson(judged), warnings, fails: { must: documentFails(judged, 'must'), should: documentFails(judged, 'should') } };
    await writeJudgement(opts.cache!, key, kept);
    // rendered once, for the cache and the report alike
    if (asRendered) return { rendered: kept };
  }
  return { judged, warnings };
}

/**
 * Read, parse and judge one file, then apply the run's waivers and baseline. With `rendered` true,
 * a cached judgement that needs neither may come back already rendered (outcome.rendered) instead
 * of as a document.
 */
export async function auditFile(
  path: string,
  catalogue: CompiledCatalogue,
  opts: RunOptions,
  read: PendingRead = readAhead(path, opts),
  rendered = false,
): Promise<FileOutcome> {
  try {
    // one time allowed for the whole file: waiting for its bytes, then reading and judging them
    const limit = opts.fileTimeoutMs ?? 0;
    const start = performance.now();
    const file = await awaitWithin(limit, read);
    if ('failed' in file) throw file.failed;
    const left = (): number => (limit > 0 ? Math.max(1, limit - (performance.now() - start)) : 0);
    const waiving = opts.waivers !== undefined && opts.waivers.list.length > 0;
    const judgement = await judgeFile(path, file, catalogue, opts, left, limit, rendered && !waiving && !opts.baseline);
    if ('rendered' in judgement) return { errors: [], warnings: judgement.rendered.warnings, rendered: judgement.rendered };
    const { judged, warnings } = judgement;
    return { ...applyReviewerMarks(judged, opts.waivers, opts.baseline, opts.asOf), errors: [], warnings };
  } catch (e) {
    if (e instanceof FileTimeoutError) return { errors: [{ path, message: e.message }], warnings: [] };
    if (e instanceof InputError) {
      return { errors: [{ path, ...(e.line ? { line: e.line } : {}), ...(e.column ? { column: e.column } : {}), message: e.message }], warnings: [] };
    }
    // whatever was thrown (even null or a string) becomes this file's error, never the run's
    return { errors: [{ path, message: `internal error while auditing: ${e instanceof Error ? e.message : String(e)}` }], warnings: [] };
  }
}

/** How a file's document comes back: as the result object, or already rendered as report JSON. */
export type ResultForm = 'document' | 'json';

/** One audited file, as the pool passes it between threads. */
export interface FileResult extends FileOutcome {
  path: string;
  /** the document rendered by documentJson(), as UTF-8 (form 'json'; `document` is then left out) */
  json?: Uint8Array;
  /** this document alone has a finding at or above --fail-on (errors are counted apart) */
  fails: boolean;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export async function auditFileResult(path: string, catalogue: CompiledCatalogue, opts: RunOptions, form: ResultForm, read?: PendingRead): Promise<FileResult> {
  const { document, errors, warnings, waivers, rendered } = await auditFile(path, catalogue, opts, read, form === 'json');
  if (rendered) {
    const json = typeof rendered.json === 'string' ? encoder.encode(rendered.json) : rendered.json;
    return { path, errors, warnings, json, fails: opts.failOn !== 'none' && rendered.fails[opts.failOn] };
  }
  if (!document) return { path, errors, warnings, fails: false };
  const fails = documentFails(document, opts.failOn);
  const w = waivers ? { waivers } : {};
  // rendered where it was audited (a worker thread), as bytes that move between threads without a copy
  return form === 'json'
    ? { path, errors, warnings, ...w, json: encoder.encode(documentJson(document)), fails }
    : { path, document, errors, warnings, ...w, fails };
}
