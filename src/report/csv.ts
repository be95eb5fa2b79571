/**
 * CSV for the officer's spreadsheet: a row per document or pack (--pack-by dir) with its
 * organisation, profile, score and counts, then
 * a column per requirement holding its status. RFC 4180: CRLF line ends, a field quoted when it
 * holds a quote, comma, CR or LF, quotes doubled. Paths and names come from submitters, so a text
 * cell that a spreadsheet would read as a formula (starting with =, +, -, @, tab or CR) is
 * neutralised with a leading apostrophe. Waived requirements are listed with reason and approver in
 * the waivers column. A file that could not be audited is a row with its error.
 */
import type { AuditReport, DocumentResult, InputErrorReport, Status } from '../audit/result.js';
import type { Sink } from './pipelined-write.js';
import { repoPath } from './locate.js';
import { StreamingReporter, type ReportContext } from './reporter.js';

const COUNTS: Status[] = ['met', 'partial', 'gap', 'outdated', 'needs-review', 'waived', 'not-applicable'];

/** A text cell: neutralised if a spreadsheet would run it, then quoted if RFC 4180 needs it. */
export function csvText(s: string): string {
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function row(cells: Array<string | number>): string {
  return `${cells.map((c) => (typeof c === 'number' ? String(c) : csvText(c))).join(',')}\r\n`;
}

export class CsvReporter extends StreamingReporter {
  private ids: string[] = [];
  /** requirements the configuration switched off: their cells say so, not only not-applicable */
  private off = new Set<string>();

  constructor(
    write: Sink,
    private readonly ctx: ReportContext,
  ) {
    super(write);
  }

  protected head(report: AuditReport): string {
    this.ids = report.requirements.map((r) => r.id);
    this.off = new Set((report.catalogue.switchedOff ?? []).map((s) => s.id));
    return row(['document', 'organisation', 'profile', 'score', ...COUNTS, ...this.ids, 'waivers', 'error']);
  }

  protected body(doc: DocumentResult): string {
    const status = new Map(doc.results.map((r) => [r.id, r.status]));
    const waivers = doc.results.flatMap((r) =>
      r.waiver ? [`${r.id}: ${r.waiver.reason} (approved by ${r.waiver.approvedBy}${r.waiver.expires ? `, until ${r.waiver.expires}` : ''})`] : [],
    );
    return row([
      repoPath(doc.path, this.ctx.cwd, this.ctx.root),
      doc.organisation ?? '',
      doc.profile,
      doc.score,
      ...COUNTS.map((s) => doc.counts[s]),
      ...this.ids.map((id) => (this.off.has(id) && status.get(id) === 'not-applicable' ? 'not-applicable (switched off)' : (status.get(id) ?? ''))),
      waivers.join('; '),
      '',
    ]);
  }

  protected tail(errors: InputErrorReport[]): string {
    const blanks = new Array<string>(3 + COUNTS.length + this.ids.length + 1).fill('');
    return errors.map((e) => row([repoPath(e.path, this.ctx.cwd, this.ctx.root), ...blanks, `${e.line ? `line ${e.line}: ` : ''}${e.message}`])).join('');
  }
}
