/**
 * Limits that keep the Markdown parser (remark / micromark) fast on hostile input, checked in one
 * pass over the lines before it runs.
 *
 * micromark is not linear everywhere: containers nested thousands deep overflow the stack or take
 * seconds per thousand levels; many emphasis or link markers in one paragraph cost quadratic time;
 * so does a paragraph of many lines. So we refuse a file that nests absurdly deep or crams
 * thousands of markers into one paragraph (no real policy does either), and we mark cut points in
 * very long paragraphs so that the parser can take them a piece at a time (pieces.ts).
 */
import { InputError } from './model.js';

/** Lists, quotes and admonitions nested deeper than this are refused (real policies use under 10). */
export const MAX_NESTING = 100;
/** Emphasis, strike-through and link markers allowed in one paragraph (or one piece of a long one). */
export const MAX_INLINE_MARKERS = 500;
/** A paragraph longer than this many lines is parsed in pieces of about this size. */
export const PIECE_LINES = 200;
/**
 * A document is also cut between top-level blocks about every this many characters: the parser
 * holds several hundred bytes of events per byte of its input until it is done, so one parse of a
 * few megabytes fills the heap and the collector's work grows faster than the text.
 */
export const PIECE_CHARS = 32 * 1024;
/** A table with a row of more cells than this is read as plain text (real policies use under 10). */
export const MAX_TABLE_COLUMNS = 50;
/**
 * The parser spends tens of microseconds on each table cell, however short: past this many cells
 * in one document, tables are read as plain text, so a file of tiny cells cannot cost ten times
 * what prose does. (Real policies have a few hundred.)
 */
export const MAX_TABLE_CELLS = 10_000;

/** What checkMarkdown found: where to cut the text for the parser, and what to read without it. */
export interface MarkdownPlan {
  /** 0-based lines before which the text is cut into pieces, ascending */
  cuts: number[];
  /** 0-based first lines of the pieces that are tables to read as plain text (each is also a cut) */
  plainTables: Set<number>;
  /** 1-based line and message, for the report's warnings */
  warnings: Array<{ line: number; message: string }>;
}

/** A code fence the guard may skip: at most three spaces in, as CommonMark allows at the top level. An
 * indented or quoted one is checked like text, so it cannot switch the guard off for the rest of the file. */
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** A line made of one thematic-break character and spaces: `- - -`, `* * * *`. */
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/** CommonMark HTML blocks 1–5 may run across blank lines: how each one ends. */
const RAW_HTML = /^ {0,3}<(?:(script|pre|style|textarea)(?=[\s>]|$)|(!--)|(\?)|(!\[CDATA\[)|(![A-Za-z]))/i;
/** HTML block 6 (block-level tag): may interrupt a paragraph; ends at a blank line. */
const HTML_BLOCK_TAG =
  /^ {0,3}<\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?=[ \t>]|\/>|$)/i;
/** HTML block 7: a line holding one complete tag and nothing else; cannot interrupt a paragraph. */
const HTML_LONE_TAG =
  /^ {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z_:][\w.:-]*(?:[ \t]*=[ \t]*(?:[^\s"'=<>`]+|'[^'\n]*'|"[^"\n]*"))?)*[ \t]*\/?>|<\/[A-Za-z][A-Za-z0-9-]*[ \t]*>)[ \t]*$/;
/** GFM table delimiter row: `|---|:---:|`. */
const TABLE_DELIMITER = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

/** How many containers a line opens or sits in, as far as its start shows (an upper estimate). */
export function lineNesting(line: string): number {
  if (THEMATIC_BREAK.test(line)) return 0;
  let i = 0;
  let indent = 0;
  while (line[i] === ' ' || line[i] === '\t') {
    indent += line[i] === '\t' ? 4 : 1;
    i++;
  }
  const spaceAt = (at: number): boolean => at >= line.length || line[at] === ' ' || line[at] === '\t';
  let markers = 0;
  for (;;) {
    const c = line[i];
    if (c === '>') {
      i++;
    } else if ((c === '-' || c === '*' || c === '+') && spaceAt(i + 1)) {
      i++;
    } else if (c !== undefined && c >= '0' && c <= '9') {
      let j = i;
      while (j < line.length && j - i < 9 && line[j]! >= '0' && line[j]! <= '9') j++;
      if ((line[j] !== '.' && line[j] !== ')') || !spaceAt(j + 1)) break;
      i = j + 1;
    } else if (line.startsWith('!!!', i) || line.startsWith('???', i)) {
      // an MkDocs admonition nests by indentation, like a list item
      markers++;
      break;
    } else if (c === '[' && line[i + 1] === '^') {
      // a footnote definition is a container too
      const close = line.indexOf(']:', i);
      if (close === -1) break;
      i = close + 2;
    } else break;
    markers++;
    while (line[i] === ' ' || line[i] === '\t') i++;
  }
  // a nested item sits at least two columns right of its parent
  return markers === 0 ? 0 : markers + Math.floor(indent / 2);
}

/**
 * Markers that may open or close emphasis, strike-through and links: each bracket, and each
 * character of a run of * _ ~ (two long runs nest one emphasis per pair of characters). A run
 * with space on both sides can do neither, so a form's "Name: ________" counts once.
 */
export function inlineMarkers(line: string): number {
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '[' || c === ']') n++;
    else if (c === '*' || c === '_' || c === '~') {
      let j = i + 1;
      while (line[j] === c) j++;
      const spaced = (i === 0 || /\s/.test(line[i - 1]!)) && (j === line.length || /\s/.test(line[j]!));
      n += spaced ? 1 : j - i;
      i = j - 1;
    }
  }
  return n;
}

