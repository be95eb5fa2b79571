/**
 * Word (.docx) policy → PolicyDocument.
 *
 * The archive is opened here first, with limits: only its XML parts are kept (pictures are no
 * evidence), their declared sizes together may not pass MAX_XML_BYTES (a zip bomb is refused
 * before anything is inflated, and an entry that holds more than it declares is cut there), and a
 * part with a document type declaration is refused (Word never writes one; it is how external
 * entities get in). mammoth then turns the cleaned archive into HTML, with Word's heading styles
 * as <h1>…<h6>, its numbered and bulleted paragraphs as lists and its tables as tables, and the
 * HTML walker feeds the shared builder. A block's `line` is its paragraph number (¶ 42); its page
 * is known only where Word recorded where pages broke (docx-pages.ts).
 */
import { unzipSync, zipSync, type Unzipped } from 'fflate';
import mammoth from 'mammoth';
import { DocumentBuilder } from './builder.js';
import { pagesOfBlocks, wordParagraphs } from './docx-pages.js';
import { HtmlWalker, parseHtmlFragment } from './html.js';
import { emptyMeta, InputError, type PolicyDocument } from './model.js';
import { humanSize } from '../util/human-size.js';

/** Inflated XML a .docx may hold in all; real policies of 50 pages hold a few MiB. */
export const MAX_XML_BYTES = 48 * 1024 * 1024;
/** Entries an archive may have; a policy has a few dozen. */
const MAX_ENTRIES = 5000;

const XML_PART = /\.(?:xml|rels)$/i;
const DTD = /<!(?:DOCTYPE|ENTITY)/i;

/** Word's own styles for a title and subtitle are headings too. */
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];

/** The archive's XML parts, inflated within the limits. */
export function docxParts(path: string, bytes: Uint8Array): Unzipped {
  let declared = 0;
  let entries = 0;
  let tooBig = false;
  let parts: Unzipped;
  try {
    parts = unzipSync(bytes, {
      filter: (f) => {
        if (++entries > MAX_ENTRIES) tooBig = true;
        if (tooBig || !XML_PART.test(f.name) || f.name.startsWith('word/media/')) return false;
        declared += f.originalSize;
        if (declared > MAX_XML_BYTES) tooBig = true;
        return !tooBig;
      },
    });
  } catch (e) {
    throw new InputError(`not a readable Word .docx file (the archive is damaged or truncated: ${e instanceof Error ? e.message : String(e)})`, path);
  }
  if (tooBig) {
    throw new InputError(
      entries > MAX_ENTRIES
        ? `Word .docx archive has over ${MAX_ENTRIES} parts: refused as a possible zip bomb`
        : `Word .docx text would inflate to over ${humanSize(MAX_XML_BYTES)}: refused as a possible zip bomb`,
      path,
    );
  }
  if (!parts['word/document.xml'] && !Object.keys(parts).some((n) => /^word\/document\d*\.xml$/.test(n))) {
    throw new InputError('not a Word .docx file (the archive has no word/document.xml)', path);
  }
  for (const [name, data] of Object.entries(parts)) {
    // a DTD sits before the root element, so the head of the part is enough to look at
    if (DTD.test(Buffer.from(data.subarray(0, 4096)).toString('latin1'))) {
      throw new InputError(`Word .docx part ${name} declares a DTD (entities); Word never writes one, so the file is refused`, path);
    }
  }
  return parts;
}

export async function parseDocx(path: string, bytes: Uint8Array): Promise<Omit<PolicyDocument, 'sha256'>> {
  const parts = docxParts(path, bytes);
  // stored, not deflated: mammoth unpacks what was already checked, quickly
  const clean = zipSync(parts, { level: 0 });
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(clean.buffer, clean.byteOffset, clean.byteLength) },
      { styleMap: STYLE_MAP, includeDefaultStyleMap: true, convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })) },
    );
    html = result.value;
  } catch (e) {
    throw new InputError(`not a readable Word .docx file: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, path);
  }
  const builder = new DocumentBuilder();
  const walker = new HtmlWalker(builder, 'paragraph');
  walker.walk(parseHtmlFragment(html).children, true);
  const paragraphs = wordParagraphs(Buffer.from(parts['word/document.xml'] ?? new Uint8Array()).toString('utf8'));
  const paragraphPages = paragraphs.length > 0 ? pagesOfBlocks(builder.blocks, paragraphs) : undefined;
  return {
    path,
    format: 'docx',
    placing: 'paragraph',
    ...(paragraphPages ? { paragraphPages } : {}),
    meta: emptyMeta(),
    sections: builder.sections,
    blocks: builder.blocks,
    lineCount: walker.paragraphCount,
  };
}
