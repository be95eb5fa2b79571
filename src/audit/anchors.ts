/**
 * Where missing content belongs, found in time that does not grow with requirements × headings:
 * a document of 50,000 headings was searched heading by heading for every requirement's
 * belongs_under phrases, and walked section by section for every finding's evidence line.
 * Here the headings are indexed by word once per document (when a first anchor needs them) and
 * each phrase's answer is kept; the section holding a line is a binary search.
 */
import type { BodyHeading, DocIndex } from '../match/doc-index.js';
import type { Anchor } from './result.js';

/** Does a heading hold this word (`safeguard*` = any word starting so)? */
function holdsWord(h: BodyHeading, w: string): boolean {
  if (!w.endsWith('*')) return h.words.has(w);
  const stem = w.slice(0, -1);
  for (const x of h.words) if (x.startsWith(stem)) return true;
  return false;
}

export class AnchorFinder {
  private indexed = false;
  /** exact word → indices of the body headings holding it, ascending */
  private readonly postings = new Map<string, number[]>();
  /** a phrase's words joined by spaces → the first heading holding them all (-1: none) */
  private readonly firstHolding = new Map<string, number>();
  private sectionIndex: { maxLine: number[]; lastHeading: number[] } | undefined;

  constructor(private readonly index: DocIndex) {}

  /** The document's body headings (DocIndex), indexed by word on first use. */
  private headings(): BodyHeading[] {
    const headings = this.index.bodyHeadings();
    if (!this.indexed) {
      this.indexed = true;
      headings.forEach((h, at) => {
        for (const w of h.words) {
          let list = this.postings.get(w);
          if (!list) this.postings.set(w, (list = []));
          list.push(at);
        }
      });
    }
    return headings;
  }

  /** The first body heading holding every word of the phrase, in any order, or -1. */
  private firstHeading(words: string[]): number {
    const key = words.join(' ');
    const known = this.firstHolding.get(key);
    if (known !== undefined) return known;
    const headings = this.headings();
    // walk the headings of the phrase's rarest exact word; with none, every heading
    let candidates: readonly number[] | undefined;
    for (const w of words) {
      if (w.endsWith('*')) continue;
      const list = this.postings.get(w) ?? [];
      if (!candidates || list.length < candidates.length) candidates = list;
    }
    let found = -1;
    const count = candidates ? candidates.length : headings.length;
    for (let k = 0; k < count && found === -1; k++) {
      const at = candidates ? candidates[k]! : k;
      if (words.every((w) => holdsWord(headings[at]!, w))) found = at;
    }
    this.firstHolding.set(key, found);
    return found;
  }

  /** The heading of the section that holds a line: the last heading at or before it, in document order. */
  private sectionHeadingAt(line: number): Anchor | undefined {
    const sections = this.index.doc.sections;
    if (!this.sectionIndex) {
      // sections are in document order, but a synthetic one (named leads) may sit out of line order:
      // the scan this replaces stopped at the first section past the line, so search the running maximum
      const maxLine: number[] = [];
      const lastHeading: number[] = [];
      sections.forEach((s, i) => {
        maxLine.push(Math.max(s.line, maxLine[i - 1] ?? 0));
        lastHeading.push(s.heading !== null ? i : (lastHeading[i - 1] ?? -1));
      });
      this.sectionIndex = { maxLine, lastHeading };
    }
    const { maxLine, lastHeading } = this.sectionIndex;
    // first section whose running maximum line is past `line`
    let lo = 0;
    let hi = maxLine.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (maxLine[mid]! > line) hi = mid;
      else lo = mid + 1;
    }
    const at = lo > 0 ? lastHeading[lo - 1]! : -1;
    if (at === -1) return undefined;
    const s = sections[at]!;
    return { kind: 'heading', line: s.line, heading: s.heading, trail: s.trail };
  }

  /**
   * For a partial or outdated finding, the section that holds its evidence; otherwise the first
   * body heading that names the topic's home (every word of one of its phrases); else line 1.
   */
  anchorFor(phrases: string[][], evidenceLine?: number): Anchor {
    if (evidenceLine !== undefined) {
      const home = this.sectionHeadingAt(evidenceLine);
      if (home) return home;
    }
    let best = -1;
    for (const p of phrases) {
      const at = this.firstHeading(p);
      if (at !== -1 && (best === -1 || at < best)) best = at;
    }
    if (best === -1) return { kind: 'document-start', line: 1, heading: null, trail: [] };
    const h = this.headings()[best]!;
    return { kind: 'heading', line: h.line, heading: h.heading, trail: h.trail };
  }
}
