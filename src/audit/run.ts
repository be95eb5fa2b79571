/**
 * Audits a list of files into one report: each file is loaded, judged and summarised on its own
 * (audit-file.ts), so a bad file becomes an error entry and never stops the others.
 *
 * Files are audited in this thread or, when there are enough of them, on a pool of worker threads
 * (pool.ts); either way results arrive in sorted path order and give the same report. With a
 * result sink (a report writer of the report layer) the documents are passed on as they arrive and
 * not kept, so memory stays flat in the number of files.
 */
import { setFlagsFromString } from 'node:v8';
import type { CompiledCatalogue } from '../catalogue/compiled.js';
import { loadRunCatalogue, type LocalCatalogue } from '../catalogue/local.js';
import { byPath } from '../util/order.js';
import { TOOL_NAME, toolVersion } from '../version.js';
import { DEFAULT_FILE_TIMEOUT_S } from './deadline.js';
import { auditFile, auditFileResult, readAhead, type FileResult, type ResultForm, type RunOptions } from './audit-file.js';
import { currencyRequirements, declaredPackProfile, type PackSpec } from './pack.js';
import { declaredType } from '../document/declared-type.js';
import { PackStage } from './pack-stage.js';
import { exitCode } from './exit-code.js';
import { defaultJobs, MIN_FILES_PER_THREAD, threadsFor } from './jobs.js';
import { waiverWarnings } from './waivers.js';
import { countCached, prepareCache } from './cache.js';
import type { Shard } from './shard.js';
import { REPORT_SCHEMA_VERSION, type AuditReport, type DocumentResult, type InputErrorReport } from './result.js';

function headerOf(catalogue: CompiledCatalogue, opts: RunOptions & { shard?: Shard }): Omit<AuditReport, 'documents' | 'errors' | 'warnings'> {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: toolVersion() },
    catalogue: {
      id: catalogue.id,
      edition: catalogue.edition,
      sha256: catalogue.sha256,
      requirements: catalogue.requirements.length,
      // a reader of the report can tell the catalogue was changed, and how
      ...(catalogue.local ? { local: catalogue.local } : {}),
      ...(catalogue.switchedOff ? { switchedOff: catalogue.switchedOff } : {}),
    },
    asOf: opts.asOf,
    failOn: opts.failOn,
    ...(opts.baseline ? { baseline: { findings: opts.baseline.keys.length } } : {}),
    ...(opts.shard ? { shard: { index: opts.shard.index, count: opts.shard.count } } : {}),
    requirements: catalogue.requirements.map((c) => c.info),
  };
}

export function emptyReport(catalogue: CompiledCatalogue, opts: RunOptions & { shard?: Shard }): AuditReport {
  return {
    ...headerOf(catalogue, opts),
    documents: [],
    errors: catalogue.errors.map((e) => ({ path: e.path, ...(e.line ? { line: e.line } : {}), ...(e.column ? { column: e.column } : {}), message: e.message })),
    warnings: [],
  };
}

/** Report order: by path (then line). Documents are in path order already: files are audited sorted. */
function byPlace(a: InputErrorReport, b: InputErrorReport): number {
  return byPath(a.path, b.path) || (a.line ?? 0) - (b.line ?? 0);
}

/** Audit files one after another in this thread, passing each result on in sorted path order. */
export async function auditInThread(
  files: string[],
  catalogue: CompiledCatalogue,
  opts: RunOptions,
  form: ResultForm,
  onResult: (r: FileResult) => void | Promise<void>,
): Promise<void> {
  const sorted = [...files].sort(byPath);
  // the next file is read while this one is audited
  let next = sorted.length > 0 ? readAhead(sorted[0]!, opts) : undefined;
  for (let i = 0; i < sorted.length; i++) {
    const read = next!;
    next = i + 1 < sorted.length ? readAhead(sorted[i + 1]!, opts) : undefined;
    await onResult(await auditFileResult(sorted[i]!, catalogue, opts, form, read));
  }
}

