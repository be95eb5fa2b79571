/**
 * `wt-audit merge a.json b.json …`: read the JSON reports of several runs (the shards of
 * `--shard i/n`), join them (audit/merge.ts) and write the joined report with any reporter, as one
 * run over all the files would have: start() with the header, each document in path order, end()
 * with the errors and warnings.
 */
import { readFileSync } from 'node:fs';
import { documentJson } from '../audit/document-json.js';
import { EXIT_ERROR, type FailOn } from '../audit/exit-code.js';
import { MergeError, mergeReports, type MergeInput } from '../audit/merge.js';
import type { AuditReport } from '../audit/result.js';
import { fsErrorText } from '../util/fs-errors.js';
import { validatorFor } from '../util/schema-validator.js';
import { displayPath } from './discover.js';
import { colorLevel } from './options.js';
import { planReports, ReportPlanError, type ReportFlags } from './report-plan.js';
import { findRepoRoot } from './repo-root.js';
import { runWithReports } from './reports.js';
import { cliIo, writeStderr } from './io.js';

export interface MergeFlags extends ReportFlags {
  failOn?: FailOn;
  quiet?: boolean;
}

/** A report file that cannot be merged: the message names it. */
class ReportFileError extends Error {}

function readReport(path: string, cwd: string): MergeInput {
  const source = displayPath(path, cwd);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ReportFileError(`${source}: cannot read: ${fsErrorText(e)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ReportFileError(`${source}: not JSON: ${(e as Error).message}`);
  }
  const validate = validatorFor('report.schema.json', { allErrors: false, strict: false });
  if (!validate(data)) {
    const e = validate.errors?.[0];
    throw new ReportFileError(
      `${source}: not a wt-audit JSON report (checks/schema/report.schema.json): ${e ? `${e.instancePath || '(top level)'} ${e.message}` : 'invalid'}`,
    );
  }
  return { source, report: data as AuditReport };
}

const encoder = new TextEncoder();

export async function runMerge(files: string[], flags: MergeFlags): Promise<number> {
  const cwd = process.cwd();
  const say = (m: string): number => {
    writeStderr(`wt-audit: ${m}\n`);
    return EXIT_ERROR;
  };
  let specs;
  let merged;
  try {
    specs = planReports(flags);
    merged = mergeReports(
      files.map((f) => readReport(f, cwd)),
      flags.failOn,
    );
  } catch (e) {
    if (e instanceof ReportFileError || e instanceof MergeError || e instanceof ReportPlanError) return say(e.message);
    throw e;
  }
  for (const note of merged.notes) writeStderr(`wt-audit: ${note}\n`);
  const { report, exit } = merged;
  const summaryFile = cliIo().env.GITHUB_STEP_SUMMARY;
  const ctx = {
    cwd,
    root: findRepoRoot(cwd) ?? cwd,
    quiet: flags.quiet ?? false,
    stdoutColor: colorLevel(cliIo().stdout, cliIo().env),
    ...(summaryFile ? { appendStepSummary: async (md: string) => (await import('node:fs/promises')).appendFile(summaryFile, md) } : {}),
  };
  // the reports are written as the audit writes them: the header, each document, then the errors and warnings
  return runWithReports(specs, ctx, async (sink) => {
    sink.start({ ...report, documents: [], errors: [], warnings: [] });
    for (const doc of report.documents) {
      if (sink.form === 'json') await sink.document(encoder.encode(documentJson(doc)));
      else await sink.document(doc);
    }
    await sink.end(report.errors, report.warnings);
    return exit;
  });
}
