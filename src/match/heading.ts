/** `heading`: a section whose heading names the topic and has real text under it. */
import { evidenceFor, NONE, usable, type CheckOutcome, type MatchContext } from './outcome.js';

export function evaluateHeading(any: number[], minWords: number, ctx: MatchContext): CheckOutcome {
  let weak: CheckOutcome | undefined;
  for (const h of ctx.index.hits(any)) {
    const block = ctx.index.block(h.block);
    if (block.kind !== 'heading' || !usable(h)) continue;
    const words = ctx.index.subtreeWords[block.section] ?? 0;
    if (words >= minWords && block.context === 'body') return { state: 'ok', evidence: [evidenceFor(ctx.index, h, true)] };
    weak ??= { state: 'weak', evidence: [evidenceFor(ctx.index, h, true)], note: 'heading with little or no text under it' };
  }
  return weak ?? NONE;
}
