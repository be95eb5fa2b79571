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
import { leadFieldText } from './meta.js';
import type { Block, BlockContext, BlockKind, NamedLead, PolicyDocument, Position, Section } from './model.js';
import { remarkGfmWithoutAutolinks } from './gfm.js';
import { parseInPieces } from './pieces.js';
import { plainTableTree } from './plain-table.js';

// =============================================================================================
// Shared with the YAML policy loader: word counts, link share, the context rules, the builder.
// =============================================================================================

/** Any white space other than single inner spaces. */
const UNCOLLAPSED = /[^\S ]| {2}|^ | $/;

export function collapseSpace(s: string): string {
  // most text arrives collapsed already (the builder collapses what inline text collapsed)
  return UNCOLLAPSED.test(s) ? s.replace(/\s+/g, ' ').trim() : s;
}

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

export function countWords(text: string): number {
  let n = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text) !== null) n++;
  return n;
}

function nonSpaceLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 32 && s.charCodeAt(i) !== 0xa0) n++;
  return n;
}

/** Bare web addresses in plain text ("https://…", "www.…", "nspcc.org.uk/…"), but not the domain of an e-mail. */
const BARE_URL = /(?:https?:\/\/|www\.)[^\s<>()]+|(?<![@\w.-])(?:[a-z0-9-]+\.)+(?:uk|com|org|net|gov|info|io)(?:\/[^\s<>()]*)?/gi;

/** Looks like a web address on its own (so its characters are counted once, as a bare URL). */
export const URL_LIKE = /^(?:https?:\/\/|www\.)\S+$|^(?:[a-z0-9-]+\.)+(?:uk|com|org|net|gov|info|io)(?:\/\S*)?$/i;

function bareUrlChars(text: string): number {
  let n = 0;
  for (const m of text.matchAll(BARE_URL)) n += m[0].length;
  return n;
}

const SPACE_RUN = /\s+/g;

/**
 * collapseSpace(raw), and where each source line after the first begins in the result: kept only
 * when the line breaks in `raw` account for exactly the lines the block spans (`extraLines`), so a
 * line number derived from them is never a guess.
 */
export function collapseWithLines(raw: string, extraLines: number): { text: string; lineStarts?: number[] } {
  if (extraLines <= 0 || !raw.includes('\n')) return { text: collapseSpace(raw) };
  let text = '';
  let pending = 0;
  let last = 0;
  const starts: number[] = [];
  const emit = (word: string) => {
    if (word === '') return;
    if (text !== '') text += ' ';
    for (; pending > 0; pending--) starts.push(text.length);
    text += word;
  };
  SPACE_RUN.lastIndex = 0;
  for (let m = SPACE_RUN.exec(raw); m; m = SPACE_RUN.exec(raw)) {
    emit(raw.slice(last, m.index));
    // line breaks before the first word do not start a line of the text
    if (text !== '') for (let i = 0; i < m[0].length; i++) if (m[0].charCodeAt(i) === 10) pending++;
    last = m.index + m[0].length;
  }
  emit(raw.slice(last));
  return starts.length === extraLines ? { text, lineStarts: starts } : { text };
}

/** Share of a block's visible characters that are link text or web addresses. */
export function linkShare(text: string, linkTextChars: number): number {
  const total = nonSpaceLength(text);
  if (total === 0) return 0;
  return Math.min(1, (linkTextChars + bareUrlChars(text)) / total);
}

/** A block this much made of links is a list of links, whatever its heading says. */
export const LINK_SHARE_THRESHOLD = 0.6;

const GLOSSARY_HEADING = /\b(?:glossary|abbreviations?|acronyms?|jargon|terminology|key\s+terms|terms\s+used)\b/i;
const LINKS_HEADING =
  /\b(?:useful|helpful|external|online)\s+(?:links?|websites?|web\s*sites?|sites|resources|sources|reading)\b|\bfurther\s+(?:reading|information|guidance|resources)\b|\brelated\s+(?:policies|policy|documents?|guidance|procedures|legislation)\b|\bbibliography\b|\bsee\s+also\b/i;
