/**
 * The organisation type a Markdown policy declares in its front matter, read from the head of the
 * file without parsing the rest. Packs use it to judge every document with the pack's profile the
 * first time, instead of judging some twice. Anything this cannot be sure of is 'unknown', and
 * the caller then waits for the full parse.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import { splitFrontMatter } from './frontmatter.js';

/** Front matter longer than this is left to the full parse. */
const HEAD_BYTES = 64 * 1024;

/** The declared type as the full parse would read it (lower case), none, or 'unknown'. */
export type DeclaredType = { type?: string } | 'unknown';

function head(path: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(HEAD_BYTES);
    return buf.subarray(0, readSync(fd, buf, 0, HEAD_BYTES, 0));
  } catch {
    return undefined; // the audit reports an unreadable file itself
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function declaredType(path: string): DeclaredType {
  if (!/^\.(md|markdown)$/i.test(extname(path))) return 'unknown';
  const bytes = head(path);
  // UTF-16 and other encodings are decoded by the reader; a NUL byte may be one of them
  if (!bytes || bytes.includes(0)) return 'unknown';
  let text = bytes.toString('utf8');
  // not UTF-8 throughout: the reader may decode it another way
  if (text.includes('\uFFFD')) return 'unknown';
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  // the head may end inside the front matter: cut at the last whole line, and demand the closing fence
  const whole = bytes.length < HEAD_BYTES ? text : text.slice(0, text.lastIndexOf('\n') + 1);
  const normalised = whole.replace(/\r\n?/g, '\n');
  if (!/^(---|\+\+\+)[ \t]*\n/.test(normalised)) return {}; // no front matter: nothing declared
  try {
    const fm = splitFrontMatter(path, normalised);
    // no closing fence within the head: the front matter may go on past it
    if (!fm.present && bytes.length >= HEAD_BYTES) return 'unknown';
    return fm.meta.type !== undefined ? { type: fm.meta.type } : {};
  } catch {
    return 'unknown'; // invalid front matter: the full parse reports it
  }
}
