/**
 * Audits a list of files into one report: each file is loaded, judged and summarised on its own,
 * so a bad file becomes an error entry and never stops the others.
 */
import { loadPolicy } from '../document/load.js';
import { InputError } from '../document/model.js';
import type { CompiledCatalogue } from '../catalogue/compiled.js';
import type { Profile } from '../catalogue/types.js';
import { TOOL_NAME, toolVersion } from '../version.js';
import { auditDocument } from './engine.js';
import type { FailOn } from './exit-code.js';
import { resolveProfile } from './profile.js';
import { REPORT_SCHEMA_VERSION, type AuditReport, type DocumentResult, type InputErrorReport } from './result.js';

export interface RunOptions {
  profile?: Profile;
  asOf: string;
  failOn: FailOn;
  maxFileSize?: number;
}

export interface FileOutcome {
  document?: DocumentResult;
  errors: InputErrorReport[];
  warnings: InputErrorReport[];
}

export async function auditFile(path: string, catalogue: CompiledCatalogue, opts: RunOptions): Promise<FileOutcome> {
  try {
    const doc = await loadPolicy(path, opts.maxFileSize !== undefined ? { maxFileSize: opts.maxFileSize } : {});
    const resolved = resolveProfile(doc, opts.profile);
    const document = auditDocument(catalogue, doc, { profile: resolved.profile, profileSource: resolved.source, asOf: opts.asOf });
    const warnings: InputErrorReport[] = resolved.warning ? [{ path, ...(doc.meta.typeLine ? { line: doc.meta.typeLine } : {}), message: resolved.warning }] : [];
    return { document, errors: [], warnings };
  } catch (e) {
    if (e instanceof InputError) {
      return { errors: [{ path, ...(e.line ? { line: e.line } : {}), ...(e.column ? { column: e.column } : {}), message: e.message }], warnings: [] };
    }
    return { errors: [{ path, message: `internal error while auditing: ${(e as Error).message}` }], warnings: [] };
  }
}

export function emptyReport(catalogue: CompiledCatalogue, opts: RunOptions): AuditReport {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: toolVersion() },
    catalogue: { id: catalogue.id, edition: catalogue.edition, sha256: catalogue.sha256, requirements: catalogue.requirements.length },
    asOf: opts.asOf,
    failOn: opts.failOn,
    documents: [],
    errors: catalogue.errors.map((e) => ({ path: e.path, ...(e.line ? { line: e.line } : {}), ...(e.column ? { column: e.column } : {}), message: e.message })),
    warnings: [],
  };
}

export async function auditFiles(files: string[], catalogue: CompiledCatalogue, opts: RunOptions, report = emptyReport(catalogue, opts)): Promise<AuditReport> {
  for (const path of files) {
    const outcome = await auditFile(path, catalogue, opts);
    if (outcome.document) report.documents.push(outcome.document);
    report.errors.push(...outcome.errors);
    report.warnings.push(...outcome.warnings);
  }
  report.documents.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  report.errors.sort(byPlace);
  report.warnings.sort(byPlace);
  return report;
}

function byPlace(a: InputErrorReport, b: InputErrorReport): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : (a.line ?? 0) - (b.line ?? 0);
}
