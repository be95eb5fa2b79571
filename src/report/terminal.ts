/**
 * The default report: what a safeguarding lead reads in a terminal. Per document: a header, what
 * is new or strengthened in 2026 first, then every applicable requirement by chapter with its
 * evidence or where the missing text belongs, the reference and what to write. Fits 80 columns.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { AuditReport, DocumentResult, InputErrorReport, RequirementInfo, RequirementResult, Status } from '../audit/result.js';
import { PipelinedWrite, type Sink } from './pipelined-write.js';
import { CHAPTERS } from './chapters.js';
import { wrap } from './wrap.js';

export interface TerminalOptions {
  /** show only findings (gap, partial, outdated, needs review) */
  quiet?: boolean;
  /** colour level: 0 none … 3 truecolor */
  color?: 0 | 1 | 2 | 3;
  width?: number;
}

const SYMBOL: Record<Status, string> = {
  met: '✓',
  partial: '◐',
  gap: '✗',
  outdated: '↻',
  'not-applicable': '–',
  waived: '~',
  'needs-review': '?',
};

const PROFILE_SOURCE: Record<string, string> = {
  cli: 'from --profile',
  'front-matter': 'from front matter',
  yaml: 'from the policy file',
  default: 'assumed: no type given',
  manifest: "from the pack's manifest",
};

function paint(c: ChalkInstance, status: Status): (s: string) => string {
  switch (status) {
    case 'met':
      return c.green;
    case 'partial':
      return c.yellow;
    case 'gap':
      return c.red;
    case 'outdated':
      return c.magenta;
    case 'needs-review':
      return c.cyan;
    default:
      return c.gray;
  }
}

const isFinding = (r: RequirementResult) => r.status === 'gap' || r.status === 'partial' || r.status === 'outdated' || r.status === 'needs-review';

function statusWord(status: Status): string {
  return status === 'needs-review' ? 'needs review' : status === 'not-applicable' ? 'n/a' : status;
}

/** The report's catalogue side, by requirement id. */
type Catalogue = ReadonlyMap<string, RequirementInfo>;

function renderResult(r: RequirementResult, doc: DocumentResult, catalogue: Catalogue, c: ChalkInstance, width: number): string {
  const p = paint(c, r.status);
  const tag = r.strength === 'must' ? c.bold('must') : 'should';
  const head = `  ${p(SYMBOL[r.status])} ${c.bold(r.id)} ${p(statusWord(r.status))} · ${tag}${r.known ? ' · known (in the baseline)' : ''}`;
  const out = [head, wrap(r.title, width, '      ')];
  for (const e of r.evidence) {
    // a Word or PDF place, with the heading it sits under (the whole trail is in the JSON report)
    // in a pack, the document the quote is from
    const path = e.document ?? doc.path;
    const at = e.where ? `${path} ${e.where}${e.section ? `, ${e.section.split(' › ').at(-1)}` : ''}` : `${path}:${e.line}`;
    out.push(wrap(`${at}  “${e.excerpt}”`, width, '        ', c.dim('      ↳ ')));
  }
  // met with nothing to quote (met by absence): say what was looked for and not found
  if (r.status === 'met' && r.evidence.length === 0 && r.message) out.push(wrap(r.message, width, '        ', '      · '));
  if (r.status === 'waived') {
    // the reviewer accepted it: say who and why, not how to fix it
    out.push(wrap(r.message, width, '        ', '      · '));
  } else if (r.status !== 'met') {
    if (r.message && r.message !== 'not found in the policy') out.push(wrap(r.message, width, '        ', '      · '));
    if (r.anchor) {
      const path = r.anchor.document ?? doc.path;
      const where =
        r.anchor.kind === 'heading'
          ? `under “${r.anchor.heading}” (${r.anchor.where ? `${path} ${r.anchor.where}` : `${path}:${r.anchor.line}`})`
          : `at the start of the policy (${r.anchor.where ? path : `${path}:1`})${r.status === 'gap' ? ': it has no section for this yet' : ''}`;
      out.push(wrap(`${r.status === 'gap' ? 'Add it' : 'Strengthen it'} ${where}`, width, '        ', '      · '));
    }
    const remediation = catalogue.get(r.id)?.remediation;
    if (remediation) out.push(wrap(`Fix: ${remediation}`, width, '        ', '      · '));
  }
  out.push(c.dim(wrap(`Ref: ${r.reference}`, width, '        ', '      · ')));
  return out.join('\n');
}

