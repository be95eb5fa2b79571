/**
 * `about`: a passage about the topic, whatever it then says: a heading with text under it, or the
 * lead sentence of a paragraph or list item, names it. Used for `partly` (the topic addressed
 * without what the topic checks need: partial, not gap). Glossaries, link lists, tables of
 * contents and headings with nothing under them are not passages about anything.
 */
import { evidenceFor, isWeak, NONE, usable, type CheckOutcome, type MatchContext } from './outcome.js';

export function evaluateAbout(any: number[], ctx: MatchContext): CheckOutcome {
  for (const h of ctx.index.hits(any)) {
    if (!usable(h, ctx) || isWeak(h, ctx)) continue;
    const block = ctx.index.block(h.block);
    if (block.context !== 'body') continue;
    const lead = block.kind === 'heading' || ctx.index.texts[h.block]!.tokens[h.start]!.sent === 0;
    if (lead) return { state: 'ok', evidence: [evidenceFor(ctx.index, h, block.kind === 'heading')] };
  }
  return NONE;
}
