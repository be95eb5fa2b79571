/**
 * A PDF's text as a reader sees it, from the positioned pieces of text pdf.js gives per page:
 * pieces on one baseline joined into lines (a space where the glyphs leave a gap, ' | ' where
 * they leave a wide one, as between table cells), footnote numbers set small and raised dropped,
 * two-column pages read column by column, and the running headers, footers and page numbers that
 * repeat page after page left out. Pure: pages in, lines out, so it is tested without PDFs.
 */

/** One positioned piece of text, in PDF units (origin bottom left, y up). */
export interface Piece {
  str: string;
  x: number;
  /** baseline */
  y: number;
  width: number;
  size: number;
  bold: boolean;
}

export interface PdfPage {
  /** 1-based */
  number: number;
  width: number;
  height: number;
  pieces: Piece[];
}

export interface PdfLine {
  page: number;
  text: string;
  x: number;
  right: number;
  y: number;
  size: number;
  bold: boolean;
  /** the line has wide gaps between its pieces: cells of a table row */
  cells: boolean;
  /** where each stretch of text between wide gaps starts, and its text (one for a plain line) */
  spans: Array<{ x: number; right: number; text: string }>;
  /** left and right edge of the column the line sits in */
  columnLeft: number;
  columnRight: number;
  pageHeight: number;
}

/** Private-use characters that symbol fonts (Symbol, Wingdings) use for bullets. */
const SYMBOL_BULLET = /^[\uF000-\uF0FF]/;

function cleanPiece(s: string): string {
  // a symbol-font bullet reads as a bullet; soft hyphens and zero-width marks are invisible
  return s.replace(/[\uF000-\uF0FF]/g, (c) => (SYMBOL_BULLET.test(c) ? '•' : '')).replace(/[\u00AD\u200B\uFEFF]/g, '');
}

// ---------------------------------------------------------------------------------------------
// Columns

/** A piece at least this share of the text width spans the columns (a title, a full-width line). */
const WIDE_SHARE = 0.55;
const MIN_GUTTER = 10;
const MIN_COLUMN_LINES = 5;

interface Split {
  gutter: number;
  left: number;
  right: number;
}

