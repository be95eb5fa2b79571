/**
 * HTML → text pieces: tags stripped, entities decoded, block-level elements split into separate
 * pieces, each with its offsets in the source.
 */
import { collapseSpace } from './builder.js';


const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ',
  ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', sbquo: '‚', bdquo: '„',
  hellip: '…', pound: '£', euro: '€', copy: '©', reg: '®', trade: '™', bull: '•', middot: '·',
  times: '×', deg: '°', sect: '§', para: '¶', laquo: '«', raquo: '»', shy: '', zwsp: '',
  eacute: 'é', egrave: 'è', agrave: 'à', aacute: 'á', ouml: 'ö', uuml: 'ü', auml: 'ä', ccedil: 'ç',
};

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '\uFFFD';
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? NAMED_ENTITIES[ref] ?? whole;
  });
}

const HTML_BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hr', 'html', 'legend', 'li', 'main', 'nav', 'ol', 'p',
  'pre', 'section', 'summary', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul', 'head', 'title',
]);
const RAW_TEXT_TAGS = new Set(['script', 'style', 'template', 'textarea']);

export interface HtmlPiece {
  text: string;
  /** offsets into the HTML source */
  start: number;
  end: number;
  /** 1-6 when the piece is the content of an <hN> element */
  heading?: number;
}

/**
 * Split HTML into text pieces at block-level elements. A hand-written scanner rather than a
 * regular expression: one pass, so hostile HTML (unclosed tags, quotes) cannot make it slow.
 */
export function htmlPieces(html: string): HtmlPiece[] {
  const out: HtmlPiece[] = [];
  const lower = html.toLowerCase();
  let buf = '';
  let bufStart = -1;
  let bufEnd = -1;
  let heading: number | undefined;

  const flush = (): void => {
    const text = collapseSpace(decodeEntities(buf));
    if (text !== '') out.push(heading ? { text, start: bufStart, end: bufEnd, heading } : { text, start: bufStart, end: bufEnd });
    buf = '';
    bufStart = -1;
  };
  const addText = (from: number, to: number): void => {
    if (from >= to) return;
    const seg = html.slice(from, to);
    if (bufStart === -1) {
      const lead = seg.length - seg.trimStart().length;
      if (lead === seg.length) return;
      bufStart = from + lead;
    }
    buf += seg;
    bufEnd = from + seg.trimEnd().length;
  };

  let i = 0;
  let textFrom = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) break;
    if (lower.startsWith('<!--', lt)) {
      addText(textFrom, lt);
      const endC = html.indexOf('-->', lt + 4);
      i = textFrom = endC === -1 ? html.length : endC + 3;
      continue;
    }
    const m = /^<(\/?)([a-z][a-z0-9-]*)/.exec(lower.slice(lt, lt + 40));
    const gt = m || lower[lt + 1] === '!' || lower[lt + 1] === '?' ? html.indexOf('>', lt) : -1;
    if (gt === -1) {
      // not a tag, or never closed: the rest is text
      if (m || lower[lt + 1] === '!' || lower[lt + 1] === '?') break;
      i = lt + 1;
      continue;
    }
    addText(textFrom, lt);
    i = textFrom = gt + 1;
    if (!m) continue; // <!DOCTYPE …>, <?xml …?>
    const closing = m[1] === '/';
    const name = m[2]!;
    if (!closing && RAW_TEXT_TAGS.has(name)) {
      const endTag = lower.indexOf(`</${name}`, gt + 1);
      const endGt = endTag === -1 ? -1 : html.indexOf('>', endTag);
      i = textFrom = endGt === -1 ? html.length : endGt + 1;
      continue;
    }
    const h = /^h([1-6])$/.exec(name);
    if (h) {
      flush();
      heading = closing ? undefined : Number(h[1]);
    } else if (name === 'br') {
      if (bufStart !== -1) buf += ' ';
    } else if (name === 'td' || name === 'th') {
      if (!closing && bufStart !== -1 && buf.trim() !== '') buf += ' | ';
    } else if (HTML_BLOCK_TAGS.has(name)) {
      flush();
    }
  }
  addText(textFrom, html.length);
  flush();
  return out;
}

/** Text of inline HTML inside a paragraph (`<br>`, `<span>`, an entity-laden fragment). */
export function inlineHtmlText(value: string): string {
  if (/^<br\s*\/?>$/i.test(value.trim())) return ' ';
  return htmlPieces(value)
    .map((p) => p.text)
    .join(' ');
}

