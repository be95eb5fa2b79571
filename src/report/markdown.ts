/**
 * A short Markdown summary for a pull-request comment: results per status, how many policies
 * fail, the lowest scores, and any errors. Gathered a document at a time (bounded memory) and
 * written at the end, since its totals come first.
 */
import type { AuditReport, DocumentResult, InputErrorReport } from '../audit/result.js';
import type { Sink } from './pipelined-write.js';
import { repoPath } from './locate.js';
import { StreamingReporter, type ReportContext } from './reporter.js';
import { renderSummaryMarkdown, RunSummary } from './summary.js';

export class MarkdownReporter extends StreamingReporter {
  private readonly summary = new RunSummary();

  constructor(
    write: Sink,
    private readonly ctx: ReportContext,
  ) {
    super(write);
  }

  protected head(report: AuditReport): string {
    this.summary.start(report);
    return '';
  }

  protected body(doc: DocumentResult): string {
    this.summary.add(doc, repoPath(doc.path, this.ctx.cwd, this.ctx.root));
    return '';
  }

  protected tail(errors: InputErrorReport[], warnings: InputErrorReport[]): string {
    return renderSummaryMarkdown(this.summary, errors, warnings);
  }
}
