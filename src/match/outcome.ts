/** What one check found in one document. */
import type { Block } from '../document/model.js';
import type { Place } from '../document/place.js';
import type { DocIndex, Hit } from './doc-index.js';

export type CheckState =
  | 'ok' // found, as required
  | 'weak' // found only where it commits to nothing (glossary, link list, empty heading)
  | 'wrong' // found with the wrong figure ("within 3 working days" for a 5-day duty)
  | 'stale' // found, but out of date (superseded term, past review date, old edition)
  | 'review' // found, but resting on an unfilled placeholder: a person must look
  | 'none'; // not found

export interface EvidenceItem extends Place {
  /** the block's line: a source line, a Word paragraph number or a line of a PDF's text (see Place) */
  line: number;
  column: number;
  endLine: number;
  excerpt: string;
  /** Word and PDF: the heading trail the quote sits under, "Roles › Designated lead" */
  section?: string;
  /** the time figure this quote gives for a timescale duty, as read ("1 working day", "immediately") */
  figure?: string;
  /** in a pack: the document the quote comes from (set when documents are combined) */
  document?: string;
}

/** A timescale stated with the wrong figure: what was stated, what is expected, and where. */
export interface FigureConflict {
  stated: string;
  expected: string;
  line: number;
  /** Word and PDF: the place in words, as on evidence */
  where?: string;
}

export interface CheckOutcome {
  state: CheckState;
  evidence: EvidenceItem[];
  /** why, in a few words: "states 3 working days; expected 5" */
  note?: string;
  /** a timescale check that read a wrong figure: the figure, machine-readably (packs compare documents by it) */
  conflict?: FigureConflict;
}

export interface MatchContext {
  index: DocIndex;
  /** ISO date the audit is judged at */
  asOf: string;
  /** glossary mentions count as real evidence (definitional requirements) */
  glossaryCounts: boolean;
}

export const NONE: CheckOutcome = { state: 'none', evidence: [] };

const EXCERPT_MAX = 220;

/** A quotable excerpt around a hit: its sentence, trimmed to a readable length. */
export function evidenceFor(index: DocIndex, hit: Pick<Hit, 'block' | 'start' | 'end'>, wholeBlock = false): EvidenceItem {
  const block = index.block(hit.block);
  const tt = index.texts[hit.block]!;
  let s = 0;
  let e = tt.text.length;
  if (!wholeBlock && tt.tokens.length > 0) {
    const sent = tt.tokens[hit.start]?.sent ?? 0;
    let a = hit.start;
    while (a > 0 && tt.tokens[a - 1]!.sent === sent) a--;
    let b = Math.max(hit.end - 1, hit.start);
    while (b + 1 < tt.tokens.length && tt.tokens[b + 1]!.sent === sent) b++;
    s = tt.tokens[a]?.s ?? 0;
    e = tt.tokens[b]?.e ?? tt.text.length;
    // take the closing punctuation of the sentence too (a bracket, quote, full stop)
    while (e < tt.text.length && e - (tt.tokens[b]?.e ?? e) < 3 && /[)\]"'”’.!?;:]/.test(tt.text[e]!)) e++;
  }
  let excerpt = tt.text.slice(s, e).replace(/\s+/g, ' ').trim();
  if (excerpt.length > EXCERPT_MAX) {
    // keep the matched words in view
    const hitStart = (tt.tokens[hit.start]?.s ?? s) - s;
    const from = Math.max(0, Math.min(hitStart - 60, excerpt.length - EXCERPT_MAX));
    excerpt = (from > 0 ? '…' : '') + excerpt.slice(from, from + EXCERPT_MAX).trim() + (from + EXCERPT_MAX < excerpt.length ? '…' : '');
  }
  // the lines of the quoted sentence inside a multi-line block, where the block knows them
  const line = lineAt(block, s);
  const endLine = block.lineStarts ? lineAt(block, Math.max(s, e - 1)) : block.endLine;
  return { line, column: line === block.line ? block.column : 1, endLine: Math.max(line, endLine), excerpt };
}

/** How many of a block's later source lines begin at or before this offset of its text. */
function linesBefore(block: Block, offset: number): number {
  const starts = block.lineStarts ?? [];
  let n = 0;
  while (n < starts.length && starts[n]! <= offset) n++;
  return n;
}

/** The source line of an offset in a block's text (its first line when the block does not know). */
export function lineAt(block: Block, offset: number): number {
  return block.line + linesBefore(block, offset);
}

/** Where the source line holding this offset begins and ends in a block's text. */
export function lineSpanAt(block: Block, offset: number): { start: number; end: number } {
  const starts = block.lineStarts ?? [];
  const n = linesBefore(block, offset);
  return { start: n === 0 ? 0 : starts[n - 1]!, end: n < starts.length ? starts[n]! : block.text.length };
}

/** Is this hit usable evidence in this context? */
export function usable(hit: Hit): boolean {
  return !hit.negated;
}

export function isWeak(hit: Hit, ctx: MatchContext): boolean {
  if (!hit.weak) return false;
  if (ctx.glossaryCounts && ctx.index.block(hit.block).context === 'glossary') return false;
  return true;
}
