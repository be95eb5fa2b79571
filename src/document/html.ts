/**
 * HTML → blocks, parsed with rehype-parse (the HTML standard's own parsing rules, so entities,
 * unclosed tags and stray markup read as a browser reads them).
 *
 * Two uses: HTML found inside a Markdown policy (htmlPieces: text pieces with their offsets), and
 * whole HTML pages or Word documents converted to HTML (readHtmlTree: headings, paragraphs,
 * lists and tables fed to the shared DocumentBuilder, with the page's navigation, header, footer,
 * cookie banner and scripts left out).
 */
import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { collapseSpace, CONTENTS_LINE, countTexts, isBoldHeadingText, isPlainHeadingLine, nonSpaceLength, URL_LIKE, type DocumentBuilder } from './builder.js';
import type { BlockContext, BlockKind, Position } from './model.js';

const fragmentParser = unified().use(rehypeParse, { fragment: true }).freeze();
const documentParser = unified().use(rehypeParse, { fragment: false }).freeze();

export function parseHtmlFragment(html: string): Root {
  return fragmentParser.parse(html);
}

export function parseHtmlDocument(html: string): Root {
  return documentParser.parse(html);
}

/** Elements whose text is never shown as page text. */
const NEVER_TEXT = new Set(['script', 'style', 'template', 'textarea', 'noscript', 'head', 'title', 'svg', 'math', 'iframe', 'object', 'select', 'button']);
/** Elements that end a piece of text (block-level), besides headings, lists and tables. */
const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'header',
  'hr',
  'html',
  'legend',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'tr',
  'ul',
]);

function headingLevel(el: Element): number | undefined {
  const m = /^h([1-6])$/.exec(el.tagName);
  return m ? Number(m[1]) : undefined;
}

// =============================================================================================
// Pieces: HTML inside Markdown
// =============================================================================================

export interface HtmlPiece {
  text: string;
  /** offsets into the HTML source */
  start: number;
  end: number;
  /** 1-6 when the piece is the content of an <hN> element */
  heading?: number;
}

/** Split HTML into text pieces at block-level elements, each with its offsets in the source. */
export function htmlPieces(html: string): HtmlPiece[] {
  const out: HtmlPiece[] = [];
  let buf = '';
  let start = -1;
  let end = -1;
  let heading: number | undefined;

  const flush = (): void => {
    const text = collapseSpace(buf);
    if (text !== '' && start !== -1) out.push(heading ? { text, start, end, heading } : { text, start, end });
    buf = '';
    start = -1;
  };
  const addText = (node: Text): void => {
    const value = node.value;
    const from = node.position?.start.offset;
    const to = node.position?.end.offset;
    if (start === -1) {
      const lead = value.length - value.trimStart().length;
      if (lead === value.length) return;
      // the text's offsets are the source's; entities make value and source differ in length
      start = from !== undefined ? from + Math.min(lead, (to ?? from) - from) : 0;
    }
    buf += value;
    if (to !== undefined && value.trimEnd() !== '') end = to - (value.length - value.trimEnd().length);
  };
  const visit = (nodes: readonly (RootContent | ElementContent)[]): void => {
    for (const n of nodes) {
      if (n.type === 'text') addText(n);
      else if (n.type === 'element') {
        if (NEVER_TEXT.has(n.tagName)) continue;
        const h = headingLevel(n);
        if (h) {
          flush();
          heading = h;
          visit(n.children);
          flush();
          heading = undefined;
        } else if (n.tagName === 'br') {
          if (start !== -1) buf += ' ';
        } else if (n.tagName === 'td' || n.tagName === 'th') {
          if (start !== -1 && buf.trim() !== '') buf += ' | ';
          visit(n.children);
        } else if (BLOCK_TAGS.has(n.tagName)) {
          flush();
          visit(n.children);
          flush();
        } else visit(n.children);
      }
    }
  };
  visit(parseHtmlFragment(html).children);
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

// =============================================================================================
// Whole pages
// =============================================================================================

/** Words in an id, class, role or label that mark page furniture rather than content. */
const FURNITURE = /\b(?:cookie|cookies|consent|gdpr|banner|skip-?link|breadcrumbs?|site-?nav|navbar|menu|share|social)\b/i;
const FURNITURE_TAGS = new Set(['nav', 'header', 'footer', 'aside', 'form', 'dialog']);
const FURNITURE_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'search', 'dialog', 'alertdialog', 'complementary']);

