/**
 * Writes the reports a run asked for (report-plan.ts): each file opened atomically (it appears
 * complete when the run is over, or not at all), standard output for the one without a file, all
 * fed by one fan-out sink.
 */
import { EXIT_ERROR } from '../audit/exit-code.js';
import { fanOut } from '../report/fan-out.js';
import { createReporter } from '../report/registry.js';
import type { Reporter, ReportContext } from '../report/reporter.js';
import { AtomicWriteError, openAtomic, type AtomicFile } from '../util/atomic-write.js';
import { OutputIsInputError } from './audit-command.js';
import type { ReportSpec } from './report-plan.js';
import { writeStdout } from './stdout.js';
import { writeStderr } from './io.js';

/** A report's destination while the run goes on. */
interface Destination {
  spec: ReportSpec;
  file?: AtomicFile;
}

/**
 * Open every report, run the audit into them, and put the files in place. A file that cannot be
 * opened, or an output that is one of the inputs, is an error (exit 2) and no report is written.
 */
export async function runWithReports(
  specs: ReportSpec[],
  ctx: Omit<ReportContext, 'color'> & { stdoutColor: ReportContext['color'] },
  run: (sink: Reporter) => Promise<number>,
): Promise<number> {
  const open: Destination[] = [];
  try {
    for (const spec of specs) open.push({ spec, ...(spec.path !== undefined ? { file: await openAtomic(spec.path) } : {}) });
    const reporters = await Promise.all(
      open.map(({ spec, file }) => {
        const write = file ? (chunk: string | Uint8Array) => file.write(chunk) : (chunk: string | Uint8Array) => writeStdout(chunk);
        return createReporter(spec.format, write, { ...ctx, color: file ? 0 : ctx.stdoutColor });
      }),
    );
    const exit = await run(fanOut(reporters));
    for (const d of open) await d.file?.commit();
    return exit;
  } catch (e) {
    await Promise.all(open.flatMap((d) => (d.file ? [d.file.abort()] : [])));
    if (e instanceof AtomicWriteError || e instanceof OutputIsInputError) {
      writeStderr(`wt-audit: ${e.message}\n`);
      return EXIT_ERROR;
    }
    throw e;
  }
}
