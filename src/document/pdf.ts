/**
 * PDF policy → PolicyDocument, with pdf.js (its legacy build, which runs on Node 20) loaded only
 * when a PDF comes. Pages are read one at a time and let go, so a long PDF costs the memory of
 * its text, not of its pages. Positions are page and line on the page: a block's `line` counts the
 * lines of the extracted text, and the document's pageLines say where each one is printed.
 */
import { DocumentBuilder } from './builder.js';
import { emptyMeta, InputError, type PageLine, type PolicyDocument } from './model.js';
import { PdfBlockWriter } from './pdf-blocks.js';
import { dropRunningLines, pageLines, type PdfLine, type PdfPage, type Piece } from './pdf-text.js';

/** Pages read at most; a policy runs to 50 or so, a 200-page one is read in full. */
export const MAX_PDF_PAGES = 500;
/** Letters a PDF must hold to have a text layer at all. */
const MIN_LETTERS = 20;

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

function loadPdfJs(): Promise<PdfJs> {
  return (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));
}

interface TextItemLike {
  str?: string;
  transform?: number[];
  width?: number;
  fontName?: string;
}

function whyUnreadable(e: unknown): string {
  const name = (e as { name?: string })?.name ?? '';
  const message = e instanceof Error ? e.message : String(e);
  if (name === 'PasswordException') return 'the PDF is encrypted and needs a password: save an unprotected copy (or print it to PDF) and audit that';
  if (name === 'InvalidPDFException' || name === 'MissingPDFException' || name === 'FormatError' || name === 'UnknownErrorException') {
    return `not a readable PDF (damaged or truncated: ${message})`;
  }
  return `not a readable PDF: ${message}`;
}

export async function parsePdf(path: string, bytes: Uint8Array): Promise<Omit<PolicyDocument, 'sha256'>> {
  const lib = await loadPdfJs();
  // pdf.js takes its input over (detaches it): give it a copy, never the caller's bytes
  const task = lib.getDocument({
    data: new Uint8Array(bytes),
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
  });
  let pdf: Awaited<typeof task.promise>;
  try {
    pdf = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    throw new InputError(whyUnreadable(e), path);
  }
  try {
    if (pdf.numPages > MAX_PDF_PAGES)
      throw new InputError(`PDF has ${pdf.numPages} pages; at most ${MAX_PDF_PAGES} are read (split it, or audit the policy part alone)`, path);
    const pages: PdfLine[][] = [];
    let letters = 0;
    let images = 0;
    const bold: BoldFonts = new Map();
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await readPage(pdf, n, lib.OPS, bold);
      images += page.images;
      const lines = pageLines(page);
      for (const l of lines) letters += l.text.replace(/[^\p{L}]/gu, '').length;
      pages.push(lines);
    }
    if (letters < MIN_LETTERS) {
      throw new InputError(
        images > 0
          ? 'PDF has no text layer, only pictures of its pages (a scan): it needs OCR (text recognition) before it can be audited, e.g. "save as searchable PDF" in the scanner software'
          : 'PDF has no readable text on its pages (empty, or damaged)',
        path,
      );
    }
    return toDocument(path, dropRunningLines(pages));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(whyUnreadable(e), path);
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
}

type Ops = PdfJs['OPS'];

/** Whether each font (by pdf.js's name for it, the same on every page of a document) is bold. */
type BoldFonts = Map<string, boolean>;

async function readPage(
  pdf: { getPage(n: number): Promise<import('pdfjs-dist/types/src/display/api.js').PDFPageProxy> },
  n: number,
  OPS: Ops,
  bold: BoldFonts,
): Promise<PdfPage & { images: number }> {
  const page = await pdf.getPage(n);
  try {
    const content = await page.getTextContent();
    const fontNames = new Set<string>();
    for (const it of content.items as TextItemLike[]) if (it.fontName) fontNames.add(it.fontName);
    // bold is in the font's name, known once the page's fonts are loaded (by its operator list,
    // which costs a fifth of the reading: done only for a page with a font not seen before); a
    // page without text is looked at too, to tell a scanned page (pictures) from an empty one
    let images = 0;
    const unseen = [...fontNames].filter((f) => !bold.has(f));
    if (unseen.length > 0 || content.items.length === 0) {
      const ops = await page.getOperatorList();
      for (const op of ops.fnArray) if (op === OPS.paintImageXObject || op === OPS.paintInlineImageXObject || op === OPS.paintImageMaskXObject) images++;
    }
    for (const f of unseen) {
      try {
        const font = page.commonObjs.get(f) as { name?: string; bold?: boolean; black?: boolean } | undefined;
        bold.set(f, !!font && (font.bold === true || font.black === true || /bold|black|heavy|semibold|demi/i.test(font.name ?? '')));
      } catch {
        bold.set(f, false);
      }
    }
    const pieces: Piece[] = [];
    for (const it of content.items as TextItemLike[]) {
      if (typeof it.str !== 'string' || it.str === '' || !it.transform) continue;
      const t = it.transform;
      const size = Math.hypot(t[2] ?? 0, t[3] ?? 0) || Math.hypot(t[0] ?? 0, t[1] ?? 0);
      pieces.push({
        str: it.str,
        x: t[4] ?? 0,
        y: t[5] ?? 0,
        width: it.width ?? 0,
        size: Math.round(size * 100) / 100,
        bold: bold.get(it.fontName ?? '') ?? false,
      });
    }
    const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
    return { number: n, width: x1 - x0, height: y1 - y0, pieces, images };
  } finally {
    page.cleanup();
  }
}

function toDocument(path: string, pages: PdfLine[][]): Omit<PolicyDocument, 'sha256'> {
  const numbered: Array<{ line: PdfLine; n: number }> = [];
  const where: PageLine[] = [];
  for (const lines of pages) {
    lines.forEach((line, i) => {
      where.push({ page: line.page, line: i + 1 });
      numbered.push({ line, n: where.length });
    });
  }
  const builder = new DocumentBuilder();
  new PdfBlockWriter(builder, numbered).write();
  return {
    path,
    format: 'pdf',
    placing: 'page',
    pageLines: where,
    meta: emptyMeta(),
    sections: builder.sections,
    blocks: builder.blocks,
    lineCount: where.length,
  };
}
