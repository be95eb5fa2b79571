/**
 * PDF lines → blocks: headings told by font size (and bold short lines standing alone), lines
 * joined into paragraphs by position, hyphens at line ends mended, list items told by their
 * bullet or number, table rows by their cell gaps. Every block knows which extracted lines it
 * spans, so evidence can name the page and the line on it.
 */
import {
  collapseSpace,
  CONTENTS_LINE,
  countTexts,
  countWords,
  isBoldHeadingText,
  isPlainHeadingLine,
  type BlockInput,
  type DocumentBuilder,
} from './builder.js';
import type { BlockKind } from './model.js';
import type { PdfLine } from './pdf-text.js';

/** A bullet, or a list number or letter, at the start of a line. */
const LIST_MARKER = /^(?:[•●▪■◦○·∙➢➤►✓✔\-–*]|\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)])\s+/i;
const ENDS_SENTENCE = /[.!?:;]["'”’)]?$/;
/** Words before a line-end hyphen that make a real compound (multi-agency, self-harm): the hyphen stays. */
const COMPOUND_PREFIX =
  /(?:^|[^\p{L}])(?:multi|self|cross|well|non|anti|semi|ex|co|cyber|child|peer|face|long|short|full|part|half|high|low|safe|decision|follow|sign|check|risk|age|year|day|family|school|time|early|first|second|third|wide|record|young)$/iu;
const MAX_HEADING_WORDS = 15;

interface Numbered {
  line: PdfLine;
  /** 1-based number of the line in the document's extracted text */
  n: number;
}

function round(n: number): number {
  return Math.round(n * 2) / 2;
}

/** The body text size: the size most characters are set in. */
function bodySize(lines: readonly PdfLine[]): number {
  const chars = new Map<number, number>();
  for (const l of lines) chars.set(round(l.size), (chars.get(round(l.size)) ?? 0) + l.text.length);
  return [...chars.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 10;
}

/** Usual distance between two baselines of one paragraph, per text size. */
function lineSteps(lines: readonly PdfLine[]): Map<number, number> {
  const gaps = new Map<number, number[]>();
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1]!;
    const b = lines[i]!;
    if (a.page !== b.page || a.columnLeft !== b.columnLeft || round(a.size) !== round(b.size)) continue;
    const d = a.y - b.y;
    if (d > 0 && d < 3 * a.size) (gaps.get(round(a.size)) ?? gaps.set(round(a.size), []).get(round(a.size))!).push(d);
  }
  const out = new Map<number, number>();
  for (const [size, ds] of gaps) {
    // the smallest step between lines (no tighter than the text is tall): gaps between paragraphs, list items and rows are larger
    const fitting = ds.filter((d) => d >= 0.9 * size);
    if (fitting.length > 0) out.set(size, Math.min(...fitting));
  }
  return out;
}

/** Join a line to the text so far, mending a word broken by a hyphen at the line end. */
function joinLine(text: string, next: string): { text: string; start: number } {
  const m = /(\p{L}+)-$/u.exec(text);
  if (m && /^\p{Ll}/u.test(next)) {
    if (COMPOUND_PREFIX.test(m[1]!)) return { text: text + next, start: text.length };
    return { text: text.slice(0, -1) + next, start: text.length - 1 };
  }
  return { text: `${text} ${next}`, start: text.length + 1 };
}

export class PdfBlockWriter {
  private readonly body: number;
  private readonly headingDepth: Map<number, number>;
  private readonly steps: Map<number, number>;
  private realDepth = 0;
  private group: number | undefined;
  private groupKind: 'list' | 'table' | undefined;

  constructor(
    private readonly b: DocumentBuilder,
    private readonly lines: readonly Numbered[],
  ) {
    const plain = lines.map((l) => l.line);
    this.body = bodySize(plain);
    this.steps = lineSteps(plain);
    // larger sizes than the body's, largest first, are heading levels 1, 2, 3 …
    const sizes = [...new Set(plain.filter((l) => this.isLargeHeading(l)).map((l) => round(l.size)))].sort((a, b) => b - a);
    this.headingDepth = new Map(sizes.map((s, i) => [s, Math.min(6, i + 1)]));
  }