function attr(el: Element, name: string): string {
  const v = el.properties?.[name];
  return Array.isArray(v) ? v.join(' ') : v === undefined || v === null ? '' : String(v);
}

function isFurniture(el: Element, inContent: boolean): boolean {
  // an article's own <header> holds its title: furniture only outside the chosen content
  if (FURNITURE_TAGS.has(el.tagName) && !(inContent && el.tagName === 'header')) return true;
  if (FURNITURE_ROLES.has(attr(el, 'role'))) return true;
  if (attr(el, 'hidden') === 'true' || attr(el, 'ariaHidden') === 'true') return true;
  return FURNITURE.test(`${attr(el, 'id')} ${attr(el, 'className')} ${attr(el, 'ariaLabel')}`.replace(/[_-]/g, ' '));
}

function findFirst(nodes: readonly (RootContent | ElementContent)[], tag: string): Element | undefined {
  for (const n of nodes) {
    if (n.type !== 'element') continue;
    if (n.tagName === tag) return n;
    if (NEVER_TEXT.has(n.tagName)) continue;
    const inner = findFirst(n.children, tag);
    if (inner) return inner;
  }
  return undefined;
}

/** The part of a page that holds its content: <main>, else the first <article>, else the whole page. */
export function contentRoot(root: Root): { nodes: readonly (RootContent | ElementContent)[]; chosen: boolean } {
  const main = findFirst(root.children, 'main') ?? findFirst(root.children, 'article');
  return main ? { nodes: main.children, chosen: true } : { nodes: root.children, chosen: false };
}

/** How the blocks of a page are placed: by the source's lines, or by counting paragraphs (Word). */
export type HtmlPlacing = 'source' | 'paragraph';

interface Run {
  raw: string;
  linkChars: number;
  from?: { line: number; column: number };
  to?: { line: number; column: number };
  seenOther: boolean;
  emphasisCount: number;
}

interface Flow {
  kind: BlockKind;
  listGroup?: number | undefined;
  context?: BlockContext | undefined;
  topLevel: boolean;
  inContent: boolean;
}

const LIST_TAGS = new Set(['ul', 'ol']);

/**
 * Walks a page's tree into the builder. The rules follow the Markdown reader's: a short bold line
 * on its own acts as a heading, a paragraph ending in ':' shares its group with the list after it,
 * the rows of a table are one group with cells joined by ' | '.
 */
export class HtmlWalker {
  private realDepth = 0;
  private paragraphs = 0;
  /** paragraphs counted so far (the last ¶ number, when placing by paragraph) */
  get paragraphCount(): number {
    return this.paragraphs;
  }
  /** group of a paragraph ending in ':' that the next list joins */
  private colonGroup: number | undefined;
  /** the page has heading elements; without any, short plain lines may be its headings */
  private marked = false;
  /** how often each paragraph's text occurs: one repeated is a running header, not a heading */
  private paragraphCounts = new Map<string, number>();

  constructor(
    private readonly b: DocumentBuilder,
    private readonly placing: HtmlPlacing,
  ) {}

  walk(nodes: readonly (RootContent | ElementContent)[], inContent: boolean): void {
    this.survey(nodes);
    this.flow(nodes, { kind: 'paragraph', topLevel: true, inContent });
  }

  /** Before the walk: does the page mark its headings, and which paragraph texts repeat? */
  private survey(nodes: readonly (RootContent | ElementContent)[]): void {
    const stack = [...nodes];
    const texts: string[] = [];
    for (let n = stack.pop(); n; n = stack.pop()) {
      if (n.type !== 'element') continue;
      if (headingLevel(n)) this.marked = true;
      if (n.tagName === 'p') {
        texts.push(blockText(n));
      } else stack.push(...n.children);
    }
    this.paragraphCounts = countTexts(texts);
  }

