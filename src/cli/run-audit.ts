/**
 * The audit command and `wt-audit config`: settings from the flags and the configuration file,
 * then the audit into every report asked for.
 */
import { resolve } from 'node:path';
import { EXIT_ERROR, type FailOn } from '../audit/exit-code.js';
import type { Profile } from '../catalogue/types.js';
import type { LoadedConfig } from './config-file.js';
import { findConfig } from './config-find.js';
import { displayPath } from './discover.js';
import { colorLevel } from './options.js';
import type { Format } from '../report/registry.js';
import { ReportPlanError, type ReportSpec } from './report-plan.js';
import { findRepoRoot } from './repo-root.js';
import { localCatalogueOf, renderSettings, resolveSettings, type Settings } from './settings.js';
import { writeStdout } from './stdout.js';
import { cliIo, writeStderr } from './io.js';
import { BaselineError, readBaseline } from './baseline-file.js';
import { entryKey, type BaselineSet } from '../audit/baseline.js';
import type { AuditCommand } from './audit-command.js';
import type { Shard } from '../audit/shard.js';
import { ProgressBar } from './progress.js';
import type { LocalCatalogue } from '../catalogue/local.js';

export interface AuditFlags {
  profile?: Profile;
  format: Format;
  failOn: FailOn;
  quiet?: boolean;
  asOf?: string;
  catalogue?: string;
  localRequirements?: string;
  maxFileSize?: number;
  jobs?: number;
  fileTimeout?: number;
  output?: string;
  report?: ReportSpec[];
  config?: string;
  baseline?: string;
  cache?: string;
  shard?: Shard;
  /** false with --no-progress */
  progress?: boolean;
  packBy?: 'dir';
}

/** Was this flag (kebab-case name) on the command line? */
export type Given = (flag: string) => boolean;

export function fail(message: string): number {
  writeStderr(`wt-audit: ${message}\n`);
  return EXIT_ERROR;
}

/** The configuration file named by --config, or found upward from the working directory. @throws ConfigError */
async function configFor(flags: AuditFlags, cwd: string): Promise<{ config?: LoadedConfig; shown?: string }> {
  const path = flags.config ?? findConfig(cwd);
  if (path === undefined) return {};
  const shown = displayPath(path, cwd);
  // the YAML parser and the schema are loaded only when there is a file to read
  const { loadConfig } = await import('./config-file.js');
  return { config: loadConfig(resolve(cwd, path), shown), shown };
}

/** Settings, or the exit code of a usage or configuration error (already reported). */
export async function settingsFor(flags: AuditFlags, given: Given, cwd: string): Promise<{ settings: Settings; shown?: string } | number> {
  try {
    const { config, shown } = await configFor(flags, cwd);
    const settings = resolveSettings({ ...flags, ...(flags.report ? { reports: flags.report } : {}), formatGiven: given('format') }, given, config, shown);
    return { settings, ...(shown !== undefined ? { shown } : {}) };
  } catch (e) {
    if (e instanceof ReportPlanError || (e instanceof Error && e.name === 'ConfigError')) return fail(e.message);
    throw e;
  }
}

/** What the audit is told, from the settings. */
export function commandFor(s: Settings, flags: AuditFlags, cwd: string, baseline?: BaselineSet): AuditCommand {
  return {
    asOf: s.asOf.value,
    failOn: s.failOn.value,
    ...(s.profile.value ? { profile: s.profile.value } : {}),
    ...(flags.maxFileSize !== undefined ? { maxFileSize: flags.maxFileSize } : {}),
    ...(s.catalogue.value !== undefined ? { catalogue: s.catalogue.value } : {}),
    ...(localCatalogueOf(s) ? { local: localCatalogueOf(s)! } : {}),
    ...(s.jobs.value !== undefined ? { jobs: s.jobs.value } : {}),
    ...(s.fileTimeout.value !== undefined ? { fileTimeoutMs: 1000 * s.fileTimeout.value } : {}),
    ...(s.waivers.value.list.length > 0 ? { waivers: { list: s.waivers.value.list, cwd } } : {}),
    ...(s.ignore.value ? { ignore: s.ignore.value } : {}),
    ...(s.cache.value !== undefined ? { cache: s.cache.value } : {}),
    ...(s.packBy.value ? { packBy: s.packBy.value } : {}),
    ...(baseline ? { baseline } : {}),
  };
}