  private isLargeHeading(l: PdfLine): boolean {
    return l.size >= this.body * 1.12 && countWords(l.text) <= MAX_HEADING_WORDS && !l.cells;
  }

  /** The next line goes on with this block of text. */
  private continues(first: PdfLine, prev: PdfLine, next: PdfLine, kind: BlockKind): boolean {
    if (next.cells || prev.cells) return false;
    if (round(prev.size) !== round(next.size)) return false;
    // a bold line with plain text under it is a lead line or a heading, not the paragraph's start
    if (prev.bold && !next.bold) return false;
    if (LIST_MARKER.test(next.text)) return false;
    if (prev.page !== next.page || prev.columnLeft !== next.columnLeft) {
      // over a page or column break only a sentence that plainly goes on, at the same indent
      return !ENDS_SENTENCE.test(prev.text) && (/^\p{Ll}/u.test(next.text) || Math.abs(next.x - prev.x) < 2);
    }
    const step = this.steps.get(round(prev.size)) ?? prev.size * 1.2;
    const gap = prev.y - next.y;
    if (gap <= 0 || gap > step * 1.3) return false;
    // a short last line that ends a sentence ends its paragraph, even without space after it
    const width = prev.columnRight - prev.columnLeft;
    if (kind === 'list-item') {
      // an item's own lines hang under its text; a line back at the bullet after a full stop is new text
      return next.x > first.x + 0.3 * first.size || !ENDS_SENTENCE.test(prev.text);
    }
    if (ENDS_SENTENCE.test(prev.text) && prev.right < prev.columnRight - 0.2 * width && /^\P{Ll}/u.test(next.text)) return false;
    return true;
  }

  write(): void {
    const lines = this.lines;
    for (let i = 0; i < lines.length;) {
      const first = lines[i]!;
      const l = first.line;
      if (this.isLargeHeading(l)) {
        // a heading set over two lines is one heading
        let j = i + 1;
        let text = l.text;
        while (
          j < lines.length &&
          round(lines[j]!.line.size) === round(l.size) &&
          lines[j]!.line.page === l.page &&
          l.y - lines[j]!.line.y < 2 * l.size * (j - i)
        ) {
          text = joinLine(text, lines[j]!.line.text).text;
          j++;
        }
        this.heading(text, this.headingDepth.get(round(l.size)) ?? 1, first, lines[j - 1]!, true);
        i = j;
        continue;
      }
      if (l.cells) {
        // a cell's text that wraps goes on in the same cell on the lines below
        const cells = l.spans.map((c) => c.text);
        const parts: Numbered[] = [first];
        let j = i + 1;
        while (j < lines.length && this.wrapsCells(l, lines[j - 1]!.line, lines[j]!.line)) {
          for (const sp of lines[j]!.line.spans) {
            const k = l.spans.findIndex((c) => Math.abs(c.x - sp.x) < 2);
            // an address broken mid-word at the cell's edge is one word again
            cells[k] = /\S*(?:@|:\/\/|www\.)\S*$/.test(cells[k]!) ? `${cells[k]}${sp.text}` : `${cells[k]} ${sp.text}`;
          }
          parts.push(lines[j++]!);
        }
        this.joinGroup('table');
        this.starts = [];
        this.emit('table-row', cells.join(' | '), parts, this.group!);
        i = j;
        continue;
      }
      const marker = LIST_MARKER.exec(l.text);
      const kind: BlockKind = marker ? 'list-item' : 'paragraph';
      const parts: Numbered[] = [first];
      let j = i + 1;
      while (j < lines.length && this.continues(l, lines[j - 1]!.line, lines[j]!.line, kind)) parts.push(lines[j++]!);
      const text = this.joinParts(parts, marker ? marker[0].length : 0);
      if (kind === 'paragraph' && parts.length === 1 && this.boldHeading(l, text)) {
        this.heading(text.replace(/\s*:$/, ''), this.realDepth > 0 ? this.realDepth + 1 : 2, first, first, false);
      } else if (kind === 'paragraph' && parts.length === 1 && j < lines.length && this.plainHeading(text)) {
        this.heading(text, 2, first, first, false);
      } else if (kind === 'list-item') {
        this.joinGroup('list');
        this.emit('list-item', text, parts, this.group!);
      } else {
        const g = this.b.newGroup();
        this.emit('paragraph', text, parts, g);
        // "Staff must:" and the list after it read as one unit
        this.group = text.endsWith(':') ? g : undefined;
        this.groupKind = text.endsWith(':') ? 'list' : undefined;
      }
      i = j;
    }
  }