function countsLine(d: DocumentResult, c: ChalkInstance): string {
  const parts: string[] = [];
  const order: Status[] = ['met', 'partial', 'gap', 'outdated', 'needs-review', 'waived', 'not-applicable'];
  for (const s of order) if (d.counts[s] > 0) parts.push(paint(c, s)(`${d.counts[s]} ${statusWord(s)}`));
  return parts.join(' · ');
}

function renderDocument(d: DocumentResult, catalogue: Catalogue, c: ChalkInstance, opts: TerminalOptions, width: number, off: ReadonlySet<string>): string {
  const out: string[] = [];
  out.push(c.bold.underline(d.pack && d.organisation ? `${d.organisation} (${d.path})` : d.path));
  if (d.pack) {
    // a pack is one organisation: say which documents it was judged from
    const submitted = d.pack.submitted ? `, submitted ${d.pack.submitted}` : '';
    out.push(`  Pack of ${d.pack.documents.length} ${d.pack.documents.length === 1 ? 'document' : 'documents'}${submitted}:`);
    for (const m of d.pack.documents) out.push(wrap(`${m.path}${m.title ? ` (${m.title})` : ''}`, width, '      ', '    - '));
  }
  out.push(`  Profile: ${d.profile} (${PROFILE_SOURCE[d.profileSource]}) · Score: ${c.bold(`${d.score}%`)}`);
  if (d.profileSource === 'default')
    out.push(
      wrap(
        'Note: no organisation type was given, so the vcse (voluntary and community) requirements were applied. Set `type:` in the policy or pass --profile.',
        width,
        '    ',
        '  ',
      ),
    );
  out.push(`  ${countsLine(d, c)}`);
  const applicable = d.results.filter((r) => r.status !== 'not-applicable');
  const shown = (r: RequirementResult) => !opts.quiet || isFinding(r);

  // a heading with nothing under it (--quiet and none of these a finding) is not printed
  const recent = applicable.filter((r) => (r.change === 'new-2026' || r.change === 'strengthened-2026') && shown(r));
  if (recent.length > 0) {
    out.push('', c.bold('  New or strengthened in 2026'));
    for (const r of recent) {
      const p = paint(c, r.status);
      out.push(`  ${p(SYMBOL[r.status])} ${r.id.padEnd(34)} ${p(statusWord(r.status))}`);
    }
  }
  for (const [key, name] of CHAPTERS) {
    const rs = applicable.filter((r) => r.chapter === key && shown(r));
    if (rs.length === 0) continue;
    out.push('', c.bold(`  ${name}`));
    for (const r of rs) out.push(renderResult(r, d, catalogue, c, width));
  }
  // switched-off requirements are not applicable too, but for the reason the header gives
  const switchedOff = d.results.filter((r) => r.status === 'not-applicable' && off.has(r.id)).length;
  const notForProfile = d.counts['not-applicable'] - switchedOff;
  if (notForProfile > 0 && !opts.quiet) {
    out.push(
      '',
      c.dim(wrap(`${notForProfile} requirements do not apply to the ${d.profile} profile (see: wt-audit list --profile ${d.profile}).`, width, '  ')),
    );
  }
  if (switchedOff > 0 && !opts.quiet) out.push(c.dim(wrap(`${switchedOff} switched off by the configuration (listed at the top).`, width, '  ')));
  return out.join('\n');
}

/** What the report's parts share: colours, width, options, and the catalogue by id. */
interface Style {
  c: ChalkInstance;
  width: number;
  opts: TerminalOptions;
  catalogue: Catalogue;
  /** ids of the requirements the configuration switched off */
  off: ReadonlySet<string>;
}

function styleFor(report: AuditReport, opts: TerminalOptions): Style {
  return {
    c: new Chalk({ level: opts.color ?? 0 }),
    width: opts.width ?? 80,
    opts,
    catalogue: new Map(report.requirements.map((r) => [r.id, r])),
    off: new Set((report.catalogue.switchedOff ?? []).map((s) => s.id)),
  };
}

function headerText(report: AuditReport, st: Style): string {
  const cat = report.catalogue;
  const lines = [
    wrap(`${report.tool.name} ${report.tool.version} · WT ${cat.edition} catalogue, ${cat.requirements} requirements · as of ${report.asOf}`, st.width, ''),
  ];
  // the configuration changed the catalogue: say so once, above every document
  if (cat.local) lines.push(wrap(`Local requirements from ${cat.local.join(', ')}`, st.width, '  '));
  for (const s of cat.switchedOff ?? []) lines.push(wrap(`Switched off: ${s.id}, by ${s.source}: ${s.reason}`, st.width, '  '));
  return st.c.dim(lines.join('\n'));
}

