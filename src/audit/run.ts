/**
 * Audits a list of files into one report: each file is loaded, judged and summarised on its own,
 * so a bad file becomes an error entry and never stops the others.
 *
 * Files are audited in this thread or, when there are enough of them, on a pool of worker threads
 * (pool.ts); either way results arrive in sorted path order and give the same report. With a
 * report writer (JSON or terminal) the documents are written as they arrive and not kept, so
 * memory stays flat in the number of files.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { policyFromBytes, readPolicyFile, type PolicyBytes } from '../document/load.js';
import { InputError } from '../document/model.js';
import type { CompiledCatalogue } from '../catalogue/compiled.js';
import { loadCatalogue } from '../catalogue/load.js';
import type { Profile } from '../catalogue/types.js';
import { documentJson, type JsonReportWriter } from '../report/json.js';
import type { TerminalReportWriter } from '../report/terminal.js';
import { TOOL_NAME, toolVersion } from '../version.js';
import { awaitWithin, FileTimeoutError, runWithin } from './deadline.js';
import { auditDocument, requirementInfo } from './engine.js';
import { documentFails, exitCode, type FailOn } from './exit-code.js';
import { resolveProfile } from './profile.js';
import { REPORT_SCHEMA_VERSION, type AuditReport, type DocumentResult, type InputErrorReport } from './result.js';

export interface RunOptions {
  profile?: Profile;
  asOf: string;
  failOn: FailOn;
  maxFileSize?: number;
  /** a file's audit is stopped after this many milliseconds and becomes an error entry (0 or absent: no limit) */
  fileTimeoutMs?: number;
}

export interface FileOutcome {
  document?: DocumentResult;
  errors: InputErrorReport[];
  warnings: InputErrorReport[];
}

/** A file being read: its bytes, or why they could not be had. Never rejects. */
export type PendingRead = Promise<PolicyBytes | { failed: unknown }>;

/** Start reading a file now, so that its bytes are ready when its turn to be audited comes. */
export function readAhead(path: string, opts: RunOptions): PendingRead {
  return readPolicyFile(path, opts.maxFileSize !== undefined ? { maxFileSize: opts.maxFileSize } : {}).catch((failed: unknown) => ({ failed }));
}

/** A file is given this long to be audited before it becomes an error entry (--file-timeout, in seconds). */
export const DEFAULT_FILE_TIMEOUT_S = 30;

/** Tests of --file-timeout only: a file of this name never finishes (its thread waits until stopped). */
export function hangForTests(path: string, variable = 'WT_AUDIT_TEST_HANG'): void {
  const name = process.env[variable];
  if (name && basename(path) === name) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}

export async function auditFile(path: string, catalogue: CompiledCatalogue, opts: RunOptions, read: PendingRead = readAhead(path, opts)): Promise<FileOutcome> {
  try {
    // one time allowed for the whole file: waiting for its bytes, then reading and judging them
    const limit = opts.fileTimeoutMs ?? 0;
    const start = performance.now();
    const file = await awaitWithin(limit, read);
    if ('failed' in file) throw file.failed;
    const { doc, resolved, document } = runWithin(limit > 0 ? Math.max(1, limit - (performance.now() - start)) : 0, () => {
      hangForTests(path);
      const doc = policyFromBytes(path, file.bytes, file.format);
      const resolved = resolveProfile(doc, opts.profile);
      return { doc, resolved, document: auditDocument(catalogue, doc, { profile: resolved.profile, profileSource: resolved.source, asOf: opts.asOf }) };
    }, limit);
    const warnings: InputErrorReport[] = resolved.warning ? [{ path, ...(doc.meta.typeLine ? { line: doc.meta.typeLine } : {}), message: resolved.warning }] : [];
    for (const w of doc.warnings ?? []) warnings.push({ path, line: w.line, message: w.message });
    return { document, errors: [], warnings };
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

export async function auditFileResult(path: string, catalogue: CompiledCatalogue, opts: RunOptions, form: ResultForm, read?: PendingRead): Promise<FileResult> {
  const { document, errors, warnings } = await auditFile(path, catalogue, opts, read);
  if (!document) return { path, errors, warnings, fails: false };
  const fails = documentFails(document, opts.failOn);
  // rendered where it was audited (a worker thread), as bytes that move between threads without a copy
  return form === 'json' ? { path, errors, warnings, json: encoder.encode(documentJson(document)), fails } : { path, document, errors, warnings, fails };
}

function headerOf(catalogue: CompiledCatalogue, opts: RunOptions): Omit<AuditReport, 'documents' | 'errors' | 'warnings'> {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: toolVersion() },
    catalogue: { id: catalogue.id, edition: catalogue.edition, sha256: catalogue.sha256, requirements: catalogue.requirements.length },
    asOf: opts.asOf,
    failOn: opts.failOn,
    requirements: catalogue.requirements.map(requirementInfo),
  };
}

export function emptyReport(catalogue: CompiledCatalogue, opts: RunOptions): AuditReport {
  return {
    ...headerOf(catalogue, opts),
    documents: [],
    errors: catalogue.errors.map((e) => ({ path: e.path, ...(e.line ? { line: e.line } : {}), ...(e.column ? { column: e.column } : {}), message: e.message })),
    warnings: [],
  };
}

/** Report order: by path (then line). Documents are in path order already: files are audited sorted. */
function byPlace(a: InputErrorReport, b: InputErrorReport): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : (a.line ?? 0) - (b.line ?? 0);
}

