/**
 * `outdated`: superseded structures and terms (LSCB, Serious Case Review, CCG …) used as if
 * current, and editions of guidance older than the current one. Talking about a term as history
 * ("the LSCB was replaced by …") is fine.
 */
import { isHistoric } from './negation.js';
import { evidenceFor, NONE, usable, type CheckOutcome, type MatchContext } from './outcome.js';

export function evaluateTerms(terms: Array<{ ids: number[]; replacement: string }>, ctx: MatchContext): CheckOutcome {
  const evidence = [];
  const notes: string[] = [];
  for (const term of terms) {
    const hit = ctx.index.hits(term.ids).find((h) => usable(h) && !isHistoric(ctx.index.texts[h.block]!.tokens, h.start));
    if (!hit) continue;
    const tt = ctx.index.texts[hit.block]!;
    const said = tt.text.slice(tt.tokens[hit.start]!.s, tt.tokens[hit.end - 1]!.e);
    evidence.push(evidenceFor(ctx.index, hit));
    notes.push(`"${said}" (now: ${term.replacement})`);
  }
  if (evidence.length === 0) return { state: 'ok', evidence: [], note: 'no superseded terms found' };
  return { state: 'stale', evidence, note: `uses superseded ${notes.length === 1 ? 'term' : 'terms'} ${notes.join('; ')}` };
}

/** How far from a name a year may stand and still be its edition ("Working Together to Safeguard Children (DfE, 2026)"). */
const YEAR_REACH = 6;

export interface EditionArgs {
  names: number[];
  current?: number;
  staleAfterYears?: number;
}

export function evaluateEdition(a: EditionArgs, ctx: MatchContext): CheckOutcome {
  let newest: { year: number; ev: ReturnType<typeof evidenceFor> } | undefined;
  let bare: ReturnType<typeof evidenceFor> | undefined;
  for (const hit of ctx.index.hits(a.names)) {
    if (!usable(hit)) continue;
    const tokens = ctx.index.texts[hit.block]!.tokens;
    const sent = tokens[hit.start]!.sent;
    let year: number | undefined;
    const from = Math.max(0, hit.start - YEAR_REACH);
    const to = Math.min(tokens.length, hit.end + YEAR_REACH);
    for (let i = from; i < to; i++) {
      const t = tokens[i]!;
      if (t.sent !== sent || !/^(19|20)\d\d$/.test(t.w)) continue;
      year = Math.max(year ?? 0, Number(t.w));
    }
    if (year === undefined) {
      bare ??= evidenceFor(ctx.index, hit);
      continue;
    }
    if (!newest || year > newest.year) newest = { year, ev: evidenceFor(ctx.index, hit) };
  }
  if (!newest) return bare ? (a.current !== undefined ? { state: 'weak', evidence: [bare], note: 'named without an edition year' } : { state: 'ok', evidence: [bare] }) : NONE;
  const asOfYear = Number(ctx.asOf.slice(0, 4));
  if (a.current !== undefined && newest.year < a.current) {
    return { state: 'stale', evidence: [newest.ev], note: `cites the ${newest.year} edition; the current edition is ${a.current}` };
  }
  if (a.staleAfterYears !== undefined && asOfYear - newest.year >= a.staleAfterYears) {
    return { state: 'stale', evidence: [newest.ev], note: `cites the ${newest.year} edition, ${asOfYear - newest.year} years before ${asOfYear}` };
  }
  return { state: 'ok', evidence: [newest.ev] };
}
