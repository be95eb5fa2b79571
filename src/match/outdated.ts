/**
 * `outdated`: superseded structures and terms (LSCB, Serious Case Review, CCG …) used as if
 * current, and editions of guidance older than the one in force on the as-of date. Talking about a term as history
 * ("the LSCB was replaced by …") is fine.
 */
import { formatInForce, inForceOn, oneYearAfter, type Instrument } from './editions.js';
import { isHistoric } from './negation.js';
import { evidenceFor, NONE, usable, type CheckOutcome, type MatchContext } from './outcome.js';
import { lineLabel } from '../document/place.js';

export function evaluateTerms(terms: Array<{ ids: number[]; replacement: string; name: string }>, ctx: MatchContext, except?: number[]): CheckOutcome {
  // a current structure whose name contains an old one ("Regional Safeguarding Children Board" in Wales)
  const fences = except && except.length > 0 ? ctx.index.hits(except) : [];
  const fenced = (h: { block: number; start: number; end: number }) => fences.some((f) => f.block === h.block && f.start < h.end && h.start < f.end);
  const evidence = [];
  const notes: string[] = [];
  for (const term of terms) {
    const hit = ctx.index.hits(term.ids).find((h) => usable(h) && !fenced(h) && !isHistoric(ctx.index.texts[h.block]!.tokens, h.start));
    if (!hit) continue;
    const tt = ctx.index.texts[hit.block]!;
    const said = tt.text.slice(tt.tokens[hit.start]!.s, tt.tokens[hit.end - 1]!.e);
    evidence.push(evidenceFor(ctx.index, hit));
    notes.push(`"${said}" (now: ${term.replacement})`);
  }
  // met by absence: say what was looked for, since there is no evidence to quote
  if (evidence.length === 0) return { state: 'ok', evidence: [], note: `looked for ${terms.map((t) => t.name).join(', ')}: none found` };
  return { state: 'stale', evidence, note: `uses superseded ${notes.length === 1 ? 'term' : 'terms'} ${notes.join('; ')}` };
}

/** How far from a name a year may stand and still be its edition ("Working Together to Safeguard Children (DfE, 2026)"). */
const YEAR_REACH = 6;

const LIST_WORDS = new Set(['and', 'or', 'nor']);

function listedBetween(tokens: readonly { w: string }[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (LIST_WORDS.has(tokens[i]!.w)) return true;
  return false;
}

export interface EditionArgs {
  names: number[];
  instrument: Instrument;
  /** the instrument named without a year: ok (met), weak (partial) or none (gap) */
  noYear: 'ok' | 'weak' | 'none';
}

/**
 * A year as written, or with a footnote number glued on by PDF text extraction ("20262" is 2026
 * with footnote 2, as PDF text extraction glues footnote numbers to words).
 */
function editionYear(word: string): number | undefined {
  const m = /^((?:19|20)\d\d)(\d{1,2})?$/.exec(word);
  return m ? Number(m[1]) : undefined;
}

/**
 * The newest edition a policy names, judged against the edition in force on the as-of date
 * (checks/editions.yaml): older → stale; the one in force (or a later one) → ok, unless the
 * as-of date is more than a year past the newest edition the catalogue knows, when a newer one
 * may exist that it does not know → review.
 */
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
      const y = t.sent === sent ? editionYear(t.w) : undefined;
      // "the Children Act 2004 and Working Together …": an Act's year is the Act's
      if (y === undefined || tokens[i - 1]?.w === 'act') continue;
      // "the National Minimum Standards (2011) and Working Together": a year before the name with
      // "and" or "or" between belongs to the item before it in the list
      if (i < hit.start && listedBetween(tokens, i + 1, hit.start)) continue;
      year = Math.max(year ?? 0, y);
    }
    if (year === undefined) {
      bare ??= evidenceFor(ctx.index, hit);
      continue;
    }
    if (!newest || year > newest.year) newest = { year, ev: evidenceFor(ctx.index, hit) };
  }
  const inst = a.instrument;
  if (!newest) {
    if (!bare) return NONE;
    if (a.noYear === 'ok') return { state: 'ok', evidence: [bare] };
    // a gap quotes nothing, but says what it found: the name without its edition
    return {
      state: a.noYear,
      evidence: a.noYear === 'weak' ? [bare] : [],
      note: `${inst.short} named without an edition year (${lineLabel(ctx.index.doc, bare.line)})`,
    };
  }
  const inForce = inForceOn(inst, ctx.asOf);
  const since = inForce ? `${inst.short} ${inForce.edition} has been in force since ${formatInForce(inForce.inForce)}` : '';
  if (inForce && newest.year < inForce.edition) {
    return { state: 'stale', evidence: [newest.ev], note: `cites the ${newest.year} edition; ${since}` };
  }
  const latest = inst.editions[inst.editions.length - 1]!;
  if (ctx.asOf > oneYearAfter(latest.inForce) && newest.year <= latest.edition) {
    return {
      state: 'review',
      evidence: [newest.ev],
      note: `cites ${inst.short} ${newest.year}, the newest edition this catalogue knows (in force since ${formatInForce(latest.inForce)}); ${ctx.asOf} is more than a year later, so a newer edition may be in force: check`,
    };
  }
  return { state: 'ok', evidence: [newest.ev], ...(since ? { note: `cites the edition in force: ${since}` } : {}) };
}