/**
 * Where a run's documents go as they are audited, in report order: start() with the report's
 * header, document() for each, end() with the errors and warnings. A sink of form 'json' is given
 * each document already rendered (documentJson, in the thread that audited it); one of form
 * 'document' is given the result object. The report layer's writers are such sinks.
 */
export type ResultSink =
  | {
      readonly form: 'json';
      start(report: AuditReport): void;
      document(json: Uint8Array): Promise<void>;
      end(errors: InputErrorReport[], warnings: InputErrorReport[]): Promise<void>;
    }
  | {
      readonly form: 'document';
      start(report: AuditReport): void;
      document(doc: DocumentResult): Promise<void>;
      end(errors: InputErrorReport[], warnings: InputErrorReport[]): Promise<void>;
    };

export interface AuditRun extends RunOptions {
  /** requirement folder (default: the bundled catalogue) */
  catalogue?: string;
  /** the partnership's own requirements and switch-offs (from the configuration) */
  local?: LocalCatalogue;
  /** most threads to audit on, this one included (default: available cores); 1 audits in this thread only */
  jobs?: number;
  /** the slice of the inputs these files are (--shard), recorded in the report for `wt-audit merge` */
  shard?: Shard;
  /** called as each file's result is passed on (a progress bar) */
  onFileDone?(done: number, total: number): void;
}

/** Files to audit, and the inputs that could not even be listed (each already an error entry). */
export interface FoundFiles {
  files: string[];
  errors: InputErrorReport[];
  /** problems found while listing them that do not stop the audit (a file outside any pack) */
  warnings?: InputErrorReport[];
  /** --pack-by: the files grouped into packs, each pack reported as one organisation */
  packs?: PackSpec[];
}

/** Options for auditing a pack's files: waivers and the baseline apply to the pack, its manifest's profile to its files. */
function packFileOptions(opts: RunOptions, packs: PackSpec[]): RunOptions {
  const { waivers: _w, baseline: _b, ...rest } = opts;
  const profileFor: Record<string, NonNullable<RunOptions['profile']>> = {};
  for (const p of packs) {
    const profile = p.manifest?.profile ?? (opts.profile ? undefined : p.declared?.profile);
    if (profile) for (const f of p.files) profileFor[f] = profile;
  }
  return Object.keys(profileFor).length > 0 ? { ...rest, profileFor } : rest;
}

/** Each pack without a manifest profile (and no --profile) with the type its first document declares, read before the audit. */
function withDeclaredProfiles(packs: PackSpec[], runProfile: RunOptions['profile']): PackSpec[] {
  if (runProfile) return packs;
  return packs.map((p) => {
    if (p.manifest?.profile) return p;
    const declared = declaredPackProfile(p.files, declaredType);
    return declared ? { ...p, declared } : p;
  });
}

/**
 * Load the catalogue, audit every file, and return the report with its exit code. With a sink,
 * documents are streamed to it (and the returned report holds none); without, they are kept in
 * the report for a reporter that needs them all.
 */
