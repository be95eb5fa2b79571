/**
 * Markdown before it is parsed: what CommonMark would misread in hand-made policies (headings
 * typed without a space, template logic, MkDocs and Pandoc admonitions), fixed line by line.
 * Every change keeps the number of lines, so positions stay the file's own.
 */

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
