/**
 * Reads one policy file into a PolicyDocument. Read-only: never writes, never caches on disk.
 * Every problem with the file becomes an InputError, so a batch reports it and carries on.
 */
import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { fsErrorText, isSymlink } from '../util/fs-errors.js';
import { decodePolicyBytes } from './decode.js';
import { htmlReader, loadHtmlReader } from './html-reader.js';
import { parseMarkdown } from './markdown.js';
import { InputError, type PolicyDocument, type PolicyFormat } from './model.js';
import { sniffMismatch } from './sniff.js';
import { parseYamlPolicy } from './yaml-policy.js';
import { humanSize } from '../util/human-size.js';

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

export interface LoadOptions {
  /** Refuse files larger than this many bytes (default 10 MiB). */
  maxFileSize?: number;
}

const FORMATS: Record<string, PolicyFormat> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.html': 'html',
  '.htm': 'html',
  '.docx': 'docx',
  '.pdf': 'pdf',
};

/** Extensions listed in messages and --help, in one place. */
export const READABLE_EXTENSIONS = ['.md', '.markdown', '.yaml', '.yml', '.html', '.htm', '.docx', '.pdf'];

/** Formats read from bytes by their own (asynchronous, lazily loaded) reader, not as text. */
const BINARY_FORMATS: ReadonlySet<PolicyFormat> = new Set(['docx', 'pdf']);

const FORMAT_NAMES: Record<PolicyFormat, string> = { markdown: 'Markdown', yaml: 'YAML', html: 'HTML', docx: 'Word', pdf: 'PDF' };

/** The format a path will be read as, or undefined when we do not read that kind of file. */
export function formatOf(path: string): PolicyFormat | undefined {
  return FORMATS[extname(path).toLowerCase()];
}

function ioMessage(e: unknown, path: string): string {
  // the name is there but leads nowhere: a link to a file that is gone
  if ((e as NodeJS.ErrnoException)?.code === 'ENOENT') return isSymlink(path) ? 'broken symbolic link (its target does not exist)' : 'file not found';
  const text = fsErrorText(e);
  return text.startsWith('file system error') ? `cannot read file: ${text}` : text;
}

/** A policy file's bytes, read and size-checked but not yet decoded or parsed. */
export interface PolicyBytes {
  path: string;
  format: PolicyFormat;
  bytes: Buffer;
}

export async function loadPolicy(path: string, opts: LoadOptions = {}): Promise<PolicyDocument> {
  const file = await readPolicyFile(path, opts);
  return documentFromBytes(file.path, file.bytes, file.format);
}

/** The I/O half of loadPolicy: check the type and size, read the bytes. */
export async function readPolicyFile(path: string, opts: LoadOptions = {}): Promise<PolicyBytes> {
  const limit = opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const format = formatOf(path);
  if (!format) {
    if (extname(path).toLowerCase() === '.doc')
      throw new InputError('legacy Word .doc files cannot be read: open it in Word (or LibreOffice) and save it as .docx or PDF', path);
    throw new InputError(
      `unsupported file type "${extname(path) || '(no extension)'}": expected ${READABLE_EXTENSIONS.slice(0, -1).join(', ')} or ${READABLE_EXTENSIONS.at(-1)}`,
      path,
    );
  }

  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new InputError(info.isDirectory() ? 'is a directory, not a file' : 'not a regular file', path);
    if (info.size > limit) {
      throw new InputError(`file is too large (${humanSize(info.size)}; the limit is ${humanSize(limit)}, set with --max-file-size)`, path);
    }
    bytes = await readAtMost(path, limit, info.size);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(ioMessage(e, path), path);
  }
  // the file grew between stat and read (or its size was not known)
  if (bytes.length > limit) throw new InputError(`file is too large (over ${humanSize(limit)}, set with --max-file-size)`, path);
  return { path, format, bytes };
}

