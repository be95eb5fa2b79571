/** The JSON report: the result model as is, keys in a fixed order, so the same input gives the same bytes. */
import type { AuditReport, InputErrorReport } from '../audit/result.js';
import { PipelinedWrite, type Sink } from './pipelined-write.js';

export function renderJson(report: AuditReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Stands in for the documents while the frame of the report is laid out. */
const SLOT = '\u0001wt-audit documents\u0001';
const SLOT_JSON = JSON.stringify(SLOT);
/** What JSON.stringify(…, null, 2) puts between `"documents": ` and the first document. */
const OPEN = '[\n    ';
const CLOSE = '\n  ]';
/** …and between two documents, after the comma. */
const NEXT = '\n    ';

/** The report's text before and after its documents, from JSON.stringify itself. */
function frame(report: AuditReport, errors: InputErrorReport[], warnings: InputErrorReport[]): { head: string; tail: string } {
  const text = JSON.stringify({ ...report, documents: [SLOT], errors, warnings }, null, 2);
  const at = text.indexOf(SLOT_JSON);
  const head = text.slice(0, at);
  const tail = text.slice(at + SLOT_JSON.length);
  if (!head.endsWith(OPEN) || !tail.startsWith(CLOSE)) throw new Error('unexpected JSON layout');
  return { head: head.slice(0, -OPEN.length), tail: tail.slice(CLOSE.length) };
}

/**
 * Writes the same bytes as renderJson(report), a document at a time, so a run over many files
 * never holds more than a few documents: start() with the report's header (documents empty), then
 * each document's documentJson() in report order, then end() with the errors and warnings. One
 * write is kept in flight (PipelinedWrite); a failed write is thrown by the next call.
 */
export class JsonReportWriter {
  /** what it takes from the audit: each document already rendered by documentJson() */
  readonly form = 'json';
  private header: AuditReport | undefined;
  private count = 0;
  private readonly out: PipelinedWrite;

  constructor(write: Sink) {
    this.out = new PipelinedWrite(write);
  }

  start(report: AuditReport): void {
    this.header = { ...report, documents: [], errors: [], warnings: [] };
  }

  /** A document as documentJson() renders it, as text or as its UTF-8 bytes. */
  async document(json: string | Uint8Array): Promise<void> {
    if (!this.header) throw new Error('JsonReportWriter: start() first');
    const before = this.count === 0 ? frame(this.header, [], []).head + OPEN : `,${NEXT}`;
    this.count++;
    await (typeof json === 'string' ? this.out.send(before + json) : this.out.send(before, json));
  }

  async end(errors: InputErrorReport[], warnings: InputErrorReport[]): Promise<void> {
    if (!this.header) throw new Error('JsonReportWriter: start() first');
    const { head, tail } = frame(this.header, errors, warnings);
    await this.out.send(this.count === 0 ? `${head}[]${tail}\n` : `${CLOSE}${tail}\n`);
    await this.out.settle();
  }
}