/** The gutter of a two-column page, when its text really runs in two columns. */
function findGutter(pieces: readonly Piece[]): Split | undefined {
  const textual = pieces.filter((p) => p.str.trim() !== '');
  if (textual.length < 2 * MIN_COLUMN_LINES) return undefined;
  const left = Math.min(...textual.map((p) => p.x));
  const right = Math.max(...textual.map((p) => p.x + p.width));
  const span = right - left;
  if (span <= 0) return undefined;
  const narrow = textual.filter((p) => p.width < WIDE_SHARE * span);
  // coverage of the middle half of the text width, a point at a time
  const from = Math.floor(left + span * 0.25);
  const to = Math.ceil(right - span * 0.25);
  const covered = new Uint8Array(Math.max(0, to - from));
  for (const p of narrow) {
    const a = Math.max(from, Math.floor(p.x));
    const b = Math.min(to, Math.ceil(p.x + p.width));
    for (let x = a; x < b; x++) covered[x - from] = 1;
  }
  let best: { a: number; b: number } | undefined;
  for (let i = 0; i < covered.length;) {
    if (covered[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < covered.length && !covered[j]) j++;
    if (!best || j - i > best.b - best.a) best = { a: i, b: j };
    i = j;
  }
  if (!best || best.b - best.a < MIN_GUTTER) return undefined;
  const gutter = from + (best.a + best.b) / 2;
  // real columns are filled with text to near the gutter; table cells leave most of it empty
  const leftLines = baselines(narrow.filter((p) => p.x + p.width <= gutter));
  const rightLines = baselines(narrow.filter((p) => p.x >= gutter));
  if (leftLines.size < MIN_COLUMN_LINES || rightLines.size < MIN_COLUMN_LINES) return undefined;
  // a page of full-width text with a table in it is not a two-column page: few lines may cross the gutter
  const crossing = baselines(textual.filter((p) => p.x < gutter && p.x + p.width > gutter)).size;
  if (crossing > Math.max(3, 0.2 * (leftLines.size + rightLines.size))) return undefined;
  const leftEdges = [...leftLines.values()].sort((a, b) => a - b);
  const medianRight = leftEdges[Math.floor(leftEdges.length / 2)]!;
  if (medianRight < gutter - 0.3 * (gutter - left)) return undefined;
  return { gutter, left, right };
}

/** Baseline → right edge of the text on it. */
function baselines(pieces: readonly Piece[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const p of pieces) {
    const k = Math.round(p.y);
    m.set(k, Math.max(m.get(k) ?? -Infinity, p.x + p.width));
  }
  return m;
}

/** The page's pieces in reading order groups: full-width bands, and columns left before right. */
function readingGroups(page: PdfPage): Array<{ pieces: Piece[]; left: number; right: number }> {
  const all = page.pieces;
  const textual = all.filter((p) => p.str.trim() !== '');
  const left = textual.length ? Math.min(...textual.map((p) => p.x)) : 0;
  const right = textual.length ? Math.max(...textual.map((p) => p.x + p.width)) : page.width;
  const split = findGutter(all);
  if (!split) return [{ pieces: all, left, right }];
  const span = split.right - split.left;
  const wide = (p: Piece) => p.x < split.gutter && p.x + p.width > split.gutter && p.width >= WIDE_SHARE * span * 0.5;
  const full = all.filter(wide).sort((a, b) => b.y - a.y);
  // cut the page at each full-width line; each band reads left column, right column, then the line
  const cuts = [...new Set(full.map((p) => Math.round(p.y)))];
  const groups: Array<{ pieces: Piece[]; left: number; right: number }> = [];
  for (let band = 0; band <= cuts.length; band++) {
    const top = band === 0 ? Infinity : cuts[band - 1]!;
    const bottom = band === cuts.length ? -Infinity : cuts[band]!;
    const inBand = all.filter((p) => !wide(p) && Math.round(p.y) < top && Math.round(p.y) > bottom);
    groups.push({ pieces: inBand.filter((p) => p.x + p.width / 2 < split.gutter), left: split.left, right: split.gutter });
    groups.push({ pieces: inBand.filter((p) => p.x + p.width / 2 >= split.gutter), left: split.gutter, right: split.right });
    if (band < cuts.length) groups.push({ pieces: full.filter((p) => Math.round(p.y) === cuts[band]), left, right });
  }
  return groups;
}

// ---------------------------------------------------------------------------------------------
// Lines

/** Gap (in ems) above which two pieces on a line are separate words. */
const WORD_GAP = 0.12;
/** A bullet or a list number or letter alone. */
const ONLY_MARKER = /^(?:[•●▪■◦○·∙➢➤►✓✔\-–*]|\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)])$/i;
/** Gap (in ems) above which they are separate cells of a table row (justified text stays well under it). */
const CELL_GAP = 1.2;

function isFootnoteMark(p: Piece, main: number, baseline: number): boolean {
  return p.size < 0.8 * main && p.y > baseline + 0.15 * main && /^\s*(?:\d{1,3}|[*†‡§])\s*$/.test(p.str);
}

function lineOf(pieces: Piece[], page: number, left: number, right: number, pageHeight: number): PdfLine | undefined {
  // the line's own size and baseline: those of most of its characters
  const bySize = new Map<number, number>();
  for (const p of pieces) if (p.str.trim() !== '') bySize.set(p.size, (bySize.get(p.size) ?? 0) + p.str.length);
  if (bySize.size === 0) return undefined;
  const main = [...bySize.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]![0];
  const base = pieces.find((p) => p.size === main && p.str.trim() !== '')!.y;
  const kept = pieces.filter((p) => !isFootnoteMark(p, main, base)).sort((a, b) => a.x - b.x);
  let text = '';
  let end = -Infinity;
  let cells = false;
  const spans: Array<{ x: number; from: number; right: number }> = [];
  let bold = true;
  let x = Infinity;
  let maxRight = -Infinity;
  for (const p of kept) {
    const s = cleanPiece(p.str);
    if (s.trim() === '') {
      if (s !== '' && text !== '' && !text.endsWith(' ')) text += ' ';
      continue;
    }
    if (text !== '') {
      const gap = p.x - end;
      // the gap after a bullet or list number is its indent, not a cell boundary
      if (gap > CELL_GAP * main && !ONLY_MARKER.test(text.trim())) {
        text = text.trimEnd() + ' | ';
        cells = true;
        spans.push({ x: p.x, from: text.length, right: p.x + p.width });
      } else if (gap > WORD_GAP * main && !text.endsWith(' ') && !s.startsWith(' ')) text += ' ';
    }
    if (spans.length === 0) spans.push({ x: p.x, from: text.length, right: p.x + p.width });
    text += s;
    end = p.x + p.width;
    spans[spans.length - 1]!.right = end;
    x = Math.min(x, p.x);
    maxRight = Math.max(maxRight, end);
    if (!p.bold) bold = false;
  }
  const t = text.replace(/\s+/g, ' ').trim();
  if (t === '') return undefined;
  const cut = spans.map((sp, i) => ({
    x: sp.x,
    right: sp.right,
    text: text
      .slice(sp.from, spans[i + 1] ? spans[i + 1]!.from - 3 : undefined)
      .replace(/\s+/g, ' ')
      .trim(),
  }));
  return { page, text: t, x, right: maxRight, y: base, size: main, bold, cells, spans: cut, columnLeft: left, columnRight: right, pageHeight };
}