  /** The next line only continues cells of a table row: close under it, each piece at a cell's start. */
  private wrapsCells(row: PdfLine, prev: PdfLine, next: PdfLine): boolean {
    if (next.page !== prev.page || round(next.size) !== round(row.size)) return false;
    const step = this.steps.get(round(prev.size)) ?? prev.size * 1.2;
    const gap = prev.y - next.y;
    if (gap <= 0 || gap > step * 1.3) return false;
    // a line with a cell in the first column is a new row, not the rest of this one
    if (next.spans.some((sp) => Math.abs(sp.x - row.spans[0]!.x) < 2) && next.spans.length === row.spans.length) return false;
    // each piece starts at a cell's left edge and stays short of the next cell: a line running
    // across the columns is text after the table, not the rest of a cell
    return next.spans.every((sp) => {
      const k = row.spans.findIndex((c) => Math.abs(c.x - sp.x) < 2);
      const after = row.spans[k + 1];
      return k !== -1 && (after === undefined || sp.right < after.x);
    });
  }

  private joinGroup(kind: 'list' | 'table'): void {
    if (this.group === undefined || this.groupKind !== kind) this.group = this.b.newGroup();
    this.groupKind = kind;
  }

  /**
   * The readers' shared rule for text with no marked headings (no larger type here): a short plain
   * line standing alone, with text after it, is a heading ("10.0 RECORD KEEPING"). A line that
   * comes back page after page is a running header, and running headers were dropped before this.
   */
  private plainHeading(text: string): boolean {
    if (this.headingDepth.size > 0 || CONTENTS_LINE.test(text) || !isPlainHeadingLine(text, text)) return false;
    this.lineCounts ??= countTexts(this.lines.map((n) => n.line.text));
    return (this.lineCounts.get(collapseSpace(text)) ?? 0) <= 1;
  }

  private lineCounts: Map<string, number> | undefined;

  private boldHeading(l: PdfLine, text: string): boolean {
    if (!l.bold) return false;
    return isBoldHeadingText(text);
  }

  private heading(text: string, depth: number, from: Numbered, to: Numbered, real: boolean): void {
    this.group = undefined;
    this.groupKind = undefined;
    this.b.openSection(text, depth, from.n, 1);
    this.b.addBlock({ kind: 'heading', text, group: this.b.newGroup(), line: from.n, column: 1, endLine: to.n, endColumn: to.line.text.length + 1 });
    if (real) this.realDepth = depth;
  }

  /** The parts' text joined, with where each line after the first begins in it. */
  private joinParts(parts: readonly Numbered[], markerLength: number): string {
    this.starts = [];
    let text = parts[0]!.line.text.slice(markerLength).trim();
    for (const p of parts.slice(1)) {
      const joined = joinLine(text, p.line.text);
      this.starts.push(joined.start);
      text = joined.text;
    }
    return text;
  }

  private starts: number[] = [];

  private emit(kind: BlockKind, text: string, parts: readonly Numbered[], group: number): void {
    if (kind !== 'list-item' && kind !== 'table-row') {
      this.group = undefined;
      this.groupKind = undefined;
    }
    const last = parts[parts.length - 1]!;
    const input: BlockInput = { kind, text, group, line: parts[0]!.n, column: 1, endLine: last.n, endColumn: last.line.text.length + 1 };
    if (parts.length > 1 && this.starts.length === parts.length - 1) input.lineStarts = this.starts;
    this.b.addBlock(input);
  }
}