/** The line without the quote markers and spaces in front of it. */
function content(line: string): string {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t' || line[i] === '>')) i++;
  return line.slice(i);
}

/** Does the line start a block of its own (a list item or heading), ending any paragraph before it? */
function startsBlock(line: string): boolean {
  return /^(?:[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|#)/.test(content(line));
}

/** A list item (not a heading): `- a`, `1. a`. */
function startsBlockOtherThanHeading(line: string): boolean {
  return /^(?:[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$))/.test(line);
}

/** May a long paragraph be cut before this line? Only before plain text. */
function cuttable(line: string): boolean {
  return /^ {0,3}(?:> ?)*[\p{L}\p{N}]/u.test(line) && !startsBlock(line);
}

function rawHtmlEnd(m: RegExpExecArray): string {
  if (m[1]) return `</${m[1].toLowerCase()}>`;
  if (m[2]) return '-->';
  if (m[3]) return '?>';
  if (m[4]) return ']]>';
  return '>';
}

/** Cells in a table row: its unescaped pipes, less an outer pipe at either end. */
export function tableCells(line: string): number {
  let pipes = 0;
  for (let i = 0; i < line.length; i++) {
    if (line.charCodeAt(i) === 92 /* \\ */) i++;
    else if (line.charCodeAt(i) === 124 /* | */) pipes++;
  }
  const t = line.trim();
  return pipes + 1 - (t.startsWith('|') ? 1 : 0) - (t.length > 1 && t.endsWith('|') && !t.endsWith('\\|') ? 1 : 0);
}

/** A top-level heading (`# …` at the margin) or plain text at the margin: no open block survives it. */
const TOP_LEVEL_START = /^(?:#{1,6}(?:[ \t]|$)|[\p{L}\p{N}])/u;

/**
 * Check the limits and plan the parse: the 0-based lines before which the text may be cut into
 * pieces for the parser, and the tables to read as plain text. Fenced code, HTML blocks and tables
 * are never cut: a cut would change what they are. Besides very long paragraphs, a long document
 * is cut about every PIECE_CHARS between top-level blocks, where a cut changes nothing.
 * @throws InputError naming the line, when nesting or markers are over a limit
 */
export function checkMarkdown(path: string, text: string, pieceChars = PIECE_CHARS): MarkdownPlan {
  const lines = text.split('\n');
  const cuts: number[] = [];
  const plainTables = new Set<number>();
  const warnings: MarkdownPlan['warnings'] = [];
  /** the table being read: its first line, widest row and cells */
  let table: { start: number; widest: number; cells: number } | undefined;
  /** cells in tables left to the parser so far */
  let parsedCells = 0;
  let charsSinceCut = 0;
  let previousBlank = true;
  const cutAt = (i: number): void => {
    if (cuts[cuts.length - 1] !== i && i > 0) cuts.push(i);
    charsSinceCut = 0;
  };
  /** The table ends before line `end`: leave it to the parser, or mark it to be read as plain text. */
  const endTable = (end: number): void => {
    if (!table) return;
    const { start, widest, cells } = table;
    table = undefined;
    const tooWide = widest > MAX_TABLE_COLUMNS;
    if (!tooWide && parsedCells + cells <= MAX_TABLE_CELLS) {
      parsedCells += cells;
      return;
    }
    cutAt(start);
    plainTables.add(start);
    if (end < lines.length) cutAt(end);
    const why = tooWide ? `a table row of ${widest} cells (more than ${MAX_TABLE_COLUMNS})` : `over ${MAX_TABLE_CELLS} table cells in this file`;
    warnings.push({ line: start + 1, message: `${why}: this table is read as plain text (cells split at "|", without links or emphasis)` });
  };
  let fence: string | undefined;
  /** the text that closes the raw HTML block we are in ("-->", "</pre>" …) */
  let rawEnd: string | undefined;
  /** in an HTML block or a table: both end at the next blank line */
  let flat: 'html' | 'table' | undefined;
  let inParagraph = false;
  let pieceStart = 0;
  let markers = 0;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const blankBefore = previousBlank;
    previousBlank = false;
    charsSinceCut += line.length + 1;
    if (rawEnd !== undefined) {
      if (line.toLowerCase().includes(rawEnd)) rawEnd = undefined;
      continue;
    }
    const f = FENCE.exec(line);
    if (fence !== undefined) {
      if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length) fence = undefined;
      continue;
    }
    if (f || line.trim() === '' || (flat === 'table' && (startsBlock(line) || /^ {0,3}>/.test(line)))) endTable(i);
    if (f) {
      fence = f[1]!;
      inParagraph = false;
      flat = undefined;
      continue;
    }
    if (line.trim() === '') {
      inParagraph = false;
      flat = undefined;
      previousBlank = true;
      continue;
    }
    if (flat === 'table' && !table) flat = undefined;
    // a long document: cut before a heading or a paragraph at the margin, where nothing is open
    if (
      charsSinceCut > pieceChars &&
      flat === undefined &&
      TOP_LEVEL_START.test(line) &&
      (blankBefore || line[0] === '#') &&
      !startsBlockOtherThanHeading(line)
    ) {
      cutAt(i);
      pieceStart = i;
      markers = 0;
      inParagraph = false;
    }
    const raw = RAW_HTML.exec(line);
    if (raw) {
      const end = rawHtmlEnd(raw);
      // it may close on its own first line
      if (!line.toLowerCase().includes(end, raw[0].length)) rawEnd = end;
      inParagraph = false;
      continue;
    }
    if (flat === 'html') continue;
    if (HTML_BLOCK_TAG.test(line) || (!inParagraph && HTML_LONE_TAG.test(line))) {
      flat = 'html';
      inParagraph = false;
      continue;
    }
    const depth = lineNesting(line);
    if (depth > MAX_NESTING) {
      throw new InputError(`nested too deeply: about ${depth} levels of lists or quotes (the limit is ${MAX_NESTING})`, path, i + 1, 1);
    }
    if (flat === undefined && line.includes('|') && TABLE_DELIMITER.test(lines[i + 1] ?? '') && lines[i + 1]!.includes('-')) {
      flat = 'table';
      table = { start: i, widest: 0, cells: 0 };
    }
    if (table) {
      const cells = tableCells(line);
      table.widest = Math.max(table.widest, cells);
      table.cells += cells;
    }

    if (flat === 'table' || !inParagraph || startsBlock(line)) {
      // a table row is parsed on its own; so is the first line of a paragraph or list item
      pieceStart = i;
      markers = 0;
      inParagraph = flat === undefined;
    } else if (i - pieceStart >= PIECE_LINES && cuttable(line)) {
      // the parser takes a paragraph's lines in time quadratic in their number: give it pieces
      cutAt(i);
      pieceStart = i;
      markers = 0;
    }
    markers += inlineMarkers(line);
    if (markers > MAX_INLINE_MARKERS) {
      throw new InputError(
        `too much inline markup: over ${MAX_INLINE_MARKERS} emphasis or link markers in one paragraph (from this line); split it with blank lines`,
        path,
        pieceStart + 1,
        1,
      );
    }
  }
  endTable(lines.length);
  return { cuts, plainTables, warnings };
}
