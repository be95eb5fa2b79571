/**
 * The page each paragraph of a Word document was on when Word last laid it out. Word marks where
 * its pages broke (`<w:lastRenderedPageBreak/>`) and where the writer forced one (`<w:br
 * w:type="page"/>`); files never opened in Word (made by other programs) have neither, and then
 * no page is known. The marks sit in document.xml, which mammoth does not pass on, so the
 * paragraphs are read here and matched to the reader's blocks by their opening words, in order.
 */

export interface WordParagraph {
  /** letters and digits of its text, lower case */
  key: string;
  page: number;
}

const TOKEN = /<w:p[\s>]|<w:p\/>|<\/w:p>|<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:lastRenderedPageBreak\/>|<w:br\s[^>]*w:type="page"[^>]*\/>/g;

/** Letters and digits only, lower case: text as both sides give it, whatever the spacing. */
export function wordKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** The document's paragraphs with text, with their pages; empty when the file has no page marks. */
export function wordParagraphs(documentXml: string): WordParagraph[] {
  const out: WordParagraph[] = [];
  let page = 1;
  let marks = 0;
  let depth = 0;
  let text = '';
  let startPage = 1;
  let started = false;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(documentXml); m; m = TOKEN.exec(documentXml)) {
    const tag = m[0];
    if (tag.startsWith('<w:p') && !tag.startsWith('<w:p/')) {
      // a paragraph inside another (a text box) counts towards its outer one
      if (depth++ === 0) {
        text = '';
        started = false;
      }
    } else if (tag === '</w:p>') {
      if (depth > 0 && --depth === 0 && text.trim() !== '') out.push({ key: wordKey(text), page: startPage });
    } else if (tag.startsWith('<w:t')) {
      if (!started && m[1]!.trim() !== '') {
        started = true;
        startPage = page;
      }
      text += m[1];
    } else {
      page++;
      marks++;
    }
  }
  return marks > 0 ? out : [];
}

/** How many of a block's opening characters must match a paragraph's. */
const KEY_LENGTH = 24;
/** How far ahead of the last match a block's paragraph is looked for. */
const LOOK_AHEAD = 40;

/**
 * The page of each block, by its paragraph number (index 0 unused), matched in document order;
 * undefined where no paragraph matched.
 */
export function pagesOfBlocks(blocks: ReadonlyArray<{ line: number; text: string }>, paragraphs: readonly WordParagraph[]): Array<number | undefined> {
  const pages: Array<number | undefined> = [];
  let next = 0;
  for (const b of blocks) {
    // a table row's text starts with its first cell: its paragraph is that cell's
    const key = wordKey(b.text.split(' | ')[0] ?? b.text).slice(0, KEY_LENGTH);
    if (key === '') continue;
    for (let j = next; j < Math.min(paragraphs.length, next + LOOK_AHEAD); j++) {
      const p = paragraphs[j]!;
      if (p.key.startsWith(key) || (p.key.length >= 4 && key.startsWith(p.key))) {
        pages[b.line] = p.page;
        next = j + 1;
        break;
      }
    }
  }
  return pages;
}
