/**
 * `wt-audit diff OLD NEW`: read or audit each side (a `.json` file is a saved report, anything
 * else a policy audited now), compare them (report/diff.ts), print or write the comparison, and
 * exit 1 on a regression at or above --fail-on, 2 when a side cannot be had.
 */
import { readFile, stat } from 'node:fs/promises';
import { auditFiles } from '../audit/run.js';
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, type FailOn } from '../audit/exit-code.js';
import type { Profile } from '../catalogue/types.js';
import { diffAudits, type DiffSide } from '../report/diff.js';
import { DiffInputError, sideFromAudit, sideFromReportJson } from '../report/diff-input.js';
import { renderDiff, type DiffFormat } from '../report/diff-render.js';
import { AtomicWriteError, writeFileAtomic } from '../util/atomic-write.js';
import { fsErrorText } from '../util/fs-errors.js';
import { outputAmongInputs } from './audit-command.js';
import { colorLevel, today } from './options.js';
import { writeStdout } from './stdout.js';
import { cliIo, writeStderr } from './io.js';

export interface DiffFlags {
  format: DiffFormat;
  failOn: FailOn;
  profile?: Profile;
  asOf?: string;
  catalogue?: string;
  output?: string;
}

/** A saved report is a few hundred KB; anything far larger is not one. */
const MAX_REPORT_BYTES = 64 * 1024 * 1024;

async function readReport(path: string): Promise<DiffSide> {
  let text: string;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new DiffInputError(`${path}: not a file`);
    if (s.size > MAX_REPORT_BYTES) throw new DiffInputError(`${path}: ${s.size} bytes is too large for a report`);
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (e instanceof DiffInputError) throw e;
    throw new DiffInputError(`${path}: ${fsErrorText(e)}`);
  }
  return sideFromReportJson(text, path, (note) => writeStderr(`wt-audit: ${note}\n`));
}

async function auditSide(path: string, flags: DiffFlags, asOf: string): Promise<DiffSide> {
  const run = {
    asOf,
    failOn: flags.failOn,
    jobs: 1,
    ...(flags.profile ? { profile: flags.profile } : {}),
    ...(flags.catalogue !== undefined ? { catalogue: flags.catalogue } : {}),
  };
  const { report } = await auditFiles({ files: [path], errors: [] }, run);
  return sideFromAudit(report, path);
}

function sideOf(path: string, flags: DiffFlags, asOf: string): Promise<DiffSide> {
  return path.toLowerCase().endsWith('.json') ? readReport(path) : auditSide(path, flags, asOf);
}

export async function runDiff(oldPath: string, newPath: string, flags: DiffFlags): Promise<number> {
  const asOf = flags.asOf ?? today();
  let text: string;
  let failing: boolean;
  try {
    const [before, after] = [await sideOf(oldPath, flags, asOf), await sideOf(newPath, flags, asOf)];
    const diff = diffAudits(before, after, flags.failOn);
    failing = diff.failing;
    text = renderDiff(diff, flags.format, { color: flags.output === undefined ? colorLevel(cliIo().stdout, cliIo().env) : 0 });
  } catch (e) {
    if (!(e instanceof DiffInputError)) throw e;
    writeStderr(`wt-audit: ${e.message}\n`);
    return EXIT_ERROR;
  }
  if (flags.output !== undefined) {
    const clash = outputAmongInputs(flags.output, [oldPath, newPath]);
    if (clash !== undefined) {
      writeStderr(`wt-audit: --output ${flags.output} is one of the files being compared (${clash}); choose another file, inputs are never overwritten\n`);
      return EXIT_ERROR;
    }
    try {
      await writeFileAtomic(flags.output, text);
    } catch (e) {
      if (!(e instanceof AtomicWriteError)) throw e;
      writeStderr(`wt-audit: ${e.message}\n`);
      return EXIT_ERROR;
    }
  } else await writeStdout(text);
  return failing ? EXIT_FINDINGS : EXIT_OK;
}
