/** Command-line wiring only: parse, call the audit, render, exit. */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { EXIT_ERROR } from '../audit/exit-code.js';
import { toolVersion } from '../version.js';
import { guardStdout, writeStdout } from './stdout.js';
import { colorLevel, parseAsOf, parseFailOn, parseFormat, parseProfileOption, parseSize, today, type Format } from './options.js';
import type { FailOn } from '../audit/exit-code.js';
import type { DiffFlags } from './diff-command.js';
import type { Profile } from '../catalogue/types.js';

interface AuditFlags {
  profile?: Profile;
  format: Format;
  failOn: FailOn;
  quiet?: boolean;
  asOf?: string;
  catalogue?: string;
  maxFileSize?: number;
  jobs?: number;
  output?: string;
  /** TEMPORARY (issue 11): becomes --report html=… / md=… with the reporter registry */
  reviewHtml?: string;
  reviewMd?: string;
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
  $ wt-audit policy.md --quiet --fail-on should    show only findings; fail on shoulds too
  $ wt-audit list --profile sports                 requirements that apply to a sports club
  $ wt-audit list --changed-in 2026                what is new or strengthened in 2026
  $ wt-audit explain WT26-C4-ALLEGATIONS           reference, remediation and model wording
  $ wt-audit policy.md --review-html review.html   a printable review: cover, summary, every
                                                   requirement, action plan
  $ wt-audit diff old.md new.md                    what a redraft improved and what it broke

Exit codes: 0 no findings at or above --fail-on, 1 findings, 2 errors (bad input, catalogue or flag).`;

async function runAudit(paths: string[], flags: AuditFlags, sink?: (chunk: string | Uint8Array) => Promise<void>): Promise<number> {
  if (flags.output !== undefined && !sink) {
    // --output: the report is written beside its target and renamed into place only when complete
    const { AtomicWriteError, writeAtomically } = await import('../util/atomic-write.js');
    const { OutputIsInputError } = await import('./audit-command.js');
    try {
      return await writeAtomically(flags.output, (write) => runAudit(paths, flags, write));
    } catch (e) {
      if (!(e instanceof AtomicWriteError) && !(e instanceof OutputIsInputError)) throw e;
      process.stderr.write(`wt-audit: ${e.message}\n`);
      return EXIT_ERROR;
    }
  }
  // the audit modules (parsers, catalogue, workers) load only for this command
  const { auditPaths } = await import('./audit-command.js');
  const opts = { asOf: flags.asOf ?? today(), failOn: flags.failOn, ...(flags.profile ? { profile: flags.profile } : {}), ...(flags.maxFileSize !== undefined ? { maxFileSize: flags.maxFileSize } : {}) };
  const cmd = {
    ...opts,
    ...(flags.catalogue !== undefined ? { catalogue: flags.catalogue } : {}),
    ...(flags.jobs !== undefined ? { jobs: flags.jobs } : {}),
    ...(flags.output !== undefined ? { output: flags.output } : {}),
  };
  const out = sink ?? ((chunk: string | Uint8Array) => writeStdout(chunk));
  if (flags.reviewHtml !== undefined || flags.reviewMd !== undefined) {
    // TEMPORARY (issue 11): the review files need the whole report; see review-files.ts
    const { auditWithReviews } = await import('./review-files.js');
    const { renderJson } = await import('../report/json.js');
    const { renderTerminal } = await import('../report/terminal.js');
    const color = sink ? 0 : colorLevel(process.stdout);
    const render = (r: Parameters<typeof renderJson>[0]) => (flags.format === 'json' ? renderJson(r) : renderTerminal(r, { quiet: flags.quiet ?? false, color }));
    return auditWithReviews(paths, cmd, { html: flags.reviewHtml, md: flags.reviewMd }, render, out);
  }
  if (flags.format === 'json') {
    // documents are written as they are audited, in path order, and not kept
    const { JsonReportWriter } = await import('../report/json.js');
    return (await auditPaths(paths, cmd, new JsonReportWriter(out))).exit;
  }
  // the terminal report too is written a document at a time, in path order
  const { TerminalReportWriter } = await import('../report/terminal.js');
  const terminal = new TerminalReportWriter(out, { quiet: flags.quiet ?? false, color: sink ? 0 : colorLevel(process.stdout) });
  return (await auditPaths(paths, cmd, terminal)).exit;
}

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('wt-audit')
    .enablePositionalOptions()
    .description('Audit child-safeguarding policies against Working Together to Safeguard Children 2026 and report every gap with its reference.')
    .version(toolVersion(), '-V, --version')
    .argument('[paths...]', 'policy files, folders or globs (.md, .markdown, .yaml, .yml)')
    .addOption(new Option('-p, --profile <profile>', 'organisation profile (overrides the policy\'s type:)').argParser(parseProfileOption))
    .addOption(new Option('-f, --format <format>', 'output format: terminal or json').argParser(parseFormat).default('terminal'))
    .addOption(new Option('--fail-on <level>', 'exit 1 when findings at this strength or above: must, should, none').argParser(parseFailOn).default('must'))
    .option('-q, --quiet', 'show only findings (gap, partial, outdated, needs review)')
    .addOption(new Option('--as-of <date>', 'judge dates as at YYYY-MM-DD (default: today)').argParser(parseAsOf))
    .addOption(new Option('--catalogue <dir>', 'requirement folder to use instead of the bundled wt2026 catalogue'))
    .addOption(new Option('--max-file-size <size>', 'skip larger files with an error (default 10MB)').argParser(parseSize))
    .addOption(new Option('-o, --output <file>', 'write the report to this file (atomically: complete or not at all) instead of standard output'))
    .addOption(new Option('-j, --jobs <n>', 'audit on up to n threads (default: number of cores; 1 = no worker threads)').argParser(parseJobs))
    .addOption(new Option('--review-html <file>', 'also write the review for people: one self-contained, printable HTML file (atomically)'))
    .addOption(new Option('--review-md <file>', 'also write the review as Markdown (atomically)'))
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError('(run wt-audit --help for usage)')
    .action(async (paths: string[], flags: AuditFlags) => {
      if (paths.length === 0) {
        program.help({ error: true });
      }
      setExit(await runAudit(paths, flags));
    });

  program
    .command('list')
    .description('list the requirements of the catalogue')
    .addOption(new Option('-p, --profile <profile>', 'only requirements that apply to this profile').argParser(parseProfileOption))
    .option('--changed-in <year>', 'only requirements new or strengthened in this edition (2026 or 2023)')
    .addOption(new Option('-f, --format <format>', 'terminal or json').argParser(parseFormat).default('terminal'))
    .option('--catalogue <dir>', 'requirement folder to use')
    .action(async (flags: { profile?: Profile; changedIn?: string; format: Format; catalogue?: string }) => {
      const { runList } = await import('./catalogue-commands.js');
      setExit(runList(flags));
    });

  program
    .command('explain')
    .description('show a requirement: reference, applicability, change, remediation and model wording')
    .argument('<id>', 'requirement id, e.g. WT26-C4-ALLEGATIONS')
    .option('--catalogue <dir>', 'requirement folder to use')
    .action(async (id: string, flags: { catalogue?: string }) => {
      const { runExplain } = await import('./catalogue-commands.js');
      setExit(runExplain(id, flags));
    });
  program
    .command('diff')
    .description('compare two versions of one policy (or two JSON reports): regressions first, then improvements, changed evidence, new requirements')
    .argument('<old>', 'the earlier version: a policy file, or a JSON report (.json) of it')
    .argument('<new>', 'the later version: a policy file, or a JSON report (.json) of it')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['terminal', 'md', 'json']).default('terminal'))
    .addOption(new Option('--fail-on <level>', 'exit 1 when a regression is at this strength or above: must, should, none').argParser(parseFailOn).default('must'))
    .addOption(new Option('-p, --profile <profile>', 'judge policy files as this profile (overrides their type:)').argParser(parseProfileOption))
    .addOption(new Option('--as-of <date>', 'judge policy files\' dates as at YYYY-MM-DD (default: today)').argParser(parseAsOf))
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

export async function main(argv: string[]): Promise<number> {
  guardStdout();
  let code = 0;
  const program = buildProgram((c) => {
    code = c;
  });
  program.exitOverride();
  program.configureOutput({ writeErr: (s) => process.stderr.write(s) });
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end with code 0; everything else commander raises is a usage error
      return e.exitCode === 0 ? 0 : EXIT_ERROR;
    }
    process.stderr.write(`wt-audit: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT_ERROR;
  }
  return code;
}
