/**
 * Everything the checks need to know about one document, computed once: each block tokenized and
 * scanned for every phrase of the catalogue, and the hits filed by phrase id.
 */
import type { Block, PolicyDocument } from '../document/model.js';
import { findDates, type FoundDate } from './dates.js';
import { isNegated } from './negation.js';
import type { PhraseSet } from './phrases.js';
import { tokenize, type TokenizedText } from './text.js';

export interface Hit {
  block: number;
  start: number;
  end: number;
  phrase: number;
  /** denied by its sentence ("this policy does not cover …"), or a heading its section's first sentence disclaims */
  negated: boolean;
  /** where words name a thing without committing to it: glossary, link list, a heading with nothing under it */
  weak: boolean;
  /** the match uses an unfilled placeholder such as "[insert name]" */
  unfilled: boolean;
}

/** A body heading of the document and its words (for anchoring a gap where it belongs). */
export interface BodyHeading {
  line: number;
  heading: string;
  /** headings from the top of the document down to this one */
  trail: string[];
  words: Set<string>;
}

/** A heading counts as evidence only with this much text in its section. */
export const HEADING_BODY_WORDS = 8;

export class DocIndex {
  readonly texts: TokenizedText[];
  private readonly postings = new Map<number, Hit[]>();
  /** words of body text in each section and all its subsections */
  readonly subtreeWords: number[];

  constructor(
    readonly doc: PolicyDocument,
    readonly phrases: PhraseSet,
  ) {
    this.subtreeWords = subtreeWordCounts(doc);
    this.texts = doc.blocks.map((b) => tokenize(b.text));
    doc.blocks.forEach((block, bi) => {
      const tt = this.texts[bi]!;
      // a match inside a longer one ("safeguarding lead" in "designated safeguarding lead") takes
      // its negation from where the longer one starts, so "no designated safeguarding lead" denies both
      const found = phrases.scan(tt).sort((a, b) => a.start - b.start || b.end - a.end);
      let chainStart = -1;
      let chainEnd = -1;
      for (const m of found) {
        if (m.start >= chainEnd) chainStart = m.start;
        chainEnd = Math.max(chainEnd, m.end);
        const unfilled = hasUnfilledPlaceholder(tt, m.start, m.end);
        const hit: Hit = {
          block: bi,
          start: m.start,
          end: m.end,
          phrase: m.phrase,
          negated: isNegated(tt.tokens, chainStart, phrases.selfNegating[m.phrase] ?? false),
          weak: this.isWeakBlock(block),
          unfilled,
        };
        const list = this.postings.get(m.phrase);
        if (list) list.push(hit);
        else this.postings.set(m.phrase, [hit]);
      }
    });
    this.denyDisclaimedHeadings();
  }

  /**
   * "## Online safety" over "This policy does not cover online safety; see …": the heading names
   * a topic its own first sentence disclaims, so it is denied with it.
   */
  private denyDisclaimedHeadings(): void {
    const firstBody = new Map<number, number>();
    this.doc.blocks.forEach((b, i) => {
      if (b.kind !== 'heading' && !firstBody.has(b.section)) firstBody.set(b.section, i);
    });
    for (const list of this.postings.values()) {
      const deniedFirstSentence = new Set<number>();
      for (const h of list) if (h.negated && this.texts[h.block]!.tokens[h.start]!.sent === 0) deniedFirstSentence.add(h.block);
      if (deniedFirstSentence.size === 0) continue;
      for (const h of list) {
        const block = this.doc.blocks[h.block]!;
        if (block.kind !== 'heading') continue;
        const body = firstBody.get(block.section);
        if (body !== undefined && deniedFirstSentence.has(body)) h.negated = true;
      }
    }
  }

  private isWeakBlock(block: Block): boolean {
    if (block.context !== 'body') return true;
    if (block.kind === 'heading') return (this.subtreeWords[block.section] ?? 0) < HEADING_BODY_WORDS;
    return false;
  }

  /** Hits of any of the phrases, in document order. */
  hits(phraseIds: number[]): Hit[] {
    const out: Hit[] = [];
    for (const id of phraseIds) {
      const list = this.postings.get(id);
      if (list) for (const h of list) out.push(h);
    }
    return out.sort((a, b) => a.block - b.block || a.start - b.start);
  }

  block(i: number): Block {
    return this.doc.blocks[i]!;
  }

  private enclosing?: number[][];

