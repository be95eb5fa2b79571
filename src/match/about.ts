/**
 * `about`: a passage about the topic, whatever it then says: a heading with text under it, or the
 * lead sentence of a paragraph or list item, names it. Used for `partly` (the topic addressed
 * without what the topic checks need: partial, not gap). Glossaries, link lists, tables of
 * contents are not passages about anything; a heading with nothing under it is 'weak'.
 */
import { evidenceFor, isWeak, NONE, usable, type CheckOutcome, type MatchContext } from './outcome.js';

export function evaluateAbout(any: number[], ctx: MatchContext): CheckOutcome {
  let weak: CheckOutcome | undefined;
  for (const h of ctx.index.hits(any)) {
    if (!usable(h)) continue;
    const block = ctx.index.block(h.block);
    // a heading with nothing under it still shows the topic was meant to be there: weak
    if (isWeak(h, ctx) || block.context !== 'body') {
      if (block.kind === 'heading' && block.context === 'body')
        weak ??= { state: 'weak', evidence: [evidenceFor(ctx.index, h, true)], note: 'only as a heading with no text under it' };
      continue;
    }
    const lead = block.kind === 'heading' || ctx.index.texts[h.block]!.tokens[h.start]!.sent === 0;
    if (lead) return { state: 'ok', evidence: [evidenceFor(ctx.index, h, block.kind === 'heading')] };
  }
  return weak ?? NONE;
}
