/**
 * `mentions` and `near`: phrase groups that must all be found within one sentence, paragraph
 * (a block, or a list item or table row with its lead-in: DocIndex.paragraphUnits), section or
 * the whole document. `mentions` is `near` with a single group.
 */
import type { Hit } from './doc-index.js';
import { evidenceFor, isWeak, NONE, usable, type CheckOutcome, type MatchContext } from './outcome.js';
import { lineLabel } from '../document/place.js';

/** How far apart the phrase groups of a near check may be. */
export type Scope = 'sentence' | 'paragraph' | 'section' | 'document';

/**
 * The scopes a hit belongs to. A section pairs its own text with its subsections' text: besides
 * its own section (`s`), a hit stands in the subtree (`t`) of that section and of each ancestor
 * (but a title section spanning the document, DocIndex.enclosingSections), and a `t` scope counts
 * only when one of the hits is in that section's own text, so two sibling subsections never pair.
 */
function scopeKeys(hit: Hit, within: Scope, ctx: MatchContext): string[] {
  const block = ctx.index.block(hit.block);
  switch (within) {
    case 'sentence':
      return [`${hit.block}:${ctx.index.texts[hit.block]!.tokens[hit.start]!.sent}`];
    case 'paragraph':
      return ctx.index.paragraphUnits(hit.block).map((b) => `b${b}`);
    case 'section':
      return [`s${block.section}`, ...ctx.index.enclosingSections(block.section).map((a) => `t${a}`)];
    default:
      return ['doc'];
  }
}

interface Placed {
  first: Hit;
  /** for a subtree scope: the first hit in the section's own text */
  own?: Hit;
}

/** Find the first scope in which every group has a hit; `allowWeak` lets weak hits take part. */
function firstCooccurrence(groupHits: Hit[][], within: Scope, ctx: MatchContext, allowWeak: boolean): Hit[] | undefined {
  const byScope: Array<Map<string, Placed>> = groupHits.map((hits) => {
    const m = new Map<string, Placed>();
    for (const h of hits) {
      if (!allowWeak && isWeak(h, ctx)) continue;
      for (const k of scopeKeys(h, within, ctx)) {
        let p = m.get(k);
        if (!p) m.set(k, (p = { first: h }));
        if (k[0] === 't' && !p.own && ctx.index.block(h.block).section === Number(k.slice(1))) p.own = h;
      }
    }
    return m;
  });
  // candidate scopes come from the rarest group; take the one appearing earliest in the document
  let best: Hit[] | undefined;
  let bestPos = Infinity;
  const rarest = byScope.reduce((a, b) => (b.size < a.size ? b : a));
  for (const [key] of rarest) {
    const placed = byScope.map((m) => m.get(key));
    if (placed.some((p) => p === undefined)) continue;
    if (key[0] === 't' && !placed.some((p) => p!.own)) continue; // siblings only: not one passage
    const hits = placed.map((p) => p!.own ?? p!.first);
    const pos = Math.min(...hits.map((h) => h.block * 1e6 + h.start));
    if (pos < bestPos) {
      bestPos = pos;
      best = hits;
    }
  }
  return best;
}

/** The document's own words for a hit, with its line: “disabled children” (line 40). */
function quoteHit(h: Hit, ctx: MatchContext): string {
  const { tokens } = ctx.index.texts[h.block]!;
  const text = ctx.index.block(h.block).text.slice(tokens[h.start]!.s, tokens[h.end - 1]!.e);
  return `“${text}” (${lineLabel(ctx.index.doc, evidenceFor(ctx.index, h).line)})`;
}

/** A group's first phrase as the catalogue writes it, for "but not …" (a stem's * shown as …). */
function groupExample(ids: number[], ctx: MatchContext): string {
  const phrase = ctx.index.phrases.source[ids[0]!] ?? '';
  return `“${phrase.replace(/\*/g, '…')}”`;
}

const SCOPE_WORDS: Record<Scope, string> = {
  sentence: 'the same sentence',
  paragraph: 'the same paragraph',
  section: 'the same section',
  document: 'the policy',
};

/**
 * Why several groups did not come together, when part of them is there: a gap that says what was
 * found tells the writer to extend that passage, not to start again.
 */
function partlyFound(groups: number[][], groupHits: Hit[][], within: Scope, ctx: MatchContext): string | undefined {
  if (groups.length < 2) return undefined;
  const found = groupHits.map((hits) => hits.find((h) => !isWeak(h, ctx)) ?? hits[0]);
  if (found.every((h) => h === undefined)) return undefined;
  const have = found.filter((h): h is Hit => h !== undefined).map((h) => quoteHit(h, ctx));
  const lacking = groups.filter((_, i) => found[i] === undefined).map((ids) => groupExample(ids, ctx));
  if (lacking.length > 0) return `found ${have.join(' and ')}, but nothing like ${lacking.join(' or ')}`;
  return `found ${have.join(' and ')}, but not together in ${SCOPE_WORDS[within]}`;
}

