/** Command-line wiring only: parse, call the audit, render, exit. */
import { Command, CommanderError, Option } from 'commander';
import { loadCatalogue } from '../catalogue/load.js';
import { EXIT_ERROR, exitCode } from '../audit/exit-code.js';
import { auditFiles, emptyReport } from '../audit/run.js';
import { toolVersion } from '../version.js';
import { discover } from './discover.js';
import { runExplain, runList } from './catalogue-commands.js';
import { colorLevel, parseAsOf, parseFailOn, parseFormat, parseProfileOption, parseSize, today, type Format } from './options.js';
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

async function runAudit(paths: string[], flags: AuditFlags): Promise<number> {
  const catalogue = loadCatalogue(flags.catalogue);
  const opts = { asOf: flags.asOf ?? today(), failOn: flags.failOn, ...(flags.profile ? { profile: flags.profile } : {}), ...(flags.maxFileSize !== undefined ? { maxFileSize: flags.maxFileSize } : {}) };
  const report = emptyReport(catalogue, opts);
  const found = await discover(paths);
  report.errors.push(...found.errors);
  await auditFiles(found.files, catalogue, opts, report);
  if (flags.format === 'json') {
    const { renderJson } = await import('../report/json.js');
    process.stdout.write(renderJson(report));
  } else {
    const { renderTerminal } = await import('../report/terminal.js');
    process.stdout.write(renderTerminal(report, { quiet: flags.quiet ?? false, color: colorLevel(process.stdout) }));
  }
  return exitCode(report, flags.failOn);
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
    .action((flags: { profile?: Profile; changedIn?: string; format: Format; catalogue?: string }) => {
      setExit(runList(flags));
    });

  program
    .command('explain')
    .description('show a requirement: reference, applicability, change, remediation and model wording')
    .argument('<id>', 'requirement id, e.g. WT26-C4-ALLEGATIONS')
    .option('--catalogue <dir>', 'requirement folder to use')
    .action((id: string, flags: { catalogue?: string }) => {
      setExit(runExplain(id, flags));
    });
  return program;
}

export async function main(argv: string[]): Promise<number> {
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