/** Words that mean "links" only when they are the whole heading: "References" yes, "References and DBS checks" no. */
const LINKS_WHOLE_HEADING =
  /^(?:references?|resources|links|sources|websites|web\s*links|reading\s+list|references\s+and\s+(?:resources|links|further\s+reading)|(?:links|resources)\s+and\s+(?:references|resources|links))$/i;
const RECRUITMENT_HEADING = /\b(?:recruit\w*|employ\w*|vetting|hiring|appointments?|selection)\b/i;
/**
 * A section about safeguarding adults ("Vulnerable adults", "Adults at risk", "Where an adult is in
 * need of protection"). Not "Allegations against adults who work with children", and not a heading
 * that names children too ("Safeguarding children and vulnerable adults").
 */
const ADULTS_HEADING =
  /\b(?:adults?\s+at\s+risk|vulnerable\s+adults?|adult\s+safeguarding|safeguarding\s+(?:of\s+)?adults|adult\s+protection|protection\s+of\s+(?:vulnerable\s+)?adults|adults?\b.{0,30}\bin\s+need\s+of\s+(?:care|protection|support))\b/i;
const NAMES_CHILDREN = /\b(?:child|children|childrens|young\s+people|young\s+persons?|pupils?|students?|juniors?|youth|minors?|under\s*-?\s*18s?)\b/i;
/** Contact lists hold real phone numbers and names: always evidence. */
const CONTACTS_HEADING = /\bcontacts?\b/i;

function bareHeading(h: string): string {
  return collapseSpace(h.replace(/[^\p{L}\p{N}\s]/gu, ' '))
    .replace(/^(?:appendix|annex|annexe|section|part|schedule)\s+[\da-z]{1,4}\s+/i, '')
    .replace(/^\d+(?:\s+\d+)*\s+/, '');
}

/**
 * The context a heading trail gives its text. A "Contents" heading → 'links', for its own text
 * only. Otherwise the innermost heading that says anything decides: a glossary heading →
 * 'glossary'; a section about adults at risk → 'adults'; a links/references heading → 'links'; a
 * contacts heading → 'body', final (not even a link-heavy row there becomes 'links'); otherwise
 * ask the parent heading. Undefined when no heading decides: the block's own link share then does.
 */
export function trailContext(trail: readonly string[]): BlockContext | undefined {
  // a "Contents" heading covers its own list only, never the sections that happen to sit below it
  if (trail.length > 0 && CONTENTS_LINE.test(bareHeading(trail[trail.length - 1]!))) return 'links';
  for (let i = trail.length - 1; i >= 0; i--) {
    const h = trail[i]!;
    if (CONTACTS_HEADING.test(h)) return 'body';
    if (GLOSSARY_HEADING.test(h)) return 'glossary';
    if (ADULTS_HEADING.test(h) && !NAMES_CHILDREN.test(h)) return 'adults';
    if (LINKS_HEADING.test(h)) return 'links';
    if (LINKS_WHOLE_HEADING.test(bareHeading(h))) {
      // "References" under "Safer recruitment" means employment references: real policy text
      const employment = /^references?$/i.test(bareHeading(h)) && trail.slice(0, i).some((a) => RECRUITMENT_HEADING.test(a));
      if (!employment) return 'links';
    }
  }
  return undefined;
}

export interface BlockInput extends Position {
  kind: BlockKind;
  text: string;
  group: number;
  /** forced context (footnotes, lead fields); otherwise from the trail and the link share */
  context?: BlockContext | undefined;
  /** visible characters of link text in the block (bare URLs are counted by the builder) */
  linkChars?: number;
}

/**
 * Collects sections and blocks in document order and keeps the heading trail. Both loaders use
 * it so that trails, contexts, groups and word counts follow one set of rules.
 */
export class DocumentBuilder {
  readonly sections: Section[] = [];
  readonly blocks: Block[] = [];
  private readonly open: Array<{ depth: number; text: string }> = [];
  private current = -1;
  /** the current section is a synthetic one outside the heading tree */
  private detached = false;
  private trailCtx: BlockContext | undefined;
  private groups = 0;

