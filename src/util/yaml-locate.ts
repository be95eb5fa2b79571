/**
 * Source positions for YAML data: the one place that turns a node, a path or a JSON pointer (from
 * ajv) into a file line and column, for the catalogue and the policy loaders alike.
 */
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';

export interface ParsedYaml {
  doc: Document.Parsed;
  lines: LineCounter;
}

export interface LineColumn {
  line: number;
  column: number;
}

export function parseYamlWithLines(text: string): ParsedYaml {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  return { doc, lines };
}

/** "/evidence/topic/0/near" → ["evidence", "topic", 0, "near"] */
export function pointerSegments(pointer: string): Array<string | number> {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** Where a node starts, if it is a node with a place in the source. */
export function nodeStart(node: unknown, lines: LineCounter): LineColumn | undefined {
  if (!isNode(node) || !node.range) return undefined;
  const p = lines.linePos(node.range[0]);
  return { line: p.line, column: p.col };
}

/**
 * Place of the node at a path, or of its nearest existing ancestor. With `key`, the place of that
 * key in the map at the path (an unknown field is reported where it is written).
 */
export function locateIn(doc: Document, lines: LineCounter, segments: ReadonlyArray<string | number>, key?: string): LineColumn {
  if (key !== undefined) {
    const parent = doc.getIn(segments, true);
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      const at = pair && nodeStart(pair.key, lines);
      if (at) return at;
    }
  }
  for (let n = segments.length; n >= 0; n--) {
    const at = nodeStart(doc.getIn(segments.slice(0, n), true), lines);
    if (at) return at;
  }
  return { line: 1, column: 1 };
}

/** Line and column of the node at a JSON pointer (or of `key` in it), or of its nearest existing ancestor. */
export function locate(parsed: ParsedYaml, pointer: string, key?: string): LineColumn {
  return locateIn(parsed.doc, parsed.lines, pointerSegments(pointer), key);
}