  /**
   * The Markdown reader's rule for text exported from Word or PDF, so that the same text reads
   * the same in every format: on a page with no heading elements, a short plain paragraph of one
   * line, with a paragraph, list or table after it, is a heading ("10.0 RECORD KEEPING").
   */
  private plainHeading(el: Element, next: RootContent | ElementContent | undefined, ctx: Flow): boolean {
    if (this.marked || !ctx.topLevel || el.tagName !== 'p' || !next || next.type !== 'element' || !['p', 'ul', 'ol', 'table'].includes(next.tagName))
      return false;
    if (!el.children.every((c) => c.type === 'text')) return false;
    const raw = el.children
      .map((c) => c.value)
      .join('')
      .trim();
    const text = collapseSpace(raw);
    if (raw.includes('\n') || CONTENTS_LINE.test(text) || !isPlainHeadingLine(text, raw) || (this.paragraphCounts.get(text) ?? 0) > 1) return false;
    const run = this.emptyRun();
    this.inline(el.children, run, false);
    this.heading(text, 2, run, false);
    return true;
  }

  private emptyRun(): Run {
    return { raw: '', linkChars: 0, seenOther: false, emphasisCount: 0 };
  }

  /** Where a run of text sits: its source lines, or the next paragraph number. */
  private place(run: Run): Position {
    if (this.placing === 'paragraph') {
      const n = ++this.paragraphs;
      return { line: n, column: 1, endLine: n, endColumn: 1 };
    }
    const from = run.from ?? { line: 1, column: 1 };
    const to = run.to ?? from;
    return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
  }

  /** Inline content into a run: text, links (their characters counted), line breaks. */
  private inline(nodes: readonly ElementContent[], run: Run, emphasis: boolean): void {
    for (const n of nodes) {
      if (n.type === 'text') {
        if (n.value.trim() !== '') {
          if (!emphasis) run.seenOther = true;
          const p = n.position;
          if (p) {
            if (!run.from) {
              const lead = n.value.length - n.value.trimStart().length;
              const before = n.value.slice(0, lead);
              const nl = before.lastIndexOf('\n');
              const lines = before.split('\n').length - 1;
              run.from = { line: p.start.line + lines, column: nl === -1 ? p.start.column + lead : lead - nl };
            }
            run.to = { line: p.end.line, column: p.end.column };
          }
        }
        run.raw += n.value;
      } else if (n.type === 'element') {
        if (NEVER_TEXT.has(n.tagName) || n.tagName === 'img') continue;
        if (n.tagName === 'br') {
          run.raw += '\n';
          continue;
        }
        const isEmphasis = n.tagName === 'strong' || n.tagName === 'b' || n.tagName === 'em' || n.tagName === 'i';
        if (isEmphasis && !emphasis && collapseSpace(blockText(n)) !== '') run.emphasisCount++;
        if (n.tagName === 'a') {
          const before = run.raw.length;
          this.inline(n.children, run, emphasis);
          const t = run.raw.slice(before).trim();
          const href = attr(n, 'href');
          if (!/^(?:mailto|tel):/i.test(href) && !URL_LIKE.test(t)) run.linkChars += nonSpaceLength(t);
          continue;
        }
        this.inline(n.children, run, emphasis || isEmphasis);
      }
    }
  }

  private emitRun(run: Run, ctx: Flow, group?: number): void {
    const text = collapseSpace(run.raw);
    if (text === '') return;
    if (ctx.topLevel && this.boldHeading(run, text)) return;
    const g = group ?? ctx.listGroup ?? this.b.newGroup();
    this.colonGroup = text.endsWith(':') ? g : undefined;
    this.b.addBlock({ kind: ctx.kind, text: run.raw, group: g, context: ctx.context, linkChars: run.linkChars, ...this.place(run) });
  }

  /** A short line that is all bold (or italic), with no full stop: a heading a writer made by hand. */
  private boldHeading(run: Run, text: string): boolean {
    if (run.seenOther || run.emphasisCount !== 1) return false;
    if (!isBoldHeadingText(text)) return false;
    this.heading(text.replace(/\s*:$/, ''), this.realDepth > 0 ? this.realDepth + 1 : 2, run, false);
    return true;
  }

  private heading(text: string, depth: number, run: Run, real: boolean): void {
    const t = collapseSpace(text);
    if (t === '') return;
    const pos = this.place(run);
    this.b.openSection(t, depth, pos.line, pos.column);
    this.b.addBlock({ kind: 'heading', text: t, group: this.b.newGroup(), ...pos });
    this.colonGroup = undefined;
    if (real) this.realDepth = depth;
  }

