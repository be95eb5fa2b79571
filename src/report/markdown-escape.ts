/**
 * Escaping for the Markdown review (GitHub-flavoured). Policy text must stay text: no emphasis,
 * links, images, raw HTML, autolinks or table cells of its own making.
 *
 * Every ASCII punctuation character may be backslash-escaped in CommonMark, so the characters that
 * start inline syntax are escaped wherever they appear. Those that only matter at the start of a
 * line (`-`, `+`, `=`, digits followed by `.`) are left alone: policy text is never put at the start
 * of a line. GFM's bare autolinks (`https://…`, `www.…`, `name@host`) are broken by escaping their
 * `:`, `.` and `@`.
 */

/** Inline text, safe inside a paragraph, a list item or a table cell. */
export function escapeMarkdown(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[\\`*_[\]<>#!|~&]/g, (c) => `\\${c}`)
      // bare autolinks: a scheme's colon (before // or after a scheme that needs none), www. and e-mail @
      .replace(/:(?=\/\/)/g, '\\:')
      .replace(/\b(mailto|xmpp|javascript|vbscript|data|tel|file):/gi, '$1\\:')
      .replace(/\b(www)\./gi, '$1\\.')
      .replace(/@/g, '\\@')
  );
}

/** A code span for text that must be shown literally (hashes, paths): fenced with more backticks than it holds. */
export function markdownCode(text: string): string {
  const clean = text.replace(/\s+/g, ' ').replace(/\|/g, '\\|');
  let fence = '`';
  while (clean.includes(fence)) fence += '`';
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}