  newGroup(): number {
    return this.groups++;
  }

  openSection(heading: string, depth: number, line: number, column: number): number {
    while (this.open.length > 0 && this.open[this.open.length - 1]!.depth >= depth) this.open.pop();
    this.open.push({ depth, text: heading });
    const trail = this.open.map((h) => h.text);
    this.sections.push({ heading, depth, line, column, trail, bodyWords: 0 });
    this.current = this.sections.length - 1;
    this.detached = false;
    this.trailCtx = trailContext(trail);
    return this.current;
  }

  /** A synthetic section (named leads from front matter) that is no part of the heading tree. */
  openDetachedSection(heading: string, line: number): number {
    this.sections.push({ heading, depth: 1, line, column: 1, trail: [heading], bodyWords: 0 });
    this.current = this.sections.length - 1;
    this.detached = true;
    this.trailCtx = undefined;
    return this.current;
  }

  /** Text before any heading goes to a preamble section, created only when there is such text. */
  private sectionForText(): number {
    if (this.current === -1 || this.detached) {
      this.sections.push({ heading: null, depth: 0, line: 1, column: 1, trail: [], bodyWords: 0 });
      this.current = this.sections.length - 1;
      this.detached = false;
      this.trailCtx = undefined;
    }
    return this.current;
  }

  addBlock(input: BlockInput): Block | undefined {
    const { text, lineStarts } = collapseWithLines(input.text, input.endLine - input.line);
    if (text === '') return undefined;
    const isHeading = input.kind === 'heading';
    // headings open their own section; lead fields belong to the synthetic section just opened
    const ownSection = isHeading || (this.detached && input.kind === 'field');
    const section = ownSection && this.current !== -1 ? this.current : this.sectionForText();
    let context = input.context ?? this.trailCtx;
    if (!context) context = !isHeading && linkShare(text, input.linkChars ?? 0) >= LINK_SHARE_THRESHOLD ? 'links' : 'body';
    const block: Block = {
      kind: input.kind,
      text,
      context,
      section,
      group: input.group,
      line: input.line,
      column: input.column,
      endLine: input.endLine,
      endColumn: input.endColumn,
      ...(lineStarts ? { lineStarts } : {}),
    };
    this.blocks.push(block);
    if (!isHeading) this.sections[section]!.bodyWords += countWords(text);
    return block;
  }

  /**
   * Named leads from metadata, as 'field' blocks in a synthetic first section, so text checks
   * ("names a designated safeguarding lead with a phone number") can see them.
   */
  addLeadFields(leads: readonly NamedLead[], heading: string, sourceLines: readonly string[]): void {
    if (leads.length === 0) return;
    this.openDetachedSection(heading, leads[0]!.line ?? 1);
    for (const lead of leads) {
      const line = lead.line ?? 1;
      const lineText = sourceLines[line - 1] ?? '';
      const column = lineText.length - lineText.trimStart().length + 1;
      this.addBlock({ kind: 'field', text: leadFieldText(lead), group: this.newGroup(), context: 'body', line, column, endLine: line, endColumn: lineText.length + 1 });
    }
  }
}

/** Lines in a text, counting a last line without a newline and not counting the empty one after a final newline. */
export function countLines(text: string): number {
  if (text === '') return 0;
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return text.endsWith('\n') ? n - 1 : n;
}

// =============================================================================================
// Pre-parse normalisation: every change keeps the number of lines.
// =============================================================================================

export interface Admonition {
  /** line of the marker (`!!! note "Title"`, `:::tip`), 1-based */
  line: number;
  column: number;
  endColumn: number;
  /** title shown by the site generator; '' when explicitly untitled */
  title: string;
  /** first and last line of the body (bodyEnd < bodyStart when there is none) */
  bodyStart: number;
  bodyEnd: number;
}

