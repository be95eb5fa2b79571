/**
 * `mentions` and `near`: phrase groups that must all be found within one sentence, paragraph
 * (block group), section or the whole document. `mentions` is `near` with a single group.
 */
import type { Scope } from '../catalogue/types.js';
import type { Hit } from './doc-index.js';
import { evidenceFor, isWeak, NONE, usable, type CheckOutcome, type MatchContext } from './outcome.js';

function scopeKeys(hit: Hit, within: Scope, ctx: MatchContext): string[] {
  const block = ctx.index.block(hit.block);
  switch (within) {
    case 'sentence':
      return [`${hit.block}:${ctx.index.texts[hit.block]!.tokens[hit.start]!.sent}`];
    case 'paragraph':
      return ctx.index.paragraphUnits(hit.block).map((b) => `b${b}`);
    case 'section':
      return [`s${block.section}`];
    default:
      return ['doc'];
  }
}

/** Find the first scope in which every group has a hit; `allowWeak` lets weak hits take part. */
function firstCooccurrence(groupHits: Hit[][], within: Scope, ctx: MatchContext, allowWeak: boolean): Hit[] | undefined {
  const byScope: Array<Map<string, Hit>> = groupHits.map((hits) => {
    const m = new Map<string, Hit>();
    for (const h of hits) {
      if (!allowWeak && isWeak(h, ctx)) continue;
      for (const k of scopeKeys(h, within, ctx)) if (!m.has(k)) m.set(k, h);
    }
    return m;
  });
  // candidate scopes come from the rarest group; take the one appearing earliest in the document
  let best: Hit[] | undefined;
  let bestPos = Infinity;
  const rarest = byScope.reduce((a, b) => (b.size < a.size ? b : a));
  for (const [key] of rarest) {
    const hits = byScope.map((m) => m.get(key));
    if (hits.some((h) => h === undefined)) continue;
    const pos = Math.min(...hits.map((h) => h!.block * 1e6 + h!.start));
    if (pos < bestPos) {
      bestPos = pos;
      best = hits as Hit[];
    }
  }
  return best;
}

export function evaluateNear(groups: number[][], within: Scope, ctx: MatchContext): CheckOutcome {
  const groupHits = groups.map((ids) => ctx.index.hits(ids).filter((h) => usable(h, ctx)));
  if (groupHits.some((h) => h.length === 0)) return NONE;
  const strong = firstCooccurrence(groupHits, within, ctx, false);
  if (strong) {
    const reviewOnly = strong.some((h) => h.unfilled);
    return { state: reviewOnly ? 'review' : 'ok', evidence: uniqueEvidence(strong, ctx), ...(reviewOnly ? { note: 'relies on an unfilled placeholder' } : {}) };
  }
  const weak = firstCooccurrence(groupHits, within, ctx, true);
  if (weak) {
    const where = ctx.index.block(weak[0]!.block);
    const why = where.kind === 'heading' ? 'only as a heading with no text under it' : where.context === 'glossary' ? 'only in a glossary' : 'only in a list of links or references';
    return { state: 'weak', evidence: uniqueEvidence(weak, ctx), note: `mentioned ${why}` };
  }
  return NONE;
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