function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Audit files one after another in this thread, passing each result on in sorted path order. */
export async function auditInThread(files: string[], catalogue: CompiledCatalogue, opts: RunOptions, form: ResultForm, onResult: (r: FileResult) => void | Promise<void>): Promise<void> {
  const sorted = [...files].sort(byPath);
  // the next file is read while this one is audited
  let next = sorted.length > 0 ? readAhead(sorted[0]!, opts) : undefined;
  for (let i = 0; i < sorted.length; i++) {
    const read = next!;
    next = i + 1 < sorted.length ? readAhead(sorted[i + 1]!, opts) : undefined;
    await onResult(await auditFileResult(sorted[i]!, catalogue, opts, form, read));
  }
}

/** Files per thread below which starting a worker thread costs more than it saves. */
export const MIN_FILES_PER_THREAD = 8;

/** How many threads to audit this many files on with --jobs n: this one, and the rest workers. */
export function threadsFor(files: number, jobs: number): number {
  return Math.max(1, Math.min(Math.floor(jobs), Math.floor(files / MIN_FILES_PER_THREAD)));
}

/** --output names one of the files being audited: refused, so that no input is ever overwritten. */
export class OutputIsInputError extends Error {}

/** A file's identity, or undefined when it cannot be had (missing, a link loop, no permission). */
function identity(path: string): { dev: number; ino: number } | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined; // such an input becomes its own error entry when it is read
  }
}

/** Is `output` (when it exists) the same file as one of `inputs` (by device and inode: links too)? */
function outputAmongInputs(output: string, inputs: string[]): string | undefined {
  const target = identity(output);
  if (!target) return undefined;
  return inputs.find((f) => {
    const s = identity(f);
    return s !== undefined && s.dev === target.dev && s.ino === target.ino;
  });
}

export interface AuditCommand extends RunOptions {
  /** where the report is being written (--output): it must not be one of the inputs */
  output?: string;
  /** requirement folder (default: the bundled catalogue) */
  catalogue?: string;
  /** most threads to audit on, this one included (default: available cores); 1 audits in this thread only */
  jobs?: number;
}

/** A report written as the documents arrive: JSON (documents rendered where audited) or terminal. */
export type ReportWriter = JsonReportWriter | TerminalReportWriter;

/**
 * The audit command: discover the files, load the catalogue, audit every file, and return the
 * report with its exit code. With a writer, documents are streamed to it (and the returned report
 * holds none); without, they are kept in the report for a reporter that needs them all.
 */
export async function auditPaths(paths: string[], cmd: AuditCommand, writer?: ReportWriter): Promise<{ report: AuditReport; exit: number }> {
  const { discover } = await import('../cli/discover.js');
  const found = await discover(paths);
  const clash = cmd.output !== undefined ? outputAmongInputs(cmd.output, found.files) : undefined;
  if (clash !== undefined) throw new OutputIsInputError(`--output ${cmd.output} is one of the policies being audited (${clash}); choose another file, inputs are never overwritten`);
  // Each document leaves its garbage in the old generation (it outlives a scavenge or two), and by
  // default V8 lets that generation grow to about four times what is live before it collects: over
  // many files, with a thread per core, that is most of the memory. Growing by at most 2x keeps
  // peak memory flat (about 3/4 of the default on the benchmark) for a few per cent more time in
  // the collector. A process-wide V8 setting, made before any worker thread starts; a run over a
  // few files keeps the default, which is quicker to start.
  if (found.files.length > MIN_FILES_PER_THREAD) setFlagsFromString('--heap-growing-percent=100');
  const { defaultJobs } = await import('./pool.js');
  const workers = threadsFor(found.files.length, cmd.jobs ?? defaultJobs()) - 1;
  const form: ResultForm = writer?.form ?? 'document';
  const opts: RunOptions = {
    asOf: cmd.asOf,
    failOn: cmd.failOn,
    fileTimeoutMs: cmd.fileTimeoutMs ?? 1000 * DEFAULT_FILE_TIMEOUT_S,
    ...(cmd.profile ? { profile: cmd.profile } : {}),
    ...(cmd.maxFileSize !== undefined ? { maxFileSize: cmd.maxFileSize } : {}),
  };
  // workers start first, so that they load while this thread compiles its own copy of the catalogue
  const pool = workers > 0 ? new (await import('./pool.js')).AuditPool({ workers, fileTimeoutMs: opts.fileTimeoutMs ?? 0, run: opts, form, ...(cmd.catalogue ? { catalogueDir: cmd.catalogue } : {}) }) : undefined;
  try {
    const catalogue = loadCatalogue(cmd.catalogue);
    const report = emptyReport(catalogue, opts);
    report.errors.push(...found.errors);
    writer?.start(report);
    let failing = false;
    const onResult = async (r: FileResult): Promise<void> => {
      report.errors.push(...r.errors);
      report.warnings.push(...r.warnings);
      failing ||= r.fails;
      // the JSON form comes rendered from wherever the file was audited
      if (writer?.form === 'json') {
        if (r.json) await writer.document(r.json);
      } else if (writer && r.document) await writer.document(r.document);
      else if (r.document) report.documents.push(r.document);
    };
    if (pool) await pool.run(found.files, catalogue, onResult);
    else await auditInThread(found.files, catalogue, opts, form, onResult);
    report.errors.sort(byPlace);
    report.warnings.sort(byPlace);
    await writer?.end(report.errors, report.warnings);
    return { report, exit: exitCode(report.errors.length, failing) };
  } finally {
    await pool?.close();
  }
}
