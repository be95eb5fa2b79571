/**
 * `wt-audit baseline create FILE [paths…]` records the findings of an audit, keyed by document
 * (path relative to the repository root) and requirement; `wt-audit baseline prune FILE [paths…]`
 * audits again and drops the entries that no longer occur. The file is written atomically; the
 * same findings give the same bytes (sorted, no dates).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { baselineEntries, BASELINE_VERSION, documentIdentity, entryKey, renderBaseline, type BaselineEntry } from '../audit/baseline.js';
import { EXIT_ERROR } from '../audit/exit-code.js';
import type { AuditReport, DocumentResult, InputErrorReport } from '../audit/result.js';
import type { ResultSink } from '../audit/run.js';
import { AtomicWriteError, writeFileAtomic } from '../util/atomic-write.js';
import { auditPaths, OutputIsInputError } from './audit-command.js';
import { BaselineError, readBaseline } from './baseline-file.js';
import { findRepoRoot } from './repo-root.js';
import { commandFor, fail, settingsFor, type AuditFlags, type Given } from './run-audit.js';
import { writeStdout } from './stdout.js';
import { writeStderr } from './io.js';

interface Audited {
  report: AuditReport;
  entries: BaselineEntry[];
  /** identities of the documents audited */
  documents: Set<string>;
  errors: InputErrorReport[];
}

/** Audit the paths with the run's settings (no baseline, no reports) and collect the findings. */
async function auditForBaseline(file: string, paths: string[], flags: AuditFlags, given: Given): Promise<Audited | number> {
  const cwd = process.cwd();
  const resolved = await settingsFor(flags, given, cwd);
  if (typeof resolved === 'number') return resolved;
  const root = findRepoRoot(cwd) ?? cwd;
  const docs: Array<{ identity: string; results: DocumentResult['results'] }> = [];
  let errors: InputErrorReport[] = [];
  const sink: ResultSink = {
    form: 'document',
    start() {},
    document(d) {
      docs.push({ identity: documentIdentity(d.path, cwd, root), results: d.results.filter((r) => r.status !== 'met' && r.status !== 'not-applicable') });
      return Promise.resolve();
    },
    end(e) {
      errors = e;
      return Promise.resolve();
    },
  };
  try {
    const { report } = await auditPaths(paths, { ...commandFor(resolved.settings, flags, cwd), outputs: [{ path: file, flag: `baseline ${file}` }] }, sink);
    return { report, entries: baselineEntries(docs), documents: new Set(docs.map((d) => d.identity)), errors };
  } catch (e) {
    if (e instanceof OutputIsInputError) return fail(e.message);
    throw e;
  }
}

function reportErrors(errors: InputErrorReport[]): void {
  for (const e of errors) writeStderr(`wt-audit: ${e.path}${e.line ? `:${e.line}` : ''}: ${e.message}\n`);
}

async function write(file: string, report: AuditReport, findings: BaselineEntry[]): Promise<number | undefined> {
  try {
    await writeFileAtomic(
      file,
      renderBaseline({
        baselineVersion: BASELINE_VERSION,
        tool: report.tool.name,
        catalogue: { id: report.catalogue.id, sha256: report.catalogue.sha256 },
        findings,
      }),
    );
    return undefined;
  } catch (e) {
    if (e instanceof AtomicWriteError) return fail(e.message);
    throw e;
  }
}

export async function runBaselineCreate(file: string, paths: string[], flags: AuditFlags, given: Given): Promise<number> {
  const audited = await auditForBaseline(file, paths, flags, given);
  if (typeof audited === 'number') return audited;
  const failed = await write(file, audited.report, audited.entries);
  if (failed !== undefined) return failed;
  reportErrors(audited.errors);
  await writeStdout(`wt-audit: baseline ${file}: ${audited.entries.length} findings in ${audited.documents.size} documents\n`);
  // a file that could not be audited has no findings in the baseline: say so with the exit code
  return audited.errors.length > 0 ? EXIT_ERROR : 0;
}

export async function runBaselinePrune(file: string, paths: string[], flags: AuditFlags, given: Given): Promise<number> {
  let old;
  try {
    old = readBaseline(file);
  } catch (e) {
    if (e instanceof BaselineError) return fail(e.message);
    throw e;
  }
  const audited = await auditForBaseline(file, paths, flags, given);
  if (typeof audited === 'number') return audited;
  const now = new Set(audited.entries.map((e) => entryKey(e.document, e.requirement)));
  const root = findRepoRoot(process.cwd()) ?? process.cwd();
  // an entry stays while its finding occurs; one of a document not audited this time stays while the document exists
  const kept = old.findings.filter((e) =>
    audited.documents.has(e.document) ? now.has(entryKey(e.document, e.requirement)) : existsSync(join(root, e.document)),
  );
  const failed = await write(file, audited.report, kept);
  if (failed !== undefined) return failed;
  reportErrors(audited.errors);
  await writeStdout(`wt-audit: baseline ${file}: removed ${old.findings.length - kept.length} of ${old.findings.length} entries; ${kept.length} remain\n`);
  return audited.errors.length > 0 ? EXIT_ERROR : 0;
}
