/** Command-line wiring only: parse, call the audit, render, exit. */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { EXIT_ERROR } from '../audit/exit-code.js';
import { toolVersion } from '../version.js';
import { guardStdout } from './stdout.js';
import { cliIo, withCliIo, writeStderr, type CliIo } from './io.js';
import { parseAsOf, parseFailOn, parseFormat, parseProfileOption, parseSeconds, parseShardOption, parseSize, type Format } from './options.js';
import { FORMATS as REPORT_FORMATS, isFormat, type Format as ReportFormat } from '../report/registry.js';
import { parseReportOption, type ReportSpec } from './report-plan.js';
import type { MergeFlags } from './merge-command.js';
import type { AuditFlags, CatalogueFlags } from './run-audit.js';
import type { DiffFlags } from './diff-command.js';
import type { Profile } from '../catalogue/types.js';

/** The audit's --format: any registered report format. */
function parseReportFormat(v: string): ReportFormat {
  if (isFormat(v)) return v;
  throw new InvalidArgumentError(`unknown format "${v}"; choose one of: ${REPORT_FORMATS.join(', ')}`);
}

/** --jobs: a whole number of threads, at least 1. */
function parseJobs(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || n < 1) throw new InvalidArgumentError(`"${v}" is not a number of threads (1 or more)`);
  return n;
}

const EXAMPLES = `
Examples:
  $ wt-audit samples/                              audit every policy in a folder
  $ wt-audit policy.md --profile school            judge a policy as a school's
  $ wt-audit "partners/**/*.md" --format json      batch audit, JSON for CI
  $ wt-audit partners/ --report sarif=r.sarif --report junit=r.xml --report github
                                                   several reports in one run (see docs/ci.md)
  $ wt-audit config                                the settings in force and where each came from
  $ wt-audit baseline create known.json partners/  record today's findings
  $ wt-audit partners/ --baseline known.json       fail only on findings not in it
  $ wt-audit policy.md --quiet --fail-on should    show only findings; fail on shoulds too
  $ wt-audit list --profile sports                 requirements that apply to a sports club
  $ wt-audit list --changed-in 2026                what is new or strengthened in 2026
  $ wt-audit explain WT26-C4-ALLEGATIONS           reference, remediation and model wording
  $ wt-audit policy.md --report html=review.html   a printable review for people: cover, summary,
                                                   every requirement, action plan
  $ wt-audit diff old.md new.md                    what a redraft improved and what it broke

Exit codes: 0 no findings at or above --fail-on, 1 findings, 2 errors (bad input, catalogue or flag).`;

/** Options an audit and `wt-audit config` share (new objects each time: commander owns them). */
function settingOptions(): Option[] {
  return [
    new Option('-p, --profile <profile>', "organisation profile (overrides the policy's type:)").argParser(parseProfileOption),
    new Option('-f, --format <format>', `report format: ${REPORT_FORMATS.join(', ')}`).argParser(parseReportFormat).default('terminal'),
    new Option('-r, --report <format[=file]>', 'write this report, to the file or (no =file) to standard output; repeatable').argParser(parseReportOption),
    new Option('--fail-on <level>', 'exit 1 when findings at this strength or above: must, should, none').argParser(parseFailOn).default('must'),
    new Option('--as-of <date>', 'judge dates as at YYYY-MM-DD (default: today)').argParser(parseAsOf),
    new Option('--catalogue <dir>', 'requirement folder to use instead of the bundled wt2026 catalogue'),
    new Option('--local-requirements <dir>', "folder of the partnership's own requirements, added to the catalogue (as local-requirements in .wt-audit.yaml)"),
    new Option('-o, --output <file>', 'write the report to this file (atomically: complete or not at all) instead of standard output'),
    new Option('-j, --jobs <n>', 'audit on up to n threads (default: number of cores; 1 = no worker threads)').argParser(parseJobs),
    new Option('--file-timeout <seconds>', 'report a file that takes longer than this as an error and go on (default 30; 0 = no limit)').argParser(
      parseSeconds,
    ),
    new Option('--baseline <file>', 'findings already known (wt-audit baseline create): only new findings fail the run'),
    new Option('--pack-by <how>', "dir: each subfolder of a folder input is one organisation's pack, reported as one").choices(['dir']),
    new Option('-c, --config <file>', 'configuration file (default: .wt-audit.yaml here or in a folder above, up to the repository root)'),
    new Option(
      '--cache <dir>',
      "keep each document's judgement in this folder and reuse it while the file, catalogue, tool, profile and as-of date are the same",
    ),
  ];
}

