/**
 * Broken and hostile Word and PDF files, written byte by byte (no generator library, so the
 * writers are synchronous and the bytes are exactly what the case needs). Part of BAD_FILES.
 */
import { writeFileSync } from 'node:fs';
import { zipSync, strToU8 } from 'fflate';
import type { BadFile } from './bad-files.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** The smallest archive Word's readers accept: content types, the package link and the document. */
function docxZip(documentXml: string, extra: Record<string, Uint8Array> = {}): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(documentXml),
    ...extra,
  });
}

function documentXml(paragraphs: string[], head = ''): string {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>${head}<w:document ${W}><w:body>${body}</w:body></w:document>`;
}

export const DOCX_TEXT = ['Safeguarding policy', 'Our club welfare officer is Jane Smith (07700 900123). Report any concern about a child to her at once.'];

export function goodDocx(): Uint8Array {
  return docxZip(documentXml(DOCX_TEXT));
}

/** A PDF built from its objects, with a correct cross-reference table. */
export function pdfFrom(objects: string[]): Buffer {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function stream(content: string, dict = ''): string {
  return `<< /Length ${content.length}${dict} >>\nstream\n${content}\nendstream`;
}

/** A one-page PDF in Helvetica, one line of text per string. */
export function goodPdf(lines: string[] = DOCX_TEXT): Buffer {
  const ops = lines.map((l, i) => `BT /F1 11 Tf 72 ${760 - i * 16} Td (${l.replace(/[()\\]/g, '\\$&')}) Tj ET`).join('\n');
  return pdfFrom([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    stream(ops),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ]);
}

/** A page that is only a picture: what a scanner makes without OCR. */
function scannedPdf(): Buffer {
  const pixels = 'ABCDEFGHIJKLMNOP';
  return pdfFrom([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>',
    stream('q 500 0 0 700 40 80 cm /Im1 Do Q'),
    stream(pixels, ' /Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceGray /BitsPerComponent 8'),
  ]);
}

/** More pages than the reader reads: every page shares one small content stream. */
function hugePdf(pages: number): Buffer {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 5} 0 R`).join(' ');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    stream('BT /F1 11 Tf 72 760 Td (Page text.) Tj ET'),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  for (let i = 0; i < pages; i++)
    objects.push('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>');
  return pdfFrom(objects);
}

const put = (bytes: Uint8Array | string) => (path: string) => writeFileSync(path, bytes);

export const BAD_FORMAT_FILES: BadFile[] = [
  { name: 'good.docx', what: 'a small Word file', write: put(goodDocx()), expect: 'document' },
  { name: 'good.pdf', what: 'a small PDF', write: put(goodPdf()), expect: 'document' },
  {
    name: 'good.html',
    what: 'a small web page',
    write: put(`<!DOCTYPE html><title>x</title><main><h1>${DOCX_TEXT[0]}</h1><p>${DOCX_TEXT[1]}</p></main>`),
    expect: 'document',
  },
  {
    name: 'truncated.docx',
    what: 'a truncated Word file',
    write: (path) => {
      const whole = goodDocx();
      writeFileSync(path, whole.subarray(0, Math.floor(whole.length / 2)));
    },
    expect: { message: /^not a readable Word \.docx file \(the archive is damaged or truncated: / },
  },
  {
    name: 'no-document.docx',
    what: 'a zip archive without a Word document in it',
    write: put(zipSync({ 'notes.txt': strToU8('hello') })),
    expect: { message: 'not a Word .docx file (the archive has no word/document.xml)' },
  },
  {
    name: 'zip-bomb.docx',
    what: 'a Word file that is a zip bomb (64 MiB of XML in a small archive)',
    write: (path) => writeFileSync(path, docxZip(documentXml(['Safeguarding']), { 'word/settings.xml': new Uint8Array(64 * 1024 * 1024).fill(32) })),
    expect: { message: 'Word .docx text would inflate to over 48 MiB: refused as a possible zip bomb' },
  },
  {
    name: 'external-entity.docx',
    what: 'a Word file with an external entity',
    write: put(docxZip(documentXml(['&xxe;'], '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'))),
    expect: { message: 'Word .docx part word/document.xml declares a DTD (entities); Word never writes one, so the file is refused' },
  },
  {
    name: 'pdf-inside.docx',
    what: 'a PDF with a .docx name',
    write: put(goodPdf()),
    expect: { message: 'not a Word .docx file: it is a PDF: give it a .pdf name' },
  },
  {
    name: 'word-inside.pdf',
    what: 'a Word file with a .pdf name',
    write: put(goodDocx()),
    expect: { message: 'not a PDF: it is a zip archive (a Word .docx is one): give a Word file a .docx name' },
  },
  {
    name: 'word-inside.md',
    what: 'a Word file with a .md name',
    write: put(goodDocx()),
    expect: { message: 'not a Markdown text file: it is a zip archive (a Word .docx is one): give a Word file a .docx name' },
  },
  {
    name: 'legacy.doc',
    what: 'a legacy Word .doc',
    write: put(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)])),
    expect: { message: 'legacy Word .doc files cannot be read: open it in Word (or LibreOffice) and save it as .docx or PDF' },
  },
  {
    name: 'legacy-named.docx',
    what: 'a legacy Word .doc with a .docx name',
    write: put(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)])),
    expect: { message: 'not a Word .docx file: it is a legacy Word .doc (or another old Office file): save it as .docx or PDF' },
  },
  {
    name: 'corrupt.pdf',
    what: 'a PDF whose body is garbage',
    write: put(`%PDF-1.7\n${'garbage '.repeat(200)}`),
    expect: { message: 'not a readable PDF (damaged or truncated: Invalid PDF structure.)' },
  },
  {
    name: 'truncated.pdf',
    what: 'a PDF cut off before its content',
    write: (path) => {
      const whole = goodPdf();
      writeFileSync(path, whole.subarray(0, whole.indexOf('stream')));
    },
    expect: { message: 'not a readable PDF (damaged or truncated: Invalid PDF structure.)' },
  },
  {
    name: 'reference-loop.pdf',
    what: 'a PDF whose page tree refers to itself',
    write: put(pdfFrom(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [2 0 R] /Count 1 >>'])),
    expect: { message: 'not a readable PDF (damaged or truncated: Pages tree contains circular reference.)' },
  },
  {
    name: 'length-loop.pdf',
    what: 'a PDF whose content stream length is a reference to itself',
    write: put(
      pdfFrom([
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
        '<< /Length 4 0 R >>\nstream\nBT /F1 12 Tf 72 700 Td (Hello) Tj ET\nendstream',
      ]),
    ),
    expect: { message: 'PDF has no readable text on its pages (empty, or damaged)' },
  },
  {
    name: 'scanned.pdf',
    what: 'a scanned PDF (pictures of pages, no text layer)',
    write: put(scannedPdf()),
    expect: { message: /^PDF has no text layer, only pictures of its pages \(a scan\): it needs OCR/ },
  },
  {
    name: 'huge.pdf',
    what: 'a PDF of 501 pages',
    write: put(hugePdf(501)),
    expect: { message: 'PDF has 501 pages; at most 500 are read (split it, or audit the policy part alone)' },
  },
];