/** The lines of one page in reading order. */
export function pageLines(page: PdfPage): PdfLine[] {
  const out: PdfLine[] = [];
  for (const g of readingGroups(page)) {
    const sorted = g.pieces.filter((p) => p.str !== '').sort((a, b) => b.y - a.y || a.x - b.x);
    let current: Piece[] = [];
    let y = NaN;
    let size = 0;
    const flush = () => {
      const l = current.length ? lineOf(current, page.number, g.left, g.right, page.height) : undefined;
      if (l) out.push(l);
      current = [];
    };
    for (const p of sorted) {
      // a raised footnote number still belongs to the line it sits on
      if (current.length > 0 && Math.abs(p.y - y) > 0.5 * Math.max(size, p.size)) flush();
      if (current.length === 0) {
        y = p.y;
        size = p.size;
      }
      if (p.str.trim() !== '' && p.size > size) {
        size = p.size;
        y = p.y;
      }
      current.push(p);
    }
    flush();
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Running headers and footers

/** A line that is only a page number: "3", "Page 3", "Page 3 of 12", "- 3 -", "3/12". */
const PAGE_NUMBER = /^(?:page\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|\/)\s*\d{1,4})?$/i;
const YEAR = /\b(?:19|20)\d\d\b/;
/** Lines at the top and at the bottom of a page that may be running headers or footers… */
const EDGE_LINES = 2;
/** …when they sit in this share of the page's height at its top or bottom. */
const EDGE_ZONE = 0.12;

function edgeKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

/**
 * Every page's lines, without the lines that repeat at the top or bottom of most pages and
 * without bare page numbers there. A repeated line that holds a year is kept once, on the first
 * page it is on: it may be the only place the policy is dated.
 */
export function dropRunningLines(pages: readonly PdfLine[][]): PdfLine[][] {
  const edges = pages.map((lines) => {
    const byY = [...lines].sort((a, b) => b.y - a.y);
    const top = byY.slice(0, EDGE_LINES).filter((l) => l.y > l.pageHeight * (1 - EDGE_ZONE));
    const bottom = byY.slice(-EDGE_LINES).filter((l) => l.y < l.pageHeight * EDGE_ZONE);
    return new Set([...top, ...bottom]);
  });
  const counts = new Map<string, number>();
  edges.forEach((set) => {
    for (const k of new Set([...set].map((l) => edgeKey(l.text)))) counts.set(k, (counts.get(k) ?? 0) + 1);
  });
  const repeatAt = Math.max(2, Math.ceil(pages.length / 2));
  const keptOnce = new Set<string>();
  return pages.map((lines, i) =>
    lines.filter((l) => {
      if (!edges[i]!.has(l)) return true;
      if (PAGE_NUMBER.test(l.text)) return false;
      const k = edgeKey(l.text);
      if (pages.length < 2 || (counts.get(k) ?? 0) < repeatAt) return true;
      if (YEAR.test(l.text) && !keptOnce.has(k)) {
        keptOnce.add(k);
        return true;
      }
      return false;
    }),
  );
}