export async function runAudit(paths: string[], flags: AuditFlags, given: Given): Promise<number> {
  const cwd = process.cwd();
  const resolved = await settingsFor(flags, given, cwd);
  if (typeof resolved === 'number') return resolved;
  const s = resolved.settings;
  const root = findRepoRoot(cwd) ?? cwd;
  let known: string[] | undefined;
  if (s.baseline.value !== undefined) {
    try {
      known = readBaseline(s.baseline.value).findings.map((f) => entryKey(f.document, f.requirement));
    } catch (e) {
      if (e instanceof BaselineError) return fail(e.message);
      throw e;
    }
  }
  // the audit modules (parsers, catalogue, workers) load only for this command
  const { auditPaths } = await import('./audit-command.js');
  const toStdout = s.reports.value.some((r) => r.path === undefined);
  // on a terminal that also shows the report, the bar would be drawn into the report's lines
  const { stderr, stdout } = cliIo();
  const bar = flags.progress !== false && stderr.isTTY && !(toStdout && stdout.isTTY) ? new ProgressBar(stderr) : undefined;
  const cmd = {
    ...commandFor(s, flags, cwd, known ? { keys: known, cwd, root } : undefined),
    outputs: s.reports.value.flatMap((r) => (r.path !== undefined ? [{ path: r.path, flag: r.flag }] : [])),
    ...(flags.shard ? { shard: flags.shard } : {}),
    ...(bar ? { onFileDone: (done: number, total: number) => bar.update(done, total) } : {}),
  };
  const summaryFile = cliIo().env.GITHUB_STEP_SUMMARY;
  const ctx = {
    cwd,
    root,
    quiet: flags.quiet ?? false,
    stdoutColor: colorLevel(cliIo().stdout, cliIo().env),
    ...(summaryFile ? { appendStepSummary: async (md: string) => (await import('node:fs/promises')).appendFile(summaryFile, md) } : {}),
  };
  const { runWithReports } = await import('./reports.js');
  // every report is written a document at a time, in path order, as the files are audited
  try {
    return await runWithReports(s.reports.value, ctx, async (sink) => (await auditPaths(paths, cmd, sink)).exit);
  } finally {
    bar?.clear();
  }
}

/** `wt-audit config`: print the effective settings and where each came from. */
export async function runConfig(flags: AuditFlags, given: Given): Promise<number> {
  const resolved = await settingsFor(flags, given, process.cwd());
  if (typeof resolved === 'number') return resolved;
  await writeStdout(renderSettings(resolved.settings, resolved.shown));
  return 0;
}

/** The catalogue flags of `list` and `explain`, which read the configuration file as an audit does. */
export interface CatalogueFlags {
  config?: string;
  catalogue?: string;
  localRequirements?: string;
}

/** The catalogue an audit here would use: folder and local changes, or the exit code of a configuration error (already reported). */
export async function catalogueChoiceFor(flags: CatalogueFlags, given: Given, cwd: string): Promise<{ catalogue?: string; local?: LocalCatalogue } | number> {
  // only the catalogue's own flags count: list's --profile and --format mean something else there
  const own = (flag: string) => (flag === 'catalogue' || flag === 'local-requirements') && given(flag);
  const resolved = await settingsFor({ ...flags, format: 'terminal', failOn: 'must' }, own, cwd);
  if (typeof resolved === 'number') return resolved;
  const s = resolved.settings;
  const local = localCatalogueOf(s);
  return { ...(s.catalogue.value !== undefined ? { catalogue: s.catalogue.value } : {}), ...(local ? { local } : {}) };
}
