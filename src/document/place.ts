/**
 * Positions as a reader of each format finds them. A block's `line` is a source line in Markdown,
 * YAML and HTML, a paragraph number in Word and a line of the extracted text in PDF; this turns
 * it into what the reader looks for: "line 40", "¶ 42" (or "p. 3, ¶ 42"), "p. 3, line 12".
 */
import type { PolicyDocument } from './model.js';

export interface Place {
  /** PDF: the printed page, and the line on it */
  page?: number;
  pageLine?: number;
  /** Word: the paragraph number (and `page`, where Word recorded where its pages broke) */
  paragraph?: number;
  /** the place in words, for formats whose `line` is not a line of the file */
  where?: string;
}

type Placed = Pick<PolicyDocument, 'placing' | 'pageLines' | 'paragraphPages'>;

export function placeOf(doc: Placed, line: number): Place {
  if (doc.placing === 'paragraph') {
    const page = doc.paragraphPages?.[line];
    return page === undefined ? { paragraph: line, where: `¶ ${line}` } : { page, paragraph: line, where: `p. ${page}, ¶ ${line}` };
  }
  if (doc.placing === 'page') {
    const at = doc.pageLines?.[line - 1];
    if (at) return { page: at.page, pageLine: at.line, where: `p. ${at.page}, line ${at.line}` };
  }
  return {};
}

/** "line 40", "¶ 42" or "p. 3, line 12". */
export function lineLabel(doc: Placed, line: number): string {
  return placeOf(doc, line).where ?? `line ${line}`;
}