/**
 * Read up to limit + 1 bytes: enough to tell that a file is over the limit without holding all of
 * it. The first read asks for the size stat gave (and a byte more, to see a file that grew), the
 * next ones for a little at a time: a buffer sized for the limit on every file is garbage that the
 * collector then spends its time on over a batch.
 */
async function readAtMost(path: string, limit: number, expected = 0): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    while (total <= limit) {
      // allocUnsafe: only the bytes read are kept (subarray below)
      const chunk = Buffer.allocUnsafe(Math.min(total === 0 && expected > 0 ? expected + 1 : 64 * 1024, limit + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
      total += bytesRead;
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

/**
 * The document in a policy file's bytes: decode, parse, and check there is policy text. Pure (no
 * file access), so it can be tested on any bytes. Text formats only; HTML, and Markdown that may
 * hold HTML, need `await loadHtmlReader()` once first (documentFromBytes does that itself).
 * @throws InputError for every problem with the content; nothing else escapes
 */
export function policyFromBytes(path: string, bytes: Uint8Array, format: PolicyFormat): PolicyDocument {
  if (BINARY_FORMATS.has(format)) throw new Error(`${format} files are read with documentFromBytes`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let parsed: Omit<PolicyDocument, 'sha256'>;
  let text: string;
  try {
    sniffMismatch(path, bytes, format);
    text = decodePolicyBytes(bytes, path);
    parsed = format === 'markdown' ? parseMarkdown(path, text) : format === 'html' ? htmlReader().parseHtml(path, text) : parseYamlPolicy(path, text);
  } catch (e) {
    throw asInputError(e, path, format);
  }
  return withText(parsed, sha256, format === 'markdown' && /^\uFEFF?---[ \t]*\r?\n/.test(text));
}

/**
 * The document in a policy file's bytes, for every format: Word and PDF are read by their own
 * readers, loaded only when such a file comes (their libraries are large).
 * @throws InputError for every problem with the content; nothing else escapes
 */
export async function documentFromBytes(path: string, bytes: Uint8Array, format: PolicyFormat): Promise<PolicyDocument> {
  if (!BINARY_FORMATS.has(format)) {
    await prepareTextReader(bytes, format);
    return policyFromBytes(path, bytes, format);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let parsed: Omit<PolicyDocument, 'sha256'>;
  try {
    sniffMismatch(path, bytes, format);
    parsed = format === 'docx' ? await (await import('./docx.js')).parseDocx(path, bytes) : await (await import('./pdf.js')).parsePdf(path, bytes);
  } catch (e) {
    throw asInputError(e, path, format);
  }
  return withText(parsed, sha256, false);
}

/** Word and PDF: read by documentFromBytes only (asynchronously), never by policyFromBytes. */
export function isBinaryFormat(format: PolicyFormat): boolean {
  return BINARY_FORMATS.has(format);
}

/** What policyFromBytes needs loaded first for these bytes: the HTML reader for HTML, and for Markdown with a '<' in it. */
export async function prepareTextReader(bytes: Uint8Array, format: PolicyFormat): Promise<void> {
  if (format === 'html' || (format === 'markdown' && bytes.includes(0x3c))) await loadHtmlReader();
}

function asInputError(e: unknown, path: string, format: PolicyFormat): InputError {
  if (e instanceof InputError) return e;
  // a parser bug or an input it chokes on must not take the whole run down
  const why = e instanceof RangeError && /call stack/i.test(e.message) ? 'nested too deeply to read' : e instanceof Error ? e.message : String(e);
  return new InputError(`could not parse ${FORMAT_NAMES[format]}: ${why}`, path);
}

function withText(parsed: Omit<PolicyDocument, 'sha256'>, sha256: string, frontOnly: boolean): PolicyDocument {
  if (!parsed.blocks.some((b) => b.kind !== 'field')) {
    throw new InputError(frontOnly ? 'no policy text (only front matter)' : 'no policy text', parsed.path);
  }
  return { ...parsed, sha256 };
}