  /** Block content: inline runs between block elements become blocks. */
  private flow(nodes: readonly (RootContent | ElementContent)[], ctx: Flow): void {
    let run = this.emptyRun();
    const flush = (): void => {
      this.emitRun(run, ctx);
      run = this.emptyRun();
    };
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i]!;
      if (n.type === 'text') {
        this.inline([n], run, false);
        continue;
      }
      if (n.type !== 'element') continue;
      const el = n;
      if (NEVER_TEXT.has(el.tagName)) continue;
      if (isFurniture(el, ctx.inContent)) continue;
      if (el.tagName === 'p' && !this.marked) {
        // the next element, past the white space between them
        let k = i + 1;
        while (k < nodes.length && nodes[k]!.type === 'text' && (nodes[k] as Text).value.trim() === '') k++;
        flush();
        if (this.plainHeading(el, nodes[k], ctx)) continue;
      }
      const h = headingLevel(el);
      if (h) {
        flush();
        const hr = this.emptyRun();
        this.inline(el.children, hr, false);
        this.heading(hr.raw, h, hr, true);
      } else if (LIST_TAGS.has(el.tagName)) {
        flush();
        this.list(el, ctx);
      } else if (el.tagName === 'table') {
        flush();
        this.table(el, ctx);
      } else if (el.tagName === 'blockquote') {
        flush();
        this.flow(el.children, { ...ctx, kind: ctx.kind === 'paragraph' ? 'blockquote' : ctx.kind, topLevel: false });
      } else if (BLOCK_TAGS.has(el.tagName)) {
        flush();
        // a plain <div> or <section> wrapper keeps its children at the level they were
        const wrapper =
          el.tagName === 'div' ||
          el.tagName === 'section' ||
          el.tagName === 'article' ||
          el.tagName === 'main' ||
          el.tagName === 'body' ||
          el.tagName === 'html' ||
          el.tagName === 'center';
        this.flow(el.children, wrapper ? ctx : { ...ctx, topLevel: ctx.topLevel && el.tagName === 'p' });
      } else this.inline([el], run, false);
    }
    flush();
  }

  private list(el: Element, ctx: Flow): void {
    const group = ctx.listGroup ?? this.colonGroup ?? this.b.newGroup();
    this.colonGroup = undefined;
    for (const item of el.children) {
      if (item.type !== 'element') continue;
      this.flow(item.tagName === 'li' ? item.children : [item], {
        kind: 'list-item',
        listGroup: group,
        context: ctx.context,
        topLevel: false,
        inContent: ctx.inContent,
      });
    }
    this.colonGroup = undefined;
  }

  private table(el: Element, ctx: Flow): void {
    const group = this.b.newGroup();
    for (const row of rowsOf(el)) {
      const run = this.emptyRun();
      const cells: string[] = [];
      for (const cell of row.children) {
        if (cell.type !== 'element' || (cell.tagName !== 'td' && cell.tagName !== 'th')) continue;
        const c = this.emptyRun();
        this.inline(cell.children, c, false);
        // a cell's own paragraphs and lists read as one line of the row
        const nested = blockText(cell);
        const text = collapseSpace(nested);
        if (text === '') continue;
        cells.push(text);
        run.linkChars += c.linkChars;
        run.from ??= c.from;
        run.to = c.to ?? run.to;
      }
      run.raw = cells.join(' | ');
      if (run.raw === '') continue;
      this.b.addBlock({ kind: 'table-row', text: run.raw, group, context: ctx.context, linkChars: run.linkChars, ...this.place(run) });
    }
    this.colonGroup = undefined;
  }
}

function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  for (const c of table.children) {
    if (c.type !== 'element') continue;
    if (c.tagName === 'tr') rows.push(c);
    else if (c.tagName === 'thead' || c.tagName === 'tbody' || c.tagName === 'tfoot') rows.push(...rowsOf(c));
  }
  return rows;
}

/** Visible text of an element, block children separated by spaces. */
function blockText(el: Element): string {
  let out = '';
  const visit = (nodes: readonly ElementContent[]): void => {
    for (const n of nodes) {
      if (n.type === 'text') out += n.value;
      else if (n.type === 'element' && !NEVER_TEXT.has(n.tagName)) {
        const block = BLOCK_TAGS.has(n.tagName) || n.tagName === 'br';
        if (block) out += ' ';
        visit(n.children);
        if (block) out += ' ';
      }
    }
  };
  visit(el.children);
  return out;
}
