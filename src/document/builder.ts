/**
 * The shared half of every reader: turns the headings, paragraphs, list items and table rows a
 * reader finds into sections and blocks, with one set of rules for heading trails, contexts,
 * groups and word counts. Readers (Markdown, YAML policy, HTML, Word, PDF) only say where text is
 * and what kind of place it sits in; the builder decides the rest.
 */
import { leadFieldText } from './meta.js';
import type { Block, BlockContext, BlockKind, NamedLead, Position, Section } from './model.js';

/** A line that introduces a table of contents. */
export const CONTENTS_LINE = /^(?:\*\*)?(?:table\s+of\s+)?contents(?:\*\*)?\s*:?$/i;

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

export function nonSpaceLength(s: string): number {
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

/** Sentence punctuation: a line ending in it is prose, not a title. */
const SENTENCE_END = /[.?!;,]$/;
const MAX_TITLE_WORDS = 6;
const GLOSSARY_TITLE_START = /^(?:glossary|abbreviations?|acronyms?|jargon|terminology|key\s+terms|terms\s+used)\b/i;
const MAX_TERM_WORDS = 6;

/**
 * A short line standing alone that names a glossary ("Glossary", "Key terms:"), as Word and PDF
 * exports leave headings: plain text, no heading mark.
 */
export function isGlossaryTitle(line: string): boolean {
  const t = collapseSpace(line).replace(/\s*:$/, '');
  if (t === '' || SENTENCE_END.test(t) || countWords(t) > MAX_TITLE_WORDS) return false;
  // the glossary word opens the line: "See the glossary" is a pointer, not a title
  return GLOSSARY_TITLE_START.test(bareHeading(t));
}

/** A term, a dash or colon, and its definition: "Coercive control – a pattern of …", "LADO: the local …". */
const DEFINITION_LINE = /^(?:[-*•·]\s+)?([^\s–—:][^–—:]*?)\s*(?:[–—:]|\s-)\s+\S/u;

export function isDefinitionLine(line: string): boolean {
  const m = DEFINITION_LINE.exec(line.trim());
  if (!m) return false;
  const term = m[1]!;
  return countWords(term) <= MAX_TERM_WORDS && !/[.?!;]/.test(term);
}

/** The source lines of a block's text: its own line breaks, or where the reader says lines begin. */
function linesOf(text: string, lineStarts: readonly number[] | undefined): string[] {
  if (!lineStarts || lineStarts.length === 0) return text.split('\n').filter((l) => l.trim() !== '');
  const out: string[] = [];
  let from = 0;
  for (const at of lineStarts) {
    out.push(text.slice(from, at));
    from = at;
  }
  out.push(text.slice(from));
  return out;
}

export interface BlockInput extends Position {
  kind: BlockKind;
  text: string;
  group: number;
  /** forced context (footnotes, lead fields); otherwise from the trail and the link share */
  context?: BlockContext | undefined;
  /** visible characters of link text in the block (bare URLs are counted by the builder) */
  linkChars?: number;
  /** where each line after the first begins in `text`, when the reader knows (PDF); `text` is then taken as collapsed */
  lineStarts?: number[];
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
  /**
   * A glossary under a plain title line: 'title' after a line naming a glossary, 'run' while the
   * blocks after it are definitions ("Term – definition"); the first other block ends it.
   */
  private glossaryRun: 'title' | 'run' | undefined;
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
    this.glossaryRun = undefined;
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
    const { text, lineStarts } = input.lineStarts
      ? { text: input.text, lineStarts: input.lineStarts }
      : collapseWithLines(input.text, input.endLine - input.line);
    if (text === '') return undefined;
    const isHeading = input.kind === 'heading';
    // headings open their own section; lead fields belong to the synthetic section just opened
    const ownSection = isHeading || (this.detached && input.kind === 'field');
    const section = ownSection && this.current !== -1 ? this.current : this.sectionForText();
    let context = input.context ?? this.trailCtx;
    if (!context && !isHeading && this.plainGlossary(input.lineStarts ? text : input.text, lineStarts)) context = 'glossary';
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
   * Is this block part of a glossary that has no heading mark: a plain "Glossary" line followed by
   * "Term – definition" lines (in this block or the blocks after it)? Definitions alone are not a
   * glossary: a list of the kinds of abuse ("Neglect – the persistent failure …") is policy.
   */
  private plainGlossary(raw: string, lineStarts: readonly number[] | undefined): boolean {
    const lines = linesOf(raw, lineStarts);
    const first = lines[0] ?? '';
    if (isGlossaryTitle(first)) {
      if (lines.length === 1) {
        this.glossaryRun = 'title';
        return true;
      }
      this.glossaryRun = isDefinitionLine(lines[1]!) ? 'run' : undefined;
      return this.glossaryRun === 'run';
    }
    if (this.glossaryRun !== undefined && isDefinitionLine(first)) {
      this.glossaryRun = 'run';
      return true;
    }
    this.glossaryRun = undefined;
    return false;
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
      this.addBlock({
        kind: 'field',
        text: leadFieldText(lead),
        group: this.newGroup(),
        context: 'body',
        line,
        column,
        endLine: line,
        endColumn: lineText.length + 1,
      });
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

const MAX_PLAIN_HEADING_WORDS = 10;
/** An optional section number ("10.0", "4.", "Section 2:", "Appendix 1:") and a capital letter. */
const PLAIN_HEADING_NUMBER = /^(?:(?:section|part|appendix|annex|annexe|schedule)\s+[\da-z]{1,3}\s*[:.–—-]?\s+|\d{1,2}(?:\.\d{1,2})*\.?\s+)?/i;

/**
 * Shaped like a heading (in a document with no heading marks, every reader applies this): short, no sentence punctuation or trailing colon, a capital letter after
 * any section number, no other figures (dates, phone numbers, versions), no colon but after a
 * "Section 2" number ("Welfare officer: Sue" is a contact), not set out in columns (a running header).
 */
export function isPlainHeadingLine(text: string, source: string): boolean {
  const words = countWords(text);
  if (words === 0 || words > MAX_PLAIN_HEADING_WORDS || /[.?!;,:…)]$/.test(text) || /\S\s{3,}\S/.test(source)) return false;
  const rest = text.slice(PLAIN_HEADING_NUMBER.exec(text)![0].length);
  return /^\p{Lu}/u.test(rest) && !/[\d:@|…]|\.{3}/.test(rest);
}

/** A bold (or italic) line used as a heading: short, and no full stop (every reader applies this). */
const MAX_BOLD_HEADING_WORDS = 12;
export function isBoldHeadingText(text: string): boolean {
  const words = countWords(text);
  return words > 0 && words <= MAX_BOLD_HEADING_WORDS && !text.endsWith('.');
}

/** How often each text occurs, spaces collapsed: a line repeated page after page is a running header. */
export function countTexts(texts: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of texts) {
    const k = collapseSpace(t);
    if (k !== '') counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}
