/**
 * Escaping for the HTML review. Every piece of text that reaches the page, the policy's above all,
 * goes through one of these: text and attribute values as HTML, the running header as a CSS string.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text for an element's content or a quoted attribute value. Control characters other than tab
 * and newline are dropped: they have no business in a report and some confuse renderers.
 */
export function escapeHtml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * A CSS string literal (quotes included) for `content:` in the style sheet. Everything but plain
 * letters, digits and a few marks is written as a hex escape, so no text can close the string, the
 * rule or the <style> element it sits in.
 */
export function cssString(text: string, max = 90): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  const cut = chars.length > max ? [...chars.slice(0, max - 1), '…'] : chars;
  return `"${cut.map((ch) => (/^[A-Za-z0-9 .,()-]$/.test(ch) ? ch : `\\${ch.codePointAt(0)!.toString(16)} `)).join('')}"`;
}

/** An id attribute value made only of safe characters (requirement ids are already). */
export function idOf(...parts: string[]): string {
  return parts.map((p) => p.replace(/[^A-Za-z0-9_-]/g, '_')).join('-');
}
