/**
 * The default report: what a safeguarding lead reads in a terminal. Per document: a header, what
 * is new or strengthened in 2026 first, then every applicable requirement by chapter with its
 * evidence or where the missing text belongs, the reference and what to write. Fits 80 columns.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { AuditReport, DocumentResult, RequirementInfo, RequirementResult, Status } from '../audit/result.js';
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
  const head = `  ${p(SYMBOL[r.status])} ${c.bold(r.id)} ${p(statusWord(r.status))} · ${tag}`;
  const out = [head, wrap(r.title, width, '      ')];
  for (const e of r.evidence) {
    out.push(wrap(`${doc.path}:${e.line}  “${e.excerpt}”`, width, '        ', c.dim('      ↳ ')));
  }
  if (r.status !== 'met') {
    if (r.message && r.message !== 'not found in the policy') out.push(wrap(r.message, width, '        ', '      · '));
    if (r.anchor) {
      const where =
        r.anchor.kind === 'heading'
          ? `under “${r.anchor.heading}” (${doc.path}:${r.anchor.line})`
          : `at the start of the policy (${doc.path}:1)${r.status === 'gap' ? ': it has no section for this yet' : ''}`;
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

function renderDocument(d: DocumentResult, catalogue: Catalogue, c: ChalkInstance, opts: TerminalOptions, width: number): string {
  const out: string[] = [];
  out.push(c.bold.underline(d.path));
  out.push(`  Profile: ${d.profile} (${PROFILE_SOURCE[d.profileSource]}) · Score: ${c.bold(`${d.score}%`)}`);
  if (d.profileSource === 'default') out.push(wrap('Note: no organisation type was given, so the vcse (voluntary and community) requirements were applied. Set `type:` in the policy or pass --profile.', width, '    ', '  '));
  out.push(`  ${countsLine(d, c)}`);
  const applicable = d.results.filter((r) => r.status !== 'not-applicable');
  const shown = (r: RequirementResult) => !opts.quiet || isFinding(r);

  const recent = applicable.filter((r) => r.change === 'new-2026' || r.change === 'strengthened-2026');
  if (recent.length > 0) {
    out.push('', c.bold('  New or strengthened in 2026'));
    for (const r of recent) {
      if (!shown(r)) continue;
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
  if (d.counts['not-applicable'] > 0 && !opts.quiet) {
    out.push('', c.dim(wrap(`${d.counts['not-applicable']} requirements do not apply to the ${d.profile} profile (see: wt-audit list --profile ${d.profile}).`, width, '  ')));
  }
  return out.join('\n');
}

export function renderTerminal(report: AuditReport, opts: TerminalOptions = {}): string {
  const c = new Chalk({ level: opts.color ?? 0 });
  const width = opts.width ?? 80;
  const out: string[] = [];
  out.push(c.dim(wrap(`${report.tool.name} ${report.tool.version} · WT ${report.catalogue.edition} catalogue, ${report.catalogue.requirements} requirements · as of ${report.asOf}`, width, '')));
  const catalogue: Catalogue = new Map(report.requirements.map((r) => [r.id, r]));
  for (const d of report.documents) out.push('', renderDocument(d, catalogue, c, opts, width));
  if (report.warnings.length > 0) {
    out.push('', c.yellow.bold('Warnings'));
    for (const w of report.warnings) out.push(wrap(`${place(w)} ${w.message}`, width, '    ', '  '));
  }
  if (report.errors.length > 0) {
    out.push('', c.red.bold('Errors'));
    for (const e of report.errors) out.push(wrap(`${place(e)} ${e.message}`, width, '    ', '  '));
  }
  out.push('', summaryLine(report, c));
  return `${out.join('\n')}\n`;
}

function place(e: { path: string; line?: number; column?: number }): string {
  return `${e.path}${e.line ? `:${e.line}` : ''}${e.line && e.column ? `:${e.column}` : ''}:`;
}

function summaryLine(report: AuditReport, c: ChalkInstance): string {
  const total = { met: 0, partial: 0, gap: 0, outdated: 0, review: 0 };
  for (const d of report.documents) {
    total.met += d.counts.met;
    total.partial += d.counts.partial;
    total.gap += d.counts.gap;
    total.outdated += d.counts.outdated;
    total.review += d.counts['needs-review'];
  }
  const docs = `${report.documents.length} ${report.documents.length === 1 ? 'policy' : 'policies'} audited`;
  const errs = report.errors.length > 0 ? c.red(` · ${report.errors.length} ${report.errors.length === 1 ? 'error' : 'errors'}`) : '';
  return c.bold(`Summary: ${docs}: ${total.met} met, ${total.partial} partial, ${total.gap} gap, ${total.outdated} outdated, ${total.review} needs review`) + errs;
}