/** Was a kebab-case flag given on this command's line (not a default)? */
function givenOn(cmd: Command): (flag: string) => boolean {
  return (flag) => cmd.getOptionValueSource(flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())) === 'cli';
}

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('wt-audit')
    .enablePositionalOptions()
    .description('Audit child-safeguarding policies against Working Together to Safeguard Children 2026 and report every gap with its reference.')
    .version(toolVersion(), '-V, --version')
    .argument('[paths...]', 'policy files, folders or globs (.md, .markdown, .yaml, .yml, .html, .htm, .docx, .pdf)');
  for (const o of settingOptions()) program.addOption(o);
  program
    .option('-q, --quiet', 'show only findings (gap, partial, outdated, needs review)')
    .addOption(new Option('--max-file-size <size>', 'skip larger files with an error (default 10MB)').argParser(parseSize))
    .addOption(
      new Option('--shard <i/n>', 'audit only slice i of n of the files (stable, by path hash); join the reports with wt-audit merge').argParser(
        parseShardOption,
      ),
    )
    .option('--no-progress', 'no progress bar on standard error (it is shown only when standard error is a terminal)')
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError('(run wt-audit --help for usage)')
    .action(async (paths: string[], flags: AuditFlags) => {
      if (paths.length === 0) {
        program.help({ error: true });
      }
      const { runAudit } = await import('./run-audit.js');
      setExit(await runAudit(paths, flags, givenOn(program)));
    });

  const config = program
    .command('config')
    .description('print the effective configuration (flags over .wt-audit.yaml over defaults) and where each value came from')
    .action(async (flags: AuditFlags) => {
      const { runConfig } = await import('./run-audit.js');
      setExit(await runConfig(flags, givenOn(config)));
    });
  for (const o of settingOptions()) config.addOption(o);

  const baseline = program.command('baseline').description('record the findings of today, so that --baseline fails only on new ones');
  const create = baseline
    .command('create')
    .description('audit the paths and record every finding (by document and requirement, never by line) in FILE')
    .argument('<file>', 'baseline file to write')
    .argument('<paths...>', 'policy files, folders or globs')
    .action(async (file: string, paths: string[], flags: AuditFlags) => {
      const { runBaselineCreate } = await import('./baseline-command.js');
      setExit(await runBaselineCreate(file, paths, flags, givenOn(create)));
    });
  const prune = baseline
    .command('prune')
    .description('audit the paths again and remove from FILE the findings that no longer occur')
    .argument('<file>', 'baseline file to update')
    .argument('<paths...>', 'policy files, folders or globs')
    .action(async (file: string, paths: string[], flags: AuditFlags) => {
      const { runBaselinePrune } = await import('./baseline-command.js');
      setExit(await runBaselinePrune(file, paths, flags, givenOn(prune)));
    });
  for (const cmd of [create, prune]) for (const o of settingOptions()) cmd.addOption(o);

  const merge = program
    .command('merge')
    .description('join the JSON reports of several runs (the shards of --shard i/n) into the report of one run, in any format')
    .argument('<reports...>', 'JSON reports (--report json=FILE) of runs over different files')
    .addOption(new Option('-f, --format <format>', `report format: ${REPORT_FORMATS.join(', ')}`).argParser(parseReportFormat).default('terminal'))
    .addOption(
      new Option('-r, --report <format[=file]>', 'write this report, to the file or (no =file) to standard output; repeatable').argParser(parseReportOption),
    )
    .addOption(new Option('-o, --output <file>', 'write the report to this file (atomically) instead of standard output'))
    .addOption(new Option('--fail-on <level>', "exit 1 when findings at this strength or above (default: the reports' own)").argParser(parseFailOn))
    .option('-q, --quiet', 'show only findings (gap, partial, outdated, needs review)')
    .addHelpText(
      'after',
      `
The reports must come from the same tool version, catalogue, as-of date and baseline, and no
document may be in two of them; a shard missing from a sharded set is a warning.
Exit codes: 0 no findings at or above --fail-on, 1 findings, 2 errors (in the reports, or a report
that cannot be read or merged).`,
    )
    .action(async (files: string[], flags: MergeFlags & { report?: ReportSpec[] }) => {
      const { runMerge } = await import('./merge-command.js');
      setExit(await runMerge(files, { ...flags, ...(flags.report ? { reports: flags.report } : {}), formatGiven: givenOn(merge)('format') }));
    });

  const list = program
    .command('list')
    .description('list the requirements of the catalogue')
    .addOption(new Option('-p, --profile <profile>', 'only requirements that apply to this profile').argParser(parseProfileOption))
    .option('--changed-in <year>', 'only requirements new or strengthened in this edition (2026 or 2023)')
    .addOption(new Option('-f, --format <format>', 'terminal or json').argParser(parseFormat).default('terminal'))
    .action(async (flags: { profile?: Profile; changedIn?: string; format: Format } & CatalogueFlags) => {
      const { runList } = await import('./catalogue-commands.js');
      setExit(await runList(flags, givenOn(list)));
    });

  const explain = program
    .command('explain')
    .description('show a requirement: reference, applicability, change, remediation and model wording')
    .argument('<id>', 'requirement id, e.g. WT26-C4-ALLEGATIONS')
    .action(async (id: string, flags: CatalogueFlags) => {
      const { runExplain } = await import('./catalogue-commands.js');
      setExit(await runExplain(id, flags, givenOn(explain)));
    });
  // both read the catalogue an audit here would use: the configuration file's too
  for (const cmd of [list, explain]) {
    cmd
      .option('--catalogue <dir>', 'requirement folder to use')
      .option('--local-requirements <dir>', "folder of the partnership's own requirements to add")
      .option('-c, --config <file>', 'configuration file (default: .wt-audit.yaml here or in a folder above, up to the repository root)');
  }
  program
    .command('diff')
    .description('compare two versions of one policy (or two JSON reports): regressions first, then improvements, changed evidence, new requirements')
    .argument('<old>', 'the earlier version: a policy file, or a JSON report (.json) of it')
    .argument('<new>', 'the later version: a policy file, or a JSON report (.json) of it')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['terminal', 'md', 'json']).default('terminal'))
    .addOption(
      new Option('--fail-on <level>', 'exit 1 when a regression is at this strength or above: must, should, none').argParser(parseFailOn).default('must'),
    )
    .addOption(new Option('-p, --profile <profile>', 'judge policy files as this profile (overrides their type:)').argParser(parseProfileOption))
    .addOption(new Option('--as-of <date>', "judge policy files' dates as at YYYY-MM-DD (default: today)").argParser(parseAsOf))
    .option('--catalogue <dir>', 'requirement folder to audit policy files with')
    .option('-o, --output <file>', 'write the comparison to this file (atomically) instead of standard output')
    .addHelpText(
      'after',
      `
Requirements are matched by id, never by line. A regression is a requirement that became a finding
(gap, partial, outdated, needs review) or whose finding got worse (met → partial → gap).
Exit codes: 0 no regression at or above --fail-on, 1 regressions, 2 errors (unreadable file,
invalid JSON, a report of another schema version).`,
    )
    .action(async (oldPath: string, newPath: string, flags: DiffFlags) => {
      const { runDiff } = await import('./diff-command.js');
      setExit(await runDiff(oldPath, newPath, flags));
    });
  return program;
}

/** Run the CLI; `io` replaces the process's output and environment (tests run it in their own process). */
export async function main(argv: string[], io?: CliIo): Promise<number> {
  if (!io) guardStdout();
  return withCliIo(io, () => run(argv));
}

async function run(argv: string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((c) => {
    code = c;
  });
  // on every command: a subcommand does not inherit these once it exists, and would otherwise end the
  // process itself (exit 1 on a usage error, and no way to run the CLI inside another program)
  const everyCommand = (c: Command): Command[] => [c, ...c.commands.flatMap(everyCommand)];
  for (const c of everyCommand(program)) c.exitOverride().configureOutput({ writeOut: (s) => cliIo().stdout.write(s), writeErr: writeStderr });
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end with code 0; everything else commander raises is a usage error
      return e.exitCode === 0 ? 0 : EXIT_ERROR;
    }
    writeStderr(`wt-audit: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT_ERROR;
  }
  return code;
}
