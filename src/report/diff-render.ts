/**
 * A policy diff (diff.ts) for people and programs: terminal text, Markdown, or JSON (the shape of
 * PolicyDiff, keys in a fixed order; documented in docs/diff.md). The same diff gives the same bytes.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { Status } from '../audit/result.js';
import type { DiffEntry, DiffQuote, PolicyDiff, SideSummary } from './diff.js';
import { escapeMarkdown as md, markdownCode } from './markdown-escape.js';
import { STATUS_LABEL, STATUS_SYMBOL, statusWords } from './status-words.js';
import { wrap } from './wrap.js';

export const DIFF_FORMATS = ['terminal', 'md', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

function word(s: Status | null): string {
  return s === null ? 'not in catalogue' : statusWords(s);
}

/** The groups in the order they are shown, with their headings. */
function groups(d: PolicyDiff): Array<[string, DiffEntry[], string]> {
  return [
    ['Regressions', d.regressions, 'became a finding, or a finding got worse'],
    ['Improvements', d.improvements, 'a finding became met, or got better'],
    ['Status changed', d.statusChanged, 'another change of status'],
    ['Evidence changed', d.evidenceChanged, 'same status, different quoted text'],
    ['New in the catalogue', d.newInCatalogue, 'requirements the old audit did not check'],
    ['No longer in the catalogue', d.removedFromCatalogue, 'requirements the new audit did not check'],
  ];
}

function sideLine(s: SideSummary): string {
  return `${s.source}${s.kind === 'report' ? ` (saved report of ${s.path})` : ''}: ${s.profile}, score ${s.score}%, sha256 ${s.sha256.slice(0, 12)}…, catalogue ${s.catalogue.edition}, as of ${s.asOf}`;
}

/** Notes a reader needs before trusting the comparison. */
function caveats(d: PolicyDiff): string[] {
  const out: string[] = [];
  if (d.old.profile !== d.new.profile)
    out.push(`The two were judged as different kinds of organisation (${d.old.profile}, ${d.new.profile}): some changes come from that.`);
  if (d.old.catalogue.sha256 !== d.new.catalogue.sha256)
    out.push('The two were audited with different catalogues: some changes come from the catalogue, not the policy.');
  if (d.old.asOf !== d.new.asOf) out.push(`The two were judged as at different dates (${d.old.asOf}, ${d.new.asOf}): review dates may have become past.`);
  if (d.old.sha256 !== '' && d.old.sha256 === d.new.sha256) out.push('The two files are identical (same sha256).');
  return out;
}

function verdict(d: PolicyDiff): string {
  const must = d.regressions.filter((r) => r.strength === 'must').length;
  const counts = `${d.regressions.length} regression${d.regressions.length === 1 ? '' : 's'} (${must} must), ${d.improvements.length} improvement${d.improvements.length === 1 ? '' : 's'}, ${d.statusChanged.length} other status change${d.statusChanged.length === 1 ? '' : 's'}, ${d.evidenceChanged.length} with changed evidence, ${d.newInCatalogue.length} new in the catalogue`;
  const outcome =
    d.failOn === 'none'
      ? 'never fails (--fail-on none)'
      : d.failing
        ? `fails: a regression at or above --fail-on ${d.failOn}`
        : `passes: no regression at or above --fail-on ${d.failOn}`;
  return `${counts}. Score ${d.old.score}% → ${d.new.score}%. ${outcome[0]!.toUpperCase()}${outcome.slice(1)}.`;
}

// ---------------------------------------------------------------------------------------------

function quoteLines(label: string, q: DiffQuote[], width: number, c: ChalkInstance): string[] {
  if (q.length === 0) return [c.dim(wrap(`${label}: no evidence`, width, '          ', '        '))];
  return q.map((e) => wrap(`${label}: line ${e.line} “${e.excerpt}”`, width, '          ', '        '));
}