export async function auditFiles(found: FoundFiles, run: AuditRun, sink?: ResultSink): Promise<{ report: AuditReport; exit: number }> {
  // Each document leaves its garbage in the old generation (it outlives a scavenge or two), and by
  // default V8 lets that generation grow to about four times what is live before it collects: over
  // many files, with a thread per core, that is most of the memory. Growing by at most 2x keeps
  // peak memory flat (about 3/4 of the default on the benchmark) for a few per cent more time in
  // the collector. A process-wide V8 setting, made before any worker thread starts; a run over a
  // few files keeps the default, which is quicker to start.
  if (found.files.length > MIN_FILES_PER_THREAD) setFlagsFromString('--heap-growing-percent=100');
  const packs = found.packs ? withDeclaredProfiles(found.packs, run.profile) : undefined;
  // a pack is combined from its documents' result objects, and rendered after
  const form: ResultForm = packs ? 'document' : (sink?.form ?? 'document');
  const opts: RunOptions = {
    asOf: run.asOf,
    failOn: run.failOn,
    fileTimeoutMs: run.fileTimeoutMs ?? 1000 * DEFAULT_FILE_TIMEOUT_S,
    ...(run.profile ? { profile: run.profile } : {}),
    ...(run.maxFileSize !== undefined ? { maxFileSize: run.maxFileSize } : {}),
    ...(run.waivers ? { waivers: run.waivers } : {}),
    ...(run.baseline ? { baseline: run.baseline } : {}),
  };
  // a cache folder that cannot be used is one warning, and the run goes on without it
  const cache = run.cache !== undefined ? await prepareCache(run.cache) : undefined;
  if (cache?.ok) opts.cache = run.cache;
  // with a cache, threads are started for the files it does not hold (a warm run needs none):
  // the catalogue's hash is part of the key, so it is loaded first
  const cachedCatalogue = opts.cache !== undefined ? loadRunCatalogue(run.catalogue, run.local) : undefined;
  const fileOpts = packs ? packFileOptions(opts, packs) : opts;
  const profileOf = (f: string) => fileOpts.profileFor?.[f] ?? fileOpts.profile;
  const toJudge = cachedCatalogue
    ? found.files.length - (await countCached(opts.cache!, found.files, cachedCatalogue.sha256, toolVersion(), profileOf, opts.asOf))
    : found.files.length;
  const workers = threadsFor(toJudge, run.jobs ?? defaultJobs()) - 1;
  // workers start first, so that they load while this thread compiles its own copy of the catalogue
  const pool =
    workers > 0
      ? new (await import('./pool.js')).AuditPool({
          workers,
          fileTimeoutMs: opts.fileTimeoutMs ?? 0,
          run: fileOpts,
          form,
          ...(run.catalogue ? { catalogueDir: run.catalogue } : {}),
          ...(run.local ? { local: run.local } : {}),
        })
      : undefined;
  try {
    const catalogue = cachedCatalogue ?? loadRunCatalogue(run.catalogue, run.local);
    const report = emptyReport(catalogue, { ...opts, ...(run.shard ? { shard: run.shard } : {}) });
    report.errors.push(...found.errors);
    report.warnings.push(...(found.warnings ?? []));
    if (cache && !cache.ok) report.warnings.push(cache.warning);
    let done = 0;
    sink?.start(report);
    let failing = false;
    const waiversUsed = new Set<number>();
    const waiversExpired = new Map<number, number>();
    const deliver = async (r: FileResult): Promise<void> => {
      report.errors.push(...r.errors);
      report.warnings.push(...r.warnings);
      failing ||= r.fails;
      for (const i of r.waivers?.used ?? []) waiversUsed.add(i);
      for (const i of r.waivers?.expired ?? []) waiversExpired.set(i, (waiversExpired.get(i) ?? 0) + 1);
      // the JSON form comes rendered from wherever the file was audited
      if (sink?.form === 'json') {
        if (r.json) await sink.document(r.json);
      } else if (sink && r.document) await sink.document(r.document);
      else if (r.document) report.documents.push(r.document);
    };
    const stage = packs
      ? new PackStage({
          packs,
          form: sink?.form ?? 'document',
          failOn: opts.failOn,
          asOf: opts.asOf,
          ...(opts.profile ? { profile: opts.profile } : {}),
          ...(opts.waivers ? { waivers: opts.waivers } : {}),
          ...(opts.baseline ? { baseline: opts.baseline } : {}),
          currency: currencyRequirements(catalogue),
          reaudit: (path, profile) => auditFile(path, catalogue, { ...fileOpts, profile, profileFor: {} }),
          emit: deliver,
        })
      : undefined;
    const onResult = async (r: FileResult): Promise<void> => {
      await (stage ? stage.add(r) : deliver(r));
      run.onFileDone?.(++done, found.files.length);
    };
    if (pool) await pool.run(found.files, catalogue, onResult);
    else await auditInThread(found.files, catalogue, fileOpts, form, onResult);
    await stage?.end();
    if (opts.waivers) report.warnings.push(...waiverWarnings(opts.waivers, waiversUsed, waiversExpired));
    report.errors.sort(byPlace);
    report.warnings.sort(byPlace);
    await sink?.end(report.errors, report.warnings);
    return { report, exit: exitCode(report.errors.length, failing) };
  } finally {
    await pool?.close();
  }
}
