/** Source positions for YAML data: turns a JSON pointer (from ajv) into a file line and column. */
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';

export interface ParsedYaml {
  doc: Document.Parsed;
  lines: LineCounter;
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

/** Line and column of the node at a JSON pointer, or of its nearest existing ancestor. */
export function locate(parsed: ParsedYaml, pointer: string): { line: number; column: number } {
  const segs = pointerSegments(pointer);
  for (let n = segs.length; n >= 0; n--) {
    const node = parsed.doc.getIn(segs.slice(0, n), true);
    if (isNode(node) && node.range) {
      const pos = parsed.lines.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: 1, column: 1 };
}
