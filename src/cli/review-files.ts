/**
 * TEMPORARY wiring (issue 11) until the reporter registry's `--report html=FILE` / `--report md=FILE`
 * (issue 10) takes the review renderers over: `--review-html FILE` and `--review-md FILE` on the
 * audit command. The review needs the whole report, so the documents are kept rather than streamed;
 * the usual report (terminal or JSON) is rendered from the same report, then each review file is
 * written atomically. Everything here is this one function, so that it moves in one piece.
 */
import type { AuditReport } from '../audit/result.js';
import { auditFiles } from '../audit/run.js';
import { EXIT_ERROR } from '../audit/exit-code.js';
import { AtomicWriteError, writeFileAtomic } from '../util/atomic-write.js';
import { outputAmongInputs, type AuditCommand } from './audit-command.js';
import { discover } from './discover.js';

export interface ReviewTargets {
  html?: string | undefined;
  md?: string | undefined;
}

/**
 * Audit `paths`, write the main report through `write` (rendered by `renderMain` from the whole
 * report) and the review files; returns the audit's exit code, or 2 when a file cannot be written.
 */
export async function auditWithReviews(
  paths: string[],
  cmd: AuditCommand,
  targets: ReviewTargets,
  renderMain: (report: AuditReport) => string,
  write: (chunk: string) => void | Promise<void>,
): Promise<number> {
  const found = await discover(paths);
  const outputs: Array<[string, string]> = [
    ...(cmd.output !== undefined ? ([['--output', cmd.output]] as Array<[string, string]>) : []),
    ...(targets.html !== undefined ? ([['--review-html', targets.html]] as Array<[string, string]>) : []),
    ...(targets.md !== undefined ? ([['--review-md', targets.md]] as Array<[string, string]>) : []),
  ];
  for (const [flag, target] of outputs) {
    const clash = outputAmongInputs(target, found.files);
    if (clash !== undefined) {
      process.stderr.write(`wt-audit: ${flag} ${target} is one of the policies being audited (${clash}); choose another file, inputs are never overwritten\n`);
      return EXIT_ERROR;
    }
  }
  const { report, exit } = await auditFiles(found, cmd);
  await write(renderMain(report));
  try {
    if (targets.html !== undefined) {
      const { renderReviewHtml } = await import('../report/review-html.js');
      await writeFileAtomic(targets.html, renderReviewHtml(report));
    }
    if (targets.md !== undefined) {
      const { renderReviewMarkdown } = await import('../report/review-markdown.js');
      await writeFileAtomic(targets.md, renderReviewMarkdown(report));
    }
  } catch (e) {
    if (!(e instanceof AtomicWriteError)) throw e;
    process.stderr.write(`wt-audit: ${e.message}\n`);
    return EXIT_ERROR;
  }
  return exit;
}