  /**
   * A section and the sections it lies in, nearest first, that can pair their own text with
   * their subsections' text: not the preamble, and not a title section (no other heading as high
   * as it), whose subtree is the whole document.
   */
  enclosingSections(section: number): number[] {
    if (!this.enclosing) {
      const sections = this.doc.sections;
      const minDepth = Math.min(...sections.filter((s) => s.depth > 0).map((s) => s.depth));
      const atTop = sections.filter((s) => s.depth === minDepth).length;
      const isTitle = (s: { depth: number }) => s.depth === 0 || (s.depth === minDepth && atTop === 1);
      const open: number[] = [];
      this.enclosing = sections.map((s, i) => {
        while (open.length > 0 && sections[open[open.length - 1]!]!.depth >= s.depth) open.pop();
        open.push(i);
        return open.filter((a) => !isTitle(sections[a]!)).reverse();
      });
    }
    return this.enclosing[section] ?? [];
  }

  private units?: Map<number, number[]>;
  private dates?: FoundDate[][];
  private headings?: BodyHeading[];

  /** The dates in each block, found once for all the date checks of the catalogue. */
  blockDates(): FoundDate[][] {
    // dates sit in short lines; skip giant blocks
    this.dates ??= this.doc.blocks.map((block) => (block.text.length > 20000 ? [] : findDates(block.text)));
    return this.dates;
  }

  /** The body headings and their words, worked out once, when a first gap needs an anchor. */
  bodyHeadings(): BodyHeading[] {
    if (!this.headings) {
      this.headings = [];
      this.doc.blocks.forEach((block, i) => {
        if (block.kind !== 'heading' || block.context !== 'body') return;
        const section = this.doc.sections[block.section];
        this.headings!.push({
          line: block.line,
          heading: section?.heading ?? block.text,
          trail: section?.trail ?? [block.text],
          words: new Set(this.texts[i]!.tokens.map((t) => t.w)),
        });
      });
    }
    return this.headings;
  }

  /**
   * The "paragraph" units a block belongs to: itself, and for the lead-in of a list or the header
   * row of a table ("Report to:" / "Role | Name | Phone"), each item of that list or row of that
   * table; for a heading, each block of its section's own text (not its subsections'). Items of one list are separate units: a bullet about radicalisation does not lend its
   * "tell the DSL" to a bullet about online harm.
   */
  paragraphUnits(blockIndex: number): number[] {
    if (!this.units) {
      this.units = new Map();
      const byGroup = new Map<number, number[]>();
      this.doc.blocks.forEach((b, i) => {
        if (b.kind === 'heading') return;
        const list = byGroup.get(b.group);
        if (list) list.push(i);
        else byGroup.set(b.group, [i]);
      });
      for (const members of byGroup.values()) {
        const first = members[0]!;
        const leadKind = this.doc.blocks[first]!.kind;
        const hasLeadIn = members.length > 1 && (leadKind === 'paragraph' || leadKind === 'table-row' || leadKind === 'admonition');
        if (hasLeadIn) this.units.set(first, members);
      }
      // a heading with text under it is the lead-in of its section's own text
      const own = new Map<number, number[]>();
      this.doc.blocks.forEach((b, i) => {
        if (b.kind === 'heading' || b.context !== 'body') return;
        const list = own.get(b.section);
        if (list) list.push(i);
        else own.set(b.section, [i]);
      });
      this.doc.blocks.forEach((b, i) => {
        const body = own.get(b.section);
        if (b.kind === 'heading' && body) this.units!.set(i, [i, ...body]);
      });
    }
    return this.units.get(blockIndex) ?? [blockIndex];
  }
}

function hasUnfilledPlaceholder(tt: TokenizedText, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    for (const sp of tt.spans.get(i) ?? []) if (sp.cls === 'placeholder' && !sp.filled) return true;
  }
  return false;
}

function subtreeWordCounts(doc: PolicyDocument): number[] {
  const counts = doc.sections.map((s) => s.bodyWords);
  // walk in document order keeping the open ancestors; each section adds its words to them (depth ≤ 6)
  const open: number[] = [];
  doc.sections.forEach((s, i) => {
    while (open.length > 0 && doc.sections[open[open.length - 1]!]!.depth >= s.depth) open.pop();
    for (const a of open) counts[a]! += s.bodyWords;
    open.push(i);
  });
  return counts;
}
