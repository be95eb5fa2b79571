/** Command-line wiring only: parse, call the audit, render, exit. */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { EXIT_ERROR } from '../audit/exit-code.js';
import { toolVersion } from '../version.js';
import { guardStdout, writeStdout } from './stdout.js';
import { colorLevel, parseAsOf, parseFailOn, parseFormat, parseProfileOption, parseSeconds, parseSize, today, type Format } from './options.js';
import type { FailOn } from '../audit/exit-code.js';
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
  fileTimeout?: number;
  output?: string;
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
    ...(flags.fileTimeout !== undefined ? { fileTimeoutMs: 1000 * flags.fileTimeout } : {}),
    ...(flags.output !== undefined ? { output: flags.output } : {}),
  };
  const out = sink ?? ((chunk: string | Uint8Array) => writeStdout(chunk));
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
    .addOption(new Option('--file-timeout <seconds>', 'report a file that takes longer than this as an error and go on (default 30; 0 = no limit)').argParser(parseSeconds))
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
