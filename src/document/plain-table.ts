/**
 * A table read without the Markdown parser: rows split at unescaped "|", each cell kept as plain
 * text. Used for tables too wide, or too many, to give the parser (markdown-guard.ts), which
 * spends tens of microseconds on every cell however short; this reads them in one pass.
 */
import type { Root, Table, TableCell, TableRow } from 'mdast';

/** The cells of a row, unescaped and trimmed, without the empty ones outside its outer pipes. */
export function splitRow(line: string): Array<{ text: string; start: number; end: number }> {
  const cells: Array<{ text: string; start: number; end: number }> = [];
  let from = 0;
  let text = '';
  for (let i = 0; i <= line.length; i++) {
    const c = line[i];
    if (c === '\\' && line[i + 1] === '|') {
      text += '|';
      i++;
    } else if (c === '|' || i === line.length) {
      cells.push({ text: text.trim(), start: from, end: i });
      from = i + 1;
      text = '';
    } else text += c;
  }
  // "| a | b |": the pieces before the first pipe and after the last are not cells
  if (cells.length > 1 && cells[0]!.text === '' && /^\s*\|/.test(line)) cells.shift();
  if (cells.length > 1 && cells[cells.length - 1]!.text === '' && /\|\s*$/.test(line) && !/\\\|\s*$/.test(line)) cells.pop();
  return cells;
}

/** A delimiter row: `|---|:---:|`. */
const DELIMITER_ROW = /^[\s|:-]*-[\s|:-]*$/;

/**
 * The table at the start of `text`, up to its first blank line, as a Markdown tree with positions
 * in `text`. The second row, when it is a delimiter row, is left out as the parser would.
 */
export function plainTableTree(text: string): Root {
  const rows: TableRow[] = [];
  let offset = 0;
  const lines = text.split('\n');
  let last = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') break;
    last = i;
    if (!(i === 1 && DELIMITER_ROW.test(line))) {
      const at = (column: number) => ({ line: i + 1, column: column + 1, offset: offset + column });
      const cells: TableCell[] = splitRow(line).map((c) => ({
        type: 'tableCell',
        children: c.text === '' ? [] : [{ type: 'text', value: c.text }],
        position: { start: at(c.start), end: at(c.end) },
      }));
      const indent = line.length - line.trimStart().length;
      rows.push({ type: 'tableRow', children: cells, position: { start: at(indent), end: at(line.length) } });
    }
    offset += line.length + 1;
  }
  const end = { line: last + 1, column: (lines[last]?.length ?? 0) + 1, offset: Math.max(0, offset - 1) };
  const table: Table = { type: 'table', align: [], children: rows, position: { start: { line: 1, column: 1, offset: 0 }, end } };
  return { type: 'root', children: rows.length > 0 ? [table] : [], position: { start: { line: 1, column: 1, offset: 0 }, end } };
}