/** Hits that lie inside a match of an `except` phrase ("in extremis", "DBS disclosure") do not count. */
function outsideExceptions(hits: Hit[], except: number[] | undefined, ctx: MatchContext): Hit[] {
  if (!except || except.length === 0 || hits.length === 0) return hits;
  const fences = ctx.index.hits(except);
  if (fences.length === 0) return hits;
  return hits.filter((h) => !fences.some((f) => f.block === h.block && f.start < h.end && h.start < f.end));
}

/** Hits in a sentence that also says one of the `unless` phrases do not count (a policy review is not a training refresh). */
function outsideUnless(hits: Hit[], unless: number[] | undefined, ctx: MatchContext): Hit[] {
  if (!unless || unless.length === 0 || hits.length === 0) return hits;
  const sentOf = (h: Pick<Hit, 'block' | 'start'>) => `${h.block}:${ctx.index.texts[h.block]!.tokens[h.start]!.sent}`;
  const barred = new Set(
    ctx.index
      .hits(unless)
      .filter((u) => usable(u))
      .map(sentOf),
  );
  return barred.size === 0 ? hits : hits.filter((h) => !barred.has(sentOf(h)));
}

/**
 * A contact belongs to the name nearest before it in its block: a hit of the last group whose
 * nearest preceding name is another body's (`others`: the police, a helpline) rather than one of
 * the first group's does not count for the first group.
 */
function ownedByFirstGroup(groupHits: Hit[][], others: number[] | undefined, ctx: MatchContext): Hit[][] {
  if (!others || others.length === 0 || groupHits.length < 2) return groupHits;
  const otherHits = ctx.index.hits(others);
  if (otherHits.length === 0) return groupHits;
  // each block's name ends, sorted, so the nearest before a contact is one binary search away
  const endsByBlock = (list: Hit[]) => {
    const m = new Map<number, number[]>();
    for (const o of list) {
      const ends = m.get(o.block);
      if (ends) ends.push(o.end);
      else m.set(o.block, [o.end]);
    }
    for (const ends of m.values()) ends.sort((a, b) => a - b);
    return m;
  };
  const ownerEnds = endsByBlock(groupHits[0]!);
  const otherEnds = endsByBlock(otherHits);
  const nearestBefore = (m: Map<number, number[]>, h: Hit) => {
    const ends = m.get(h.block);
    if (!ends) return -1;
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid]! <= h.start) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? -1 : ends[lo - 1]!;
  };
  const last = groupHits[groupHits.length - 1]!.filter((h) => {
    const other = nearestBefore(otherEnds, h);
    return other === -1 || nearestBefore(ownerEnds, h) >= other;
  });
  return [...groupHits.slice(0, -1), last];
}

export function evaluateNear(groups: number[][], within: Scope, ctx: MatchContext, except?: number[], unless?: number[], others?: number[]): CheckOutcome {
  const found = groups.map((ids) => outsideUnless(outsideExceptions(ctx.index.hits(ids), except, ctx), unless, ctx).filter((h) => usable(h)));
  const groupHits = ownedByFirstGroup(found, others, ctx);
  if (groupHits.some((h) => h.length === 0)) return noneWith(partlyFound(groups, groupHits, within, ctx));
  const strong = firstCooccurrence(groupHits, within, ctx, false);
  if (strong) {
    const reviewOnly = strong.some((h) => h.unfilled);
    return { state: reviewOnly ? 'review' : 'ok', evidence: uniqueEvidence(strong, ctx), ...(reviewOnly ? { note: 'relies on an unfilled placeholder' } : {}) };
  }
  const weak = firstCooccurrence(groupHits, within, ctx, true);
  if (weak) {
    const where = ctx.index.block(weak[0]!.block);
    const why =
      where.kind === 'heading'
        ? 'only as a heading with no text under it'
        : where.context === 'glossary'
          ? 'only in a glossary'
          : where.context === 'adults'
            ? 'only in the section about adults at risk'
            : 'only in a list of links or references';
    return { state: 'weak', evidence: uniqueEvidence(weak, ctx), note: `mentioned ${why}` };
  }
  return noneWith(partlyFound(groups, groupHits, within, ctx));
}

function noneWith(note: string | undefined): CheckOutcome {
  return note === undefined ? NONE : { state: 'none', evidence: [], note };
}

function uniqueEvidence(hits: Hit[], ctx: MatchContext) {
  const seen = new Set<string>();
  const out = [];
  for (const h of hits) {
    const key = `${h.block}:${ctx.index.texts[h.block]!.tokens[h.start]!.sent}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(evidenceFor(ctx.index, h));
  }
  return out;
}
