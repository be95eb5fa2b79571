/** Text safe to put in XML 1.0: characters XML forbids are dropped, the markup ones escaped. */

/**
 * Everything outside XML 1.0's Char production: C0 controls other than tab, LF and CR; lone
 * surrogates; U+FFFE and U+FFFF. (A surrogate pair is one astral character, which XML allows.)
 */
// eslint-disable-next-line no-control-regex -- matching the control characters XML forbids is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(s: string): string {
  return s.replace(FORBIDDEN, '');
}

/** Element text. */
export function xmlText(s: string): string {
  return xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value in double quotes; tab, LF and CR as references, so a parser keeps them. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}