/** Totals over the documents so far, for the summary line. */
interface Totals {
  documents: number;
  /** of which packs (--pack-by dir) */
  packs: number;
  met: number;
  partial: number;
  gap: number;
  outdated: number;
  review: number;
}

function addTo(t: Totals, d: DocumentResult): void {
  t.documents++;
  if (d.pack) t.packs++;
  t.met += d.counts.met;
  t.partial += d.counts.partial;
  t.gap += d.counts.gap;
  t.outdated += d.counts.outdated;
  t.review += d.counts['needs-review'];
}

/** Warnings, errors and the summary line: the lines after the last document. */
function footerLines(t: Totals, errors: InputErrorReport[], warnings: InputErrorReport[], st: Style): string[] {
  const { c, width } = st;
  const out: string[] = [];
  if (warnings.length > 0) {
    out.push('', c.yellow.bold('Warnings'));
    for (const w of warnings) out.push(wrap(`${place(w)} ${w.message}`, width, '    ', '  '));
  }
  if (errors.length > 0) {
    out.push('', c.red.bold('Errors'));
    for (const e of errors) out.push(wrap(`${place(e)} ${e.message}`, width, '    ', '  '));
  }
  const docs =
    t.packs > 0 && t.packs === t.documents
      ? `${t.packs} ${t.packs === 1 ? 'pack' : 'packs'} audited`
      : `${t.documents} ${t.documents === 1 ? 'policy' : 'policies'} audited`;
  const errs = errors.length > 0 ? c.red(` · ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}`) : '';
  out.push('', c.bold(`Summary: ${docs}: ${t.met} met, ${t.partial} partial, ${t.gap} gap, ${t.outdated} outdated, ${t.review} needs review`) + errs);
  return out;
}

function newTotals(): Totals {
  return { documents: 0, packs: 0, met: 0, partial: 0, gap: 0, outdated: 0, review: 0 };
}

/** The whole terminal report as one string (the same bytes TerminalReportWriter writes). */
export function renderTerminal(report: AuditReport, opts: TerminalOptions = {}): string {
  const st = styleFor(report, opts);
  const totals = newTotals();
  const out = [headerText(report, st)];
  for (const d of report.documents) {
    addTo(totals, d);
    out.push('', renderDocument(d, st.catalogue, st.c, opts, st.width, st.off));
  }
  out.push(...footerLines(totals, report.errors, report.warnings, st));
  return `${out.join('\n')}\n`;
}

/**
 * Writes the terminal report a document at a time, so a run over many files holds only the
 * documents in flight: start() with the report's header, document() for each in report order,
 * end() with the errors and warnings. Same bytes as renderTerminal() of the whole report.
 */
export class TerminalReportWriter {
  /** what it takes from the audit: each document as a result object */
  readonly form = 'document';
  private style: Style | undefined;
  private readonly totals = newTotals();
  private readonly out: PipelinedWrite;

  constructor(
    write: Sink,
    private readonly opts: TerminalOptions = {},
  ) {
    this.out = new PipelinedWrite(write);
  }

  start(report: AuditReport): void {
    this.style = styleFor(report, this.opts);
    // not awaited: a failure is thrown by the next call
    this.out.send(headerText(report, this.style)).catch(() => undefined);
  }

  async document(d: DocumentResult): Promise<void> {
    const st = this.started();
    addTo(this.totals, d);
    await this.out.send(`\n\n${renderDocument(d, st.catalogue, st.c, this.opts, st.width, st.off)}`);
  }

  async end(errors: InputErrorReport[], warnings: InputErrorReport[]): Promise<void> {
    const st = this.started();
    await this.out.send(
      `${footerLines(this.totals, errors, warnings, st)
        .map((l) => `\n${l}`)
        .join('')}\n`,
    );
    await this.out.settle();
  }

  private started(): Style {
    if (!this.style) throw new Error('TerminalReportWriter: start() first');
    return this.style;
  }
}

function place(e: { path: string; line?: number; column?: number }): string {
  return `${e.path}${e.line ? `:${e.line}` : ''}${e.line && e.column ? `:${e.column}` : ''}:`;
}