export function renderDiffTerminal(d: PolicyDiff, opts: { color?: 0 | 1 | 2 | 3; width?: number } = {}): string {
  const c = new Chalk({ level: opts.color ?? 0 });
  const width = opts.width ?? 80;
  const out = [c.bold('wt-audit diff'), wrap(`old: ${sideLine(d.old)}`, width, '       ', '  '), wrap(`new: ${sideLine(d.new)}`, width, '       ', '  ')];
  for (const n of caveats(d)) out.push(c.yellow(wrap(`Note: ${n}`, width, '    ', '  ')));
  for (const [title, entries, what] of groups(d)) {
    if (entries.length === 0 && title !== 'Regressions' && title !== 'Improvements') continue;
    out.push('', c.bold(`${title} (${entries.length})`) + c.dim(` ${what}`));
    if (entries.length === 0) out.push(c.dim('  none'));
    for (const e of entries) {
      const to = e.to ?? e.from!;
      const paint = title === 'Regressions' ? c.red : title === 'Improvements' ? c.green : (s: string) => s;
      const change = e.from === null || e.to === null ? word(e.to ?? e.from) : e.from === e.to ? word(e.to) : `${word(e.from)} → ${word(e.to)}`;
      out.push(`  ${paint(STATUS_SYMBOL[to])} ${c.bold(e.id)} ${paint(change)} · ${e.strength === 'must' ? c.bold('must') : 'should'}`);
      out.push(wrap(e.title, width, '      '));
      if (title === 'Evidence changed' || title === 'Regressions') {
        out.push(...quoteLines('was', e.evidenceFrom, width, c), ...quoteLines('now', e.evidenceTo, width, c));
      }
    }
  }
  out.push('', c.bold(wrap(verdict(d), width, '')));
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------

function mdQuotes(q: DiffQuote[]): string {
  return q.length === 0 ? '*none*' : q.map((e) => `line ${e.line}: “${md(e.excerpt)}”`).join('<br>');
}

export function renderDiffMarkdown(d: PolicyDiff): string {
  const out = ['# Policy diff', '', `- **Old:** ${md(sideLine(d.old))}`, `- **New:** ${md(sideLine(d.new))}`];
  for (const n of caveats(d)) out.push(`- **Note:** ${md(n)}`);
  out.push('', `**${md(verdict(d))}**`);
  for (const [title, entries, what] of groups(d)) {
    if (entries.length === 0 && title !== 'Regressions' && title !== 'Improvements') continue;
    out.push('', `## ${title} (${entries.length})`, '', `${what[0]!.toUpperCase()}${what.slice(1)}.`, '');
    if (entries.length === 0) {
      out.push('None.');
      continue;
    }
    const withQuotes = title === 'Evidence changed' || title === 'Regressions';
    const head = ['Requirement', 'Strength', 'Was', 'Now', ...(withQuotes ? ['Evidence was', 'Evidence now'] : [])];
    out.push(`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`);
    for (const e of entries) {
      const cells = [
        `${md(e.title)} (${markdownCode(e.id)})`,
        e.strength,
        e.from === null ? '–' : `${STATUS_SYMBOL[e.from]} ${STATUS_LABEL[e.from]}`,
        e.to === null ? '–' : `${STATUS_SYMBOL[e.to]} ${STATUS_LABEL[e.to]}`,
        ...(withQuotes ? [mdQuotes(e.evidenceFrom), mdQuotes(e.evidenceTo)] : []),
      ];
      out.push(`| ${cells.join(' | ')} |`);
    }
  }
  return `${out.join('\n')}\n`;
}

export function renderDiffJson(d: PolicyDiff): string {
  return `${JSON.stringify(d, null, 2)}\n`;
}

export function renderDiff(d: PolicyDiff, format: DiffFormat, opts: { color?: 0 | 1 | 2 | 3 } = {}): string {
  switch (format) {
    case 'terminal':
      return renderDiffTerminal(d, opts);
    case 'md':
      return renderDiffMarkdown(d);
    case 'json':
      return renderDiffJson(d);
  }
}
