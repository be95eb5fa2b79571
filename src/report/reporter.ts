/**
 * What every reporter is: a sink for the audit's results (audit/run.ts ResultSink) that writes
 * one report through the function it is given: start() with the report's header, document() for
 * each document in report order, end() with the errors and warnings. Reporters are pure over the
 * result model: they format what the audit decided and never judge anything again.
 */
import type { ResultSink } from '../audit/run.js';
import type { AuditReport, DocumentResult, InputErrorReport } from '../audit/result.js';
import { PipelinedWrite, type Sink } from './pipelined-write.js';

export type Reporter = ResultSink;

/** What a reporter may know of the run besides the results; filled in by the CLI. */
export interface ReportContext {
  /** absolute folder the document paths are relative to (the working directory) */
  cwd: string;
  /** absolute repository root (the nearest folder with .git, else cwd): URIs in SARIF and annotations are relative to it */
  root: string;
  /** terminal: only findings */
  quiet: boolean;
  /** terminal: chalk colour level */
  color: 0 | 1 | 2 | 3;
  /** github: append Markdown to the CI job's step summary (set when $GITHUB_STEP_SUMMARY is) */
  appendStepSummary?: (markdown: string) => Promise<void>;
}

/**
 * A reporter that writes text a document at a time: the header when the run starts, each
 * document's part as it arrives, and the closing part once the run is over. One write is kept in
 * flight (PipelinedWrite), so formatting the next document overlaps writing this one.
 */
export abstract class StreamingReporter {
  readonly form = 'document';
  private readonly out: PipelinedWrite;
  private started = false;
  /** the run's --fail-on, known from start() on */
  protected failOn: AuditReport['failOn'] = 'must';
  private remediation = new Map<string, string>();

  constructor(write: Sink) {
    this.out = new PipelinedWrite(write);
  }

  protected abstract head(report: AuditReport): string;
  protected abstract body(doc: DocumentResult): string;
  protected abstract tail(errors: InputErrorReport[], warnings: InputErrorReport[]): string | Promise<string>;

  start(report: AuditReport): void {
    this.started = true;
    this.failOn = report.failOn;
    this.remediation = new Map(report.requirements.map((r) => [r.id, r.remediation]));
    const text = this.head(report);
    // not awaited: a failure is thrown by the next call
    if (text !== '') this.out.send(text).catch(() => undefined);
  }

  /** What to write for a requirement, from the report's requirements. */
  protected remediationOf(id: string): string | undefined {
    return this.remediation.get(id);
  }

  async document(doc: DocumentResult): Promise<void> {
    if (!this.started) throw new Error(`${this.constructor.name}: start() first`);
    const text = this.body(doc);
    if (text !== '') await this.out.send(text);
  }

  async end(errors: InputErrorReport[], warnings: InputErrorReport[]): Promise<void> {
    if (!this.started) throw new Error(`${this.constructor.name}: start() first`);
    await this.out.send(await this.tail(errors, warnings));
    await this.out.settle();
  }
}
