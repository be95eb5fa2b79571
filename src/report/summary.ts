/**
 * A run summed up in a few numbers, gathered a document at a time in bounded memory: results per
 * status, policies audited and failing, and the few lowest-scoring policies. The Markdown summary
 * (markdown.ts) and the GitHub step summary are drawn from it.
 */
import { documentFails, type FailOn } from '../audit/exit-code.js';
import { emptyCounts, type AuditReport, type DocumentResult, type InputErrorReport, type Status } from '../audit/result.js';
import { byPath } from '../util/order.js';
// submitted paths and messages: no markup, no bare links, no @-mentions in a pull-request comment
import { escapeMarkdown as mdEscape } from './markdown-escape.js';
import { STATUS_ORDER, statusWords } from './status-words.js';

export interface Ranked {
  path: string;
  profile: string;
  score: number;
  counts: Record<Status, number>;
}

export class RunSummary {
  readonly counts = emptyCounts();
  documents = 0;
  failing = 0;
  /** lowest scores first (then by path), at most `keep` */
  readonly worst: Ranked[] = [];
  tool = '';
  catalogue = '';
  asOf = '';
  failOn: FailOn = 'must';
  /** a baseline was compared with: findings in it, and findings that are not */
  baseline = false;
  known = 0;
  fresh = 0;
  /** the first waived findings (at most `keep` × 2), for the reader to see who accepted what */
  readonly waived: Array<{ path: string; id: string; reason: string; approvedBy: string; expires?: string }> = [];

  constructor(private readonly keep = 10) {}

  start(report: AuditReport): void {
    this.tool = `${report.tool.name} ${report.tool.version}`;
    this.catalogue = `WT ${report.catalogue.edition} catalogue, ${report.catalogue.requirements} requirements`;
    this.asOf = report.asOf;
    this.failOn = report.failOn;
    this.baseline = report.baseline !== undefined;
  }

  add(doc: DocumentResult, path: string): void {
    this.documents++;
    if (documentFails(doc, this.failOn)) this.failing++;
    for (const s of Object.keys(this.counts) as Status[]) this.counts[s] += doc.counts[s];
    for (const r of doc.results) {
      if (r.known) this.known++;
      else if (r.status === 'gap' || r.status === 'partial' || r.status === 'outdated' || r.status === 'needs-review') this.fresh++;
      if (r.waiver && this.waived.length < this.keep * 2)
        this.waived.push({
          path,
          id: r.id,
          reason: r.waiver.reason,
          approvedBy: r.waiver.approvedBy,
          ...(r.waiver.expires ? { expires: r.waiver.expires } : {}),
        });
    }
    // a pack is shown as its organisation, where the manifest or its main policy names it
    const label = doc.pack && doc.organisation ? `${doc.organisation} (${path})` : path;
    const entry: Ranked = { path: label, profile: doc.profile, score: doc.score, counts: doc.counts };
    const at = this.worst.findIndex((w) => entry.score < w.score || (entry.score === w.score && byPath(entry.path, w.path) < 0));
    if (at === -1) {
      if (this.worst.length < this.keep) this.worst.push(entry);
    } else {
      this.worst.splice(at, 0, entry);
      if (this.worst.length > this.keep) this.worst.pop();
    }
  }
}

const ORDER: Array<[Status, string]> = STATUS_ORDER.map((s) => [s, statusWords(s)]);

const MAX_PROBLEMS = 20;

function problemLines(title: string, problems: InputErrorReport[]): string[] {
  if (problems.length === 0) return [];
  const shown = problems.slice(0, MAX_PROBLEMS).map((p) => `- ${mdEscape(`${p.path}${p.line ? `:${p.line}` : ''}: ${p.message}`)}`);
  const more = problems.length > MAX_PROBLEMS ? [`- … and ${problems.length - MAX_PROBLEMS} more`] : [];
  return ['', `### ${title} (${problems.length})`, '', ...shown, ...more];
}

/** The summary as Markdown for a pull-request comment or a CI step summary. */
export function renderSummaryMarkdown(s: RunSummary, errors: InputErrorReport[], warnings: InputErrorReport[]): string {
  const out = [`## wt-audit: ${s.documents} ${s.documents === 1 ? 'policy' : 'policies'} audited`, ''];
  out.push(`${mdEscape(s.tool)} · ${mdEscape(s.catalogue)} · as of ${s.asOf} · fail on: ${s.failOn}`, '');
  const verdict =
    s.failOn === 'none' ? 'nothing fails the run (--fail-on none)' : `**${s.failing}** of ${s.documents} with findings at or above --fail-on ${s.failOn}`;
  out.push(`Policies: ${verdict}${errors.length > 0 ? `; **${errors.length}** ${errors.length === 1 ? 'file' : 'files'} could not be audited` : ''}.`, '');
  if (s.baseline) out.push(`Against the baseline: **${s.fresh}** new ${s.fresh === 1 ? 'finding' : 'findings'}, ${s.known} known.`, '');
  out.push('| status | results |', '|---|---:|');
  for (const [key, word] of ORDER) out.push(`| ${word} | ${s.counts[key]} |`);
  if (s.worst.length > 0) {
    out.push('', `### Lowest scores`, '', '| policy | profile | score | gap | partial | outdated | needs review |', '|---|---|---:|---:|---:|---:|---:|');
    for (const w of s.worst)
      out.push(
        `| ${mdEscape(w.path)} | ${w.profile} | ${w.score}% | ${w.counts.gap} | ${w.counts.partial} | ${w.counts.outdated} | ${w.counts['needs-review']} |`,
      );
  }
  if (s.counts.waived > 0) {
    out.push('', `### Waived (${s.counts.waived})`, '', '| policy | requirement | reason | approved by | until |', '|---|---|---|---|---|');
    for (const w of s.waived) out.push(`| ${mdEscape(w.path)} | ${w.id} | ${mdEscape(w.reason)} | ${mdEscape(w.approvedBy)} | ${w.expires ?? ''} |`);
    if (s.counts.waived > s.waived.length) out.push('', `… and ${s.counts.waived - s.waived.length} more.`);
  }
  out.push(...problemLines('Errors', errors), ...problemLines('Warnings', warnings));
  return `${out.join('\n')}\n`;
}
