/**
 * Which reports a run writes, and where: `--report FORMAT[=PATH]` (repeatable) and the older
 * `--format F [--output PATH]`, planned into one list. Light on purpose: loaded for every command.
 */
import { resolve } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { FORMATS, isFormat, type Format } from '../report/registry.js';

export interface ReportSpec {
  format: Format;
  /** file to write; none: standard output */
  path?: string;
  /** how the user asked for it, for messages: "--report sarif=out.sarif", "--output out.json" */
  flag: string;
}

/** A report plan that cannot be carried out: a usage error (exit 2). */
export class ReportPlanError extends Error {}

/** commander argParser for a repeatable --report: "sarif" or "sarif=out.sarif". */
export function parseReportOption(value: string, previous: ReportSpec[] = []): ReportSpec[] {
  const at = value.indexOf('=');
  const name = at === -1 ? value : value.slice(0, at);
  const path = at === -1 ? undefined : value.slice(at + 1);
  if (!isFormat(name)) throw new InvalidArgumentError(`unknown report format "${name}"; choose one of: ${FORMATS.join(', ')}`);
  if (path !== undefined && path.trim() === '')
    throw new InvalidArgumentError(`"${value}": give a file after "=", or leave "=" out to write to standard output`);
  return [...previous, { format: name, ...(path !== undefined ? { path } : {}), flag: `--report ${value}` }];
}

export interface ReportFlags {
  reports?: ReportSpec[];
  format: Format;
  /** --format was given on the command line (not just its default) */
  formatGiven: boolean;
  output?: string;
}

/**
 * The reports to write. Without --report: the one --format/--output name (default: terminal on
 * standard output). With --report: those, plus --format/--output when either was given. At most
 * one report may go to standard output, and no two to the same file.
 */
export function planReports(flags: ReportFlags): ReportSpec[] {
  const legacy: ReportSpec = {
    format: flags.format,
    ...(flags.output !== undefined ? { path: flags.output } : {}),
    flag: flags.output !== undefined ? `--output ${flags.output}` : `--format ${flags.format}`,
  };
  const specs = flags.reports && flags.reports.length > 0 ? [...flags.reports, ...(flags.formatGiven || flags.output !== undefined ? [legacy] : [])] : [legacy];
  const toStdout = specs.filter((s) => s.path === undefined);
  if (toStdout.length > 1)
    throw new ReportPlanError(
      `only one report can go to standard output, but ${toStdout.map((s) => s.flag).join(' and ')} both would; give the others a file (--report FORMAT=PATH)`,
    );
  const seen = new Map<string, ReportSpec>();
  for (const s of specs) {
    if (s.path === undefined) continue;
    const key = resolve(s.path);
    const other = seen.get(key);
    if (other) throw new ReportPlanError(`${other.flag} and ${s.flag} would write the same file`);
    seen.set(key, s);
  }
  return specs;
}
