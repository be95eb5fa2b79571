/**
 * The review renderers as a result sink (audit/run.ts ResultSink), for a reporter registry: it
 * keeps the documents as they arrive and writes the whole review once the run ends, since a review
 * is one document read top to bottom (its cover and contents come first). A registry entry makes
 * one with the write function and the format, 'html' or 'md', loading this module lazily.
 */
import type { AuditReport, DocumentResult, InputErrorReport } from '../audit/result.js';
import type { Sink } from './pipelined-write.js';
import { renderReviewHtml } from './review-html.js';
import { renderReviewMarkdown } from './review-markdown.js';
import type { ReviewOptions } from './review-model.js';

export type ReviewFormat = 'html' | 'md';

export class ReviewReporter {
  /** what it takes from the audit: each document as a result object */
  readonly form = 'document';
  private report: AuditReport | undefined;
  private readonly documents: DocumentResult[] = [];

  constructor(
    private readonly write: Sink,
    private readonly format: ReviewFormat,
    private readonly opts: ReviewOptions = {},
  ) {}

  start(report: AuditReport): void {
    this.report = report;
  }

  document(doc: DocumentResult): Promise<void> {
    this.documents.push(doc);
    return Promise.resolve();
  }

  async end(errors: InputErrorReport[], warnings: InputErrorReport[]): Promise<void> {
    if (!this.report) throw new Error('ReviewReporter: start() first');
    const whole = { ...this.report, documents: this.documents, errors, warnings };
    await this.write(this.format === 'html' ? renderReviewHtml(whole, this.opts) : renderReviewMarkdown(whole, this.opts));
  }
}
