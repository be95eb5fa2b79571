/**
 * Parses Markdown in pieces cut at given lines and joins the trees, with every position moved
 * back to its place in the whole text.
 *
 * Very long paragraphs are cut (markdown-guard.ts), and long documents between top-level blocks,
 * so for ordinary policies this is one parse of the whole text. A cut in a paragraph ends it
 * early; that is the price of not spending minutes on a paragraph of a hundred thousand lines.
 */
import type { Nodes, Root } from 'mdast';

/**
 * Link reference and footnote definitions copied into every piece, so `[text][ref]` and `[^1]`
 * resolve across a cut. (A footnote's first line is enough to define it.)
 */
const DEFINITION = /^ {0,3}\[(?:[^\]\\\n]|\\.){1,999}\]:[ \t]*\S/;
/** At most this many definition lines are copied (each piece parses them again). */
const MAX_SHARED_DEFINITIONS = 100;

/** Move every position in a piece's tree by the lines and characters before the piece, in place. */
function shift(root: Nodes, lines: number, offset: number): void {
  if (lines === 0 && offset === 0) return;
  // the tree is the piece's own; a point object shared by two nodes is moved once
  const moved = new Set<object>();
  const move = (pt: { line: number; offset?: number | undefined }): void => {
    if (moved.has(pt)) return;
    moved.add(pt);
    pt.line += lines;
    if (pt.offset !== undefined) pt.offset += offset;
  };
  const stack: Nodes[] = [root];
  for (let n = stack.pop(); n; n = stack.pop()) {
    const p = n.position;
    if (p) {
      move(p.start);
      move(p.end);
    }
    if ('children' in n) for (const c of n.children as Nodes[]) stack.push(c);
  }
}

/**
 * Parse `text` with `parse`, in pieces starting at the 0-based lines in `cuts` (ascending);
 * `parse` is told the line each piece starts at. With no cuts it is exactly `parse(text, 0)`.
 */
export function parseInPieces(text: string, cuts: readonly number[], parse: (text: string, fromLine: number) => Root): Root {
  if (cuts.length === 0) return parse(text, 0);
  const lines = text.split('\n');
  const definitions = lines.filter((l) => DEFINITION.test(l)).slice(0, MAX_SHARED_DEFINITIONS);
  const shared = definitions.length > 0 ? `\n\n${definitions.join('\n\n')}` : '';
  const root: Root = { type: 'root', children: [] };
  let from = 0;
  let offset = 0;
  for (const to of [...cuts, lines.length]) {
    const body = lines.slice(from, to).join('\n');
    const tree = parse(body + shared, from);
    const pieceLines = to - from;
    for (const child of tree.children) {
      // the copied definitions come after the piece's own lines
      if (child.position && child.position.start.line > pieceLines) continue;
      shift(child, from, offset);
      root.children.push(child);
    }
    offset += body.length + 1;
    from = to;
  }
  const last = lines.length;
  root.position = { start: { line: 1, column: 1, offset: 0 }, end: { line: last, column: (lines[last - 1]?.length ?? 0) + 1, offset: text.length } };
  return root;
}