export interface Normalised {
  text: string;
  admonitions: Admonition[];
  /**
   * Per changed line, how to turn a column in the normalised text back into the file's column:
   * characters removed at the start (dedented admonition bodies) or a space inserted after `#`s.
   */
  columnFixes: Map<number, { removed: number; insertedAfter?: number }>;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
/** `#Safeguarding`, `##2. Roles`: a heading typed without its space (CommonMark reads it as text). */
const HEADING_NO_SPACE = /^(#{1,6})(?=[\p{L}\p{N}])/u;
/**
 * A line holding only template logic: `{% if x %}`, `{%- endfor -%}`, `{# comment #}`. A tag's
 * inside may not run past its own `%}` / `#}`: with a lazy `.*?` there, a line of many tags ending
 * in text had exponentially many ways to fail (a 40-tag line hung the loader).
 */
const TEMPLATE_LOGIC_LINE = /^[ \t]*(?:(?:\{%(?:[^%\n]|%(?!\}))*%\}|\{#(?:[^#\n]|#(?!\}))*#\})[ \t]*)+$/;
const MKDOCS_ADMONITION = /^([ \t]*)(?:!!!|\?\?\?\+?)[ \t]+([\w-]+)(?:[ \t]+(?:"([^"]*)"|'([^']*)'))?[ \t]*$/;
const MKDOCS_TAB = /^([ \t]*)===\+?[ \t]+"([^"]*)"[ \t]*$/;
/** `::: note Title` (Pandoc / markdown-it-container). The title is the rest of the line, cut in code: a lazy title followed by optional spaces was quadratic on long lines. */
const FENCED_DIV_OPEN = /^([ \t]{0,3}):::+[ \t]*\{?\.?([A-Za-z][\w-]*)\}?(?=[ \t]|$)/;
const FENCED_DIV_CLOSE = /^[ \t]{0,3}:::+[ \t]*$/;

function indentWidth(line: string): number {
  let w = 0;
  for (const ch of line) {
    if (ch === ' ') w++;
    else if (ch === '\t') w += 4 - (w % 4);
    else break;
  }
  return w;
}

/** Remove up to `width` columns of leading whitespace. */
function dedent(line: string, width: number): string {
  let w = 0;
  let i = 0;
  while (i < line.length && w < width) {
    const ch = line[i];
    if (ch === ' ') w++;
    else if (ch === '\t') w += 4 - (w % 4);
    else break;
    i++;
  }
  return line.slice(i);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The line that closes the fenced div opened at line `open`, or -1. Divs opened inside it are
 * matched in the same pass and remembered in `closes`, so a file of many unclosed `:::` openers is
 * read once, not once per opener.
 */
function findDivClose(lines: readonly string[], open: number, closes: Map<number, number>): number {
  const stack = [open];
  for (let j = open + 1; j < lines.length; j++) {
    if (FENCED_DIV_OPEN.test(lines[j]!)) stack.push(j);
    else if (FENCED_DIV_CLOSE.test(lines[j]!)) {
      closes.set(stack.pop()!, j);
      if (stack.length === 0) return j;
    }
  }
  for (const o of stack) closes.set(o, -1);
  return -1;
}

/**
 * Fix what CommonMark would misread in hand-made policies, line by line, outside code fences.
 * Admonition markers are blanked and their bodies dedented so the body reads as text (indented
 * four spaces it would be a code block); the title comes back as an 'admonition' block.
 */
export function normaliseMarkdown(text: string): Normalised {
  const lines = text.split('\n');
  const admonitions: Admonition[] = [];
  const columnFixes: Normalised['columnFixes'] = new Map();
  const divCloses = new Map<number, number>();
  let fence: { ch: string; len: number } | undefined;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (close && close[1]![0] === fence.ch && close[1]!.length >= fence.len) fence = undefined;
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    if (open) {
      fence = { ch: open[1]![0]!, len: open[1]!.length };
      continue;
    }
    if (HEADING_NO_SPACE.test(line)) {
      lines[i] = line.replace(HEADING_NO_SPACE, '$1 ');
      columnFixes.set(i + 1, { removed: columnFixes.get(i + 1)?.removed ?? 0, insertedAfter: HEADING_NO_SPACE.exec(line)![1]!.length });
      continue;
    }
    if (TEMPLATE_LOGIC_LINE.test(line)) {
      lines[i] = '';
      continue;
    }
    const adm = MKDOCS_ADMONITION.exec(line);
    const tab = adm ? undefined : MKDOCS_TAB.exec(line);
    if (adm || tab) {
      const indent = indentWidth(line);
      const title = adm ? (adm[3] ?? adm[4] ?? capitalise(adm[2]!.replace(/[-_]/g, ' '))) : tab![2]!;
      // the body is every following line indented four more than the marker (blank lines inside)
      let last = i;
      for (let j = i + 1; j < lines.length; j++) {
        const l = lines[j]!;
        if (l.trim() === '') continue;
        if (indentWidth(l) < indent + 4) break;
        last = j;
      }
      for (let j = i + 1; j <= last; j++) {
        const before = lines[j]!;
        lines[j] = dedent(before, indent + 4);
        const removed = before.length - lines[j]!.length;
        if (removed > 0) columnFixes.set(j + 1, { removed: (columnFixes.get(j + 1)?.removed ?? 0) + removed });
      }
      admonitions.push({ line: i + 1, column: indent + 1, endColumn: line.length + 1, title: title.trim(), bodyStart: i + 2, bodyEnd: last + 1 });
      lines[i] = '';
      // the dedented body is scanned next, so nested admonitions and fences are handled too
      continue;
    }
    const div = FENCED_DIV_OPEN.exec(line);
    if (div) {
      const close = divCloses.get(i) ?? findDivClose(lines, i, divCloses);
      if (close !== -1) {
        const title = line.slice(div[0].length).trim() || capitalise(div[2]!.replace(/[-_]/g, ' '));
        admonitions.push({ line: i + 1, column: div[1]!.length + 1, endColumn: line.length + 1, title, bodyStart: i + 2, bodyEnd: close });
        lines[i] = '';
        lines[close] = '';
      }
    }
  }
  admonitions.sort((a, b) => a.line - b.line);
  return { text: lines.join('\n'), admonitions, columnFixes };
}

// =============================================================================================
// HTML: tags stripped, entities decoded, block-level elements split into separate blocks.
// =============================================================================================

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
function inlineHtmlText(value: string): string {
  if (/^<br\s*\/?>$/i.test(value.trim())) return ' ';
  return htmlPieces(value)
    .map((p) => p.text)
    .join(' ');
}

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
        parts.push(inlineHtmlText(n.value));
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
/** A line that introduces a table of contents. */
const CONTENTS_LINE = /^(?:\*\*)?(?:table\s+of\s+)?contents(?:\*\*)?\s*:?$/i;
const MAX_BOLD_HEADING_WORDS = 12;
const MAX_LIST_HEADING_WORDS = 8;

class MarkdownWalker {
  /** depth of the last real (#, setext, <hN>) heading; 0 before the first */
  private realDepth = 0;
  private nextTitle = 0;
  private readonly admonitionAtLine = new Map<number, number>();
  private readonly admonitionGroups = new Map<number, number>();
  /** the document has no real headings, so a long list may be its outline */
  private readonly listOutline: boolean;

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
      this.b.addBlock({ kind: 'admonition', text: a.title, group: this.admonitionGroup(idx), line: a.line, column: a.column, endLine: a.line, endColumn: a.endColumn });
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
    const words = countWords(text);
    if (words === 0 || words > MAX_BOLD_HEADING_WORDS || text.endsWith('.')) return false;
    const depth = this.realDepth > 0 ? this.realDepth + 1 : 2;
    this.heading(text.replace(/\s*:$/, ''), depth, positionOf(node), false);
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
    for (const piece of htmlPieces(value)) {
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
      this.emit({ kind: ctx.paragraphKind, text, group: ctx.listGroup ?? this.b.newGroup(), context: ctx.context, line: pos.line + from, column: pos.column, endLine, endColumn: (this.lines[endLine - 1]?.length ?? 0) + 1 });
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
