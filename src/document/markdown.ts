/**
 * Markdown policy → PolicyDocument.
 *
 * Real policies are messy: Word exports with bold lines instead of headings or one long numbered
 * list, MkDocs sites with admonitions and Jinja, HTML pasted in the middle. We keep every line in
 * place (so evidence quotes the file's own line numbers), parse once with remark, and walk the
 * tree into sections and text blocks. Loaders never judge content; they only say where text is
 * and what kind of place it sits in.
 */
import type { Blockquote, Code, Heading, Html, List, ListItem, Nodes, Paragraph, PhrasingContent, Root, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { splitFrontMatter } from './frontmatter.js';
import { checkMarkdown } from './markdown-guard.js';
import {
  collapseSpace,
  CONTENTS_LINE,
  countLines,
  countWords,
  DocumentBuilder,
  countTexts,
  isBoldHeadingText,
  isPlainHeadingLine,
  nonSpaceLength,
  URL_LIKE,
  type BlockInput,
} from './builder.js';
import { htmlReader } from './html-reader.js';
import { normaliseMarkdown, type Admonition, type Normalised } from './markdown-normalise.js';
import type { BlockContext, BlockKind, PolicyDocument, Position } from './model.js';
import { remarkGfmWithoutAutolinks } from './gfm.js';
import { parseInPieces } from './pieces.js';
import { plainTableTree } from './plain-table.js';

// =============================================================================================
// Inline text
// =============================================================================================

interface InlineText {
  text: string;
  /** the same text before white space is collapsed: its line breaks are the source's */
  raw: string;
  /** visible characters inside links, not counting e-mail/phone links or links whose text is a URL */
  linkChars: number;
}

function inlineText(nodes: readonly Nodes[]): InlineText {
  const parts: string[] = [];
  let linkChars = 0;
  const visit = (n: Nodes): void => {
    switch (n.type) {
      case 'text':
      case 'inlineCode':
        parts.push(n.value);
        return;
      case 'html':
        parts.push(htmlReader().inlineHtmlText(n.value));
        return;
      case 'break':
        // a hard break ends a source line
        parts.push('\n');
        return;
      case 'image':
      case 'imageReference':
      case 'footnoteReference':
        return;
      case 'link':
      case 'linkReference': {
        const from = parts.length;
        for (const c of n.children) visit(c);
        const t = parts.slice(from).join('').trim();
        // contact links (mailto:, tel:) are contact details, which are evidence, not references
        const contact = n.type === 'link' && /^(?:mailto|tel):/i.test(n.url);
        if (!contact && !URL_LIKE.test(t)) linkChars += nonSpaceLength(t);
        return;
      }
      default:
        if ('children' in n) for (const c of n.children as Nodes[]) visit(c);
    }
  };
  for (const n of nodes) visit(n);
  const raw = parts.join('');
  return { text: collapseSpace(raw), raw, linkChars };
}

/** Heading text without MkDocs/Pandoc attribute lists (`## Roles {#roles}`). */
function headingText(node: Heading): string {
  return collapseSpace(toString(node, { includeImageAlt: false, includeHtml: false })).replace(/\s*\{[#.:][^{}]*\}$/, '');
}

// =============================================================================================
// The walk
// =============================================================================================

function positionOf(node: { position?: { start: { line: number; column: number }; end: { line: number; column: number } } | undefined }): Position {
  const p = node.position;
  if (!p) return { line: 1, column: 1, endLine: 1, endColumn: 1 };
  return { line: p.start.line, column: p.start.column, endLine: p.end.line, endColumn: p.end.column };
}

interface FlowContext {
  /** kind a paragraph gets in this container: 'paragraph', 'list-item', 'blockquote', 'admonition' */
  paragraphKind: BlockKind;
  /** group shared by everything inside one top-level list */
  listGroup?: number | undefined;
  /** context forced on everything inside (footnote definitions → 'links') */
  context?: BlockContext | undefined;
  /** directly under the document root: bold lines may act as headings here */
  topLevel: boolean;
  /** inside a list read as headings: nested lists whose items look like headings become this depth */
  listHeadingDepth?: number | undefined;
}

const GITHUB_ALERT = /^\s*\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*/i;
const MAX_LIST_HEADING_WORDS = 8;

class MarkdownWalker {
  /** depth of the last real (#, setext, <hN>) heading; 0 before the first */
  private realDepth = 0;
  private nextTitle = 0;
  private readonly admonitionAtLine = new Map<number, number>();
  private readonly admonitionGroups = new Map<number, number>();
  /** the document has no real headings, so a long list may be its outline */
  private readonly listOutline: boolean;
  /** how often each line's text occurs: a line repeated is a running header, not a heading */
  private lineCounts: Map<string, number> | undefined;

  constructor(
    private readonly b: DocumentBuilder,
    private readonly admonitions: readonly Admonition[],
    private readonly lines: readonly string[],
    private readonly columnFixes: Normalised['columnFixes'],
    root: Root,
  ) {
    admonitions.forEach((a, idx) => {
      for (let l = a.bodyStart; l <= a.bodyEnd; l++) this.admonitionAtLine.set(l, idx);
    });
    this.listOutline = !root.children.some((c) => c.type === 'heading');
  }

  walk(root: Root): void {
    this.flow(root.children, { paragraphKind: 'paragraph', topLevel: true });
    this.flushTitles(Number.POSITIVE_INFINITY);
  }

  private admonitionGroup(idx: number): number {
    let g = this.admonitionGroups.get(idx);
    if (g === undefined) {
      g = this.b.newGroup();
      this.admonitionGroups.set(idx, g);
    }
    return g;
  }

  /** Emit the title blocks of admonitions whose marker line comes before `line`. */
  private flushTitles(line: number): void {
    while (this.nextTitle < this.admonitions.length && this.admonitions[this.nextTitle]!.line < line) {
      const idx = this.nextTitle++;
      const a = this.admonitions[idx]!;
      if (a.title === '') continue;
      this.b.addBlock({
        kind: 'admonition',
        text: a.title,
        group: this.admonitionGroup(idx),
        line: a.line,
        column: a.column,
        endLine: a.line,
        endColumn: a.endColumn,
      });
    }
  }

  /** A column in the normalised text as a column in the file. */
  private fileColumn(line: number, column: number): number {
    const fix = this.columnFixes.get(line);
    if (!fix) return column;
    const c = fix.insertedAfter !== undefined && column > fix.insertedAfter + 1 ? column - 1 : column;
    return c + fix.removed;
  }

  private filePosition<T extends Position>(p: T): T {
    return { ...p, column: this.fileColumn(p.line, p.column), endColumn: this.fileColumn(p.endLine, p.endColumn) };
  }

  private emit(input: BlockInput): void {
    this.flushTitles(input.line);
    this.b.addBlock(this.filePosition(input));
  }

  private heading(text: string, depth: number, at: Position, real: boolean): void {
    const pos = this.filePosition(at);
    this.flushTitles(pos.line);
    if (text === '') return;
    const d = Math.min(6, Math.max(1, depth));
    this.b.openSection(text, d, pos.line, pos.column);
    this.b.addBlock({ kind: 'heading', text, group: this.b.newGroup(), ...pos });
    if (real) this.realDepth = d;
  }

  private flow(children: readonly RootContent[], ctx: FlowContext): void {
    let colonGroup: number | undefined;
    // a list that follows a "Contents" line is a table of contents: it names sections, it holds none
    let contentsList = false;
    for (let i = 0; i < children.length; i++) {
      const node = children[i]!;
      switch (node.type) {
        case 'heading':
          this.heading(headingText(node), node.depth, positionOf(node), true);
          break;
        case 'paragraph': {
          const inline = inlineText(node.children);
          if (children[i + 1]?.type === 'list' && CONTENTS_LINE.test(inline.text)) contentsList = true;
          if (ctx.topLevel && this.boldHeading(node, inline.text)) break;
          if (ctx.topLevel && this.plainHeading(node, inline, children[i + 1])) break;
          let group: number | undefined;
          // "Staff must:" followed by a list reads as one unit with that list
          if (children[i + 1]?.type === 'list' && inline.text.endsWith(':')) {
            group = ctx.listGroup ?? this.b.newGroup();
            colonGroup = group;
          }
          this.paragraph(node, inline, ctx, group);
          break;
        }
        case 'list':
          this.list(node, contentsList ? { ...ctx, context: 'links' } : ctx, colonGroup);
          colonGroup = undefined;
          contentsList = false;
          break;
        case 'table':
          this.table(node, ctx);
          break;
        case 'blockquote':
          this.blockquote(node, ctx);
          break;
        case 'html':
          this.html(node, ctx);
          break;
        case 'code':
          this.code(node, ctx);
          break;
        case 'footnoteDefinition':
          this.flow(node.children, { paragraphKind: 'paragraph', context: 'links', topLevel: false });
          break;
        default:
          // thematic breaks, link definitions: no text
          break;
      }
    }
  }

  private paragraph(node: Paragraph, inline: InlineText, ctx: FlowContext, group: number | undefined): void {
    const pos = positionOf(node);
    const adm = this.admonitionAtLine.get(pos.line);
    const kind: BlockKind = adm !== undefined && ctx.paragraphKind === 'paragraph' ? 'admonition' : ctx.paragraphKind;
    const g = group ?? ctx.listGroup ?? (adm !== undefined ? this.admonitionGroup(adm) : this.b.newGroup());
    this.emit({ kind, text: inline.raw, group: g, context: ctx.context, linkChars: inline.linkChars, ...pos });
  }

  /** A paragraph that is only bold (or italic) text, short and without a full stop, used as a heading. */
  private boldHeading(node: Paragraph, text: string): boolean {
    const kids = node.children.filter((c: PhrasingContent) => !(c.type === 'text' && /^[\s:]*$/.test(c.value)) && c.type !== 'break');
    if (kids.length !== 1 || (kids[0]!.type !== 'strong' && kids[0]!.type !== 'emphasis')) return false;
    if (!isBoldHeadingText(text)) return false;
    const depth = this.realDepth > 0 ? this.realDepth + 1 : 2;
    this.heading(text.replace(/\s*:$/, ''), depth, positionOf(node), false);
    return true;
  }

  /**
   * In a document with no heading marks at all (text exported from Word or PDF), a short line
   * standing alone with text after it is a heading: "10.0 RECORD KEEPING", "Whistleblowing".
   * Without it the whole policy is one section, and a section-wide check pairs any two passages.
   */
  private plainHeading(node: Paragraph, inline: InlineText, next: RootContent | undefined): boolean {
    if (!this.listOutline || !next || (next.type !== 'paragraph' && next.type !== 'list' && next.type !== 'table')) return false;
    if (!node.children.every((c) => c.type === 'text')) return false;
    const pos = positionOf(node);
    // a "Contents" line leads its list, which names sections and holds none
    if (pos.line !== pos.endLine || CONTENTS_LINE.test(inline.text) || !isPlainHeadingLine(inline.text, this.lines[pos.line - 1] ?? '')) return false;
    this.lineCounts ??= countTexts(this.lines);
    if ((this.lineCounts.get(inline.text) ?? 0) > 1) return false; // a running header or footer, repeated on every page
    this.heading(inline.text, 2, pos, false);
    return true;
  }

  /** A list item whose first paragraph is short, with more text nested under it: an outline heading. */
  private itemHeadingText(item: ListItem): string | undefined {
    const first = item.children[0];
    if (first?.type !== 'paragraph' || item.children.length < 2) return undefined;
    if (!item.children.slice(1).some((c) => c.type === 'list' || c.type === 'paragraph')) return undefined;
    const text = inlineText(first.children).text;
    const words = countWords(text);
    if (words === 0 || words > MAX_LIST_HEADING_WORDS || text.endsWith('.')) return undefined;
    return text.replace(/\s*:$/, '');
  }

  private list(node: List, ctx: FlowContext, colonGroup: number | undefined): void {
    if (ctx.topLevel && this.listOutline && node.children.length >= 2) {
      const headings = node.children.filter((it) => this.itemHeadingText(it) !== undefined).length;
      if (headings >= 2) return this.outlineList(node, 2);
    }
    if (ctx.listHeadingDepth !== undefined && node.children.some((it) => this.itemHeadingText(it) !== undefined)) {
      return this.outlineList(node, ctx.listHeadingDepth);
    }
    const group = ctx.listGroup ?? colonGroup ?? this.b.newGroup();
    for (const item of node.children) {
      this.flow(item.children, { paragraphKind: 'list-item', listGroup: group, context: ctx.context, topLevel: false });
    }
  }

  /** One long numbered list standing in for headings: short items with text under them open sections. */
  private outlineList(node: List, depth: number): void {
    let runGroup: number | undefined;
    for (const item of node.children) {
      const heading = this.itemHeadingText(item);
      if (heading === undefined) {
        runGroup ??= this.b.newGroup();
        this.flow(item.children, { paragraphKind: 'list-item', listGroup: runGroup, topLevel: false });
        continue;
      }
      runGroup = undefined;
      this.heading(heading, depth, positionOf(item.children[0]!), false);
      this.flow(item.children.slice(1), { paragraphKind: 'paragraph', topLevel: false, listHeadingDepth: Math.min(6, depth + 1) });
    }
  }

  private table(node: Table, ctx: FlowContext): void {
    const group = this.b.newGroup();
    for (const row of node.children) {
      const cells = row.children.map((cell) => inlineText(cell.children));
      const text = cells
        .map((c) => c.text)
        .filter((t) => t !== '')
        .join(' | ');
      const linkChars = cells.reduce((n, c) => n + c.linkChars, 0);
      this.emit({ kind: 'table-row', text, group, context: ctx.context, linkChars, ...positionOf(row) });
    }
  }

  private blockquote(node: Blockquote, ctx: FlowContext): void {
    // GitHub alerts (> [!WARNING]) are admonitions; drop the marker from the text
    let children = node.children;
    let kind: BlockKind = 'blockquote';
    const first = children[0];
    const firstText = first?.type === 'paragraph' ? first.children[0] : undefined;
    if (first?.type === 'paragraph' && firstText?.type === 'text' && GITHUB_ALERT.test(firstText.value)) {
      kind = 'admonition';
      const stripped: Paragraph = { ...first, children: [{ ...firstText, value: firstText.value.replace(GITHUB_ALERT, '') }, ...first.children.slice(1)] };
      children = [stripped, ...children.slice(1)];
    }
    this.flow(children, { paragraphKind: kind, listGroup: ctx.listGroup, context: ctx.context, topLevel: false });
  }

  private html(node: Html, ctx: FlowContext): void {
    const start = positionOf(node);
    const value = node.value;
    // newline offsets, so each piece's position is a binary search, not a rescan of the block
    const newlines: number[] = [];
    for (let i = value.indexOf('\n'); i !== -1; i = value.indexOf('\n', i + 1)) newlines.push(i);
    const at = (offset: number): { line: number; column: number } => {
      let lo = 0;
      let hi = newlines.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (newlines[mid]! < offset) lo = mid + 1;
        else hi = mid;
      }
      // lo = number of newlines before offset
      return { line: start.line + lo, column: lo === 0 ? start.column + offset : offset - newlines[lo - 1]! };
    };
    for (const piece of htmlReader().htmlPieces(value)) {
      const s = at(piece.start);
      const e = at(piece.end);
      const pos: Position = { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
      if (piece.heading) this.heading(piece.text, piece.heading, pos, true);
      else this.emit({ kind: 'html', text: piece.text, group: ctx.listGroup ?? this.b.newGroup(), context: ctx.context, ...pos });
    }
  }

  /**
   * Fenced code is not evidence. Indented "code", though, is nearly always prose that was
   * indented by accident (Word, copy-paste), so when it reads as prose we keep it as paragraphs.
   */
  private code(node: Code, ctx: FlowContext): void {
    const pos = positionOf(node);
    const firstLine = (this.lines[pos.line - 1] ?? '').trimStart();
    if (firstLine.startsWith('```') || firstLine.startsWith('~~~')) return;
    if (!looksLikeProse(node.value)) return;
    const valueLines = node.value.split('\n');
    let from = -1;
    const flushChunk = (to: number): void => {
      if (from === -1) return;
      const text = valueLines.slice(from, to).join(' ');
      const endLine = pos.line + to - 1;
      this.emit({
        kind: ctx.paragraphKind,
        text,
        group: ctx.listGroup ?? this.b.newGroup(),
        context: ctx.context,
        line: pos.line + from,
        column: pos.column,
        endLine,
        endColumn: (this.lines[endLine - 1]?.length ?? 0) + 1,
      });
      from = -1;
    };
    valueLines.forEach((l, i) => {
      if (l.trim() === '') flushChunk(i);
      else if (from === -1) from = i;
    });
    flushChunk(valueLines.length);
  }
}

function looksLikeProse(value: string): boolean {
  if (countWords(value) < 5) return false;
  // leading space within one line only: `^\s*` ran across every following blank line, quadratic
  if (/[;{}]\s*$/m.test(value) || /^[^\S\n\r\u2028\u2029]*(?:\$|>>>|#include|import |def |function )/m.test(value)) return false;
  const letters = value.match(/[\p{L}\s,.'’()-]/gu)?.length ?? 0;
  return letters / value.length >= 0.85;
}

// =============================================================================================

const processor = unified().use(remarkParse).use(remarkGfmWithoutAutolinks).freeze();

/** Parse a Markdown policy (front matter included) into the document model, without its hash. */
export function parseMarkdown(path: string, text: string): Omit<PolicyDocument, 'sha256'> {
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const front = splitFrontMatter(path, source);
  // refuse what would make the parser hang, cut what is long into pieces it can take, and read
  // tables too wide for it as plain text
  const plan = checkMarkdown(path, front.body);
  const normalised = normaliseMarkdown(front.body);
  const root = parseInPieces(normalised.text, plan.cuts, (piece, from) => (plan.plainTables.has(from) ? plainTableTree(piece) : processor.parse(piece)));

  const builder = new DocumentBuilder();
  const sourceLines = source.split('\n');
  builder.addLeadFields(front.meta.leads, 'Named leads (front matter)', sourceLines);
  new MarkdownWalker(builder, normalised.admonitions, normalised.text.split('\n'), normalised.columnFixes, root).walk(root);

  return {
    path,
    format: 'markdown',
    meta: front.meta,
    sections: builder.sections,
    blocks: builder.blocks,
    lineCount: countLines(source),
    ...(plan.warnings.length > 0 ? { warnings: plan.warnings } : {}),
  };
}
