/**
 * Real-format fixtures made in test setup: the same policy text (written as Markdown) as an HTML
 * page, a Word .docx (with the `docx` library) and a PDF (with `pdfkit`), so the readers can be
 * tested on files a real program wrote, and against each other.
 */
import zlib from 'node:zlib';
import type { List, Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { remarkGfmWithoutAutolinks } from '../../src/document/gfm.js';

/** A short policy with what the readers must find: headings, a bold line used as one, a table, a numbered list. */
export const SAMPLE_POLICY = [
  '# Hilltop Youth Club Safeguarding Policy',
  '',
  'This policy applies to every child who attends Hilltop Youth Club.',
  '',
  '## Roles',
  '',
  '| Role | Name | Phone |',
  '| --- | --- | --- |',
  '| Designated safeguarding lead | Priya Shah | 0161 496 0000 |',
  '| Deputy | Tom Reed | 0161 496 0001 |',
  '',
  '**Reporting a concern**',
  '',
  'If a child tells you something that worries you, you must:',
  '',
  '1. listen and stay calm;',
  '2. write down what was said, in their words;',
  '3. tell the designated safeguarding lead the same day.',
  '',
  '## Training',
  '',
  'Every volunteer completes safeguarding training before working with children and refreshes it every three years.',
  '',
].join('\n');

export function parseMd(md: string): Root {
  return unified()
    .use(remarkParse)
    .use(remarkGfmWithoutAutolinks)
    .parse(md.replace(/^---\n[\s\S]*?\n---\n/, ''));
}

/** Markdown without its front matter (the other formats have none). */
export function bodyOf(md: string): string {
  return md.replace(/^---\n[\s\S]*?\n---\n/, '');
}

interface Span {
  text: string;
  bold: boolean;
  link?: string;
}

function spans(nodes: readonly PhrasingContent[], bold = false, link?: string): Span[] {
  const out: Span[] = [];
  for (const n of nodes) {
    if (n.type === 'text' || n.type === 'inlineCode') out.push({ text: n.value.replace(/\n/g, ' '), bold, ...(link ? { link } : {}) });
    else if (n.type === 'break') out.push({ text: ' ', bold });
    else if (n.type === 'strong') out.push(...spans(n.children, true, link));
    else if (n.type === 'emphasis' || n.type === 'delete') out.push(...spans(n.children, bold, link));
    else if (n.type === 'link') out.push(...spans(n.children, bold, n.url));
  }
  return out;
}

const plain = (ss: Span[]): string => ss.map((s) => s.text).join('');

/** A flat list of what a page shows, shared by the three writers. */
export type Item =
  | { kind: 'heading'; depth: number; spans: Span[] }
  | { kind: 'para'; spans: Span[] }
  | { kind: 'item'; ordered: boolean; level: number; spans: Span[]; number: number }
  | { kind: 'table'; rows: Span[][][] };

export function itemsOf(md: string): Item[] {
  const out: Item[] = [];
  const list = (node: List, level: number): void => {
    node.children.forEach((li, i) => {
      let first = true;
      for (const c of li.children) {
        if (c.type === 'paragraph') {
          out.push(
            first
              ? { kind: 'item', ordered: !!node.ordered, level, spans: spans(c.children), number: (node.start ?? 1) + i }
              : { kind: 'item', ordered: false, level: level + 1, spans: spans(c.children), number: 0 },
          );
          first = false;
        } else if (c.type === 'list') list(c, level + 1);
      }
    });
  };
  const flow = (nodes: readonly RootContent[]): void => {
    for (const n of nodes) {
      if (n.type === 'heading') out.push({ kind: 'heading', depth: n.depth, spans: spans(n.children) });
      else if (n.type === 'paragraph') out.push({ kind: 'para', spans: spans(n.children) });
      else if (n.type === 'list') list(n, 0);
      else if (n.type === 'table') out.push({ kind: 'table', rows: n.children.map((r) => r.children.map((c) => spans(c.children))) });
      else if (n.type === 'blockquote') flow(n.children);
    }
  };
  flow(parseMd(md).children);
  return out;
}

// ---------------------------------------------------------------------------------------------
// HTML

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function spansHtml(ss: Span[]): string {
  return ss
    .map((s) => {
      let t = esc(s.text);
      if (s.bold) t = `<strong>${t}</strong>`;
      if (s.link) t = `<a href="${esc(s.link)}">${t}</a>`;
      return t;
    })
    .join('');
}

/** A page with site furniture around the policy: a nav, a cookie banner, a footer, a script. */
export function toHtml(md: string, title = 'Policy'): string {
  const body: string[] = [];
  const open: Array<'ul' | 'ol'> = [];
  const closeTo = (level: number) => {
    while (open.length > level) body.push(`</li></${open.pop()}>`);
  };
  for (const it of itemsOf(md)) {
    if (it.kind !== 'item') closeTo(0);
    if (it.kind === 'heading') body.push(`<h${it.depth}>${spansHtml(it.spans)}</h${it.depth}>`);
    else if (it.kind === 'para') body.push(`<p>${spansHtml(it.spans)}</p>`);
    else if (it.kind === 'table') {
      body.push('<table>');
      it.rows.forEach((r, i) => body.push(`<tr>${r.map((c) => (i === 0 ? `<th>${spansHtml(c)}</th>` : `<td>${spansHtml(c)}</td>`)).join('')}</tr>`));
      body.push('</table>');
    } else {
      if (open.length > it.level + 1) closeTo(it.level + 1);
      if (open.length === it.level + 1) body.push('</li>');
      while (open.length < it.level + 1) {
        const tag = it.ordered ? 'ol' : 'ul';
        open.push(tag);
        body.push(`<${tag}>`);
      }
      body.push(`<li>${spansHtml(it.spans)}`);
    }
  }
  closeTo(0);
  return [
    '<!DOCTYPE html>',
    `<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><script>var tracking = "safeguarding lead";</script></head>`,
    '<body>',
    '<nav><ul><li><a href="/">Home</a></li><li><a href="/news">Latest news about our designated safeguarding lead</a></li></ul></nav>',
    '<div id="cookie-banner"><p>We use cookies. Our safeguarding policy explains how we keep children safe.</p></div>',
    '<header><p>Site header</p></header>',
    '<main>',
    ...body,
    '</main>',
    '<footer><p>Registered charity. Report concerns to the designated safeguarding lead.</p></footer>',
    '</body></html>',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Word

/** `pageBreakBefore`: a forced page break before the heading or paragraph with this text. */
export async function toDocx(md: string, opts: { pageBreakBefore?: string } = {}): Promise<Buffer> {
  const d = await import('docx');
  const runs = (ss: Span[]) => ss.map((s) => new d.TextRun({ text: s.text, bold: s.bold }));
  const LEVELS = [
    d.HeadingLevel.HEADING_1,
    d.HeadingLevel.HEADING_2,
    d.HeadingLevel.HEADING_3,
    d.HeadingLevel.HEADING_4,
    d.HeadingLevel.HEADING_5,
    d.HeadingLevel.HEADING_6,
  ];
  const children: Array<InstanceType<typeof d.Paragraph> | InstanceType<typeof d.Table>> = [];
  let listNo = 0;
  let prevItem = false;
  for (const it of itemsOf(md)) {
    if (it.kind !== 'table' && plain(it.spans) === opts.pageBreakBefore) children.push(new d.Paragraph({ children: [new d.PageBreak()] }));
    if (it.kind === 'heading') children.push(new d.Paragraph({ heading: LEVELS[it.depth - 1]!, children: runs(it.spans) }));
    else if (it.kind === 'para') children.push(new d.Paragraph({ children: runs(it.spans) }));
    else if (it.kind === 'item') {
      if (!prevItem) listNo++;
      children.push(
        new d.Paragraph({
          children: runs(it.spans),
          ...(it.ordered ? { numbering: { reference: 'numbers', level: it.level, instance: listNo } } : { bullet: { level: it.level } }),
        }),
      );
    } else {
      children.push(
        new d.Table({
          rows: it.rows.map((r) => new d.TableRow({ children: r.map((c) => new d.TableCell({ children: [new d.Paragraph({ children: runs(c) })] })) })),
        }),
      );
    }
    prevItem = it.kind === 'item';
  }
  const doc = new d.Document({
    numbering: {
      config: [
        {
          reference: 'numbers',
          levels: [0, 1, 2, 3].map((level) => ({ level, format: d.LevelFormat.DECIMAL, text: `%${level + 1}.`, alignment: d.AlignmentType.START })),
        },
      ],
    },
    sections: [{ children }],
  });
  return d.Packer.toBuffer(doc);
}

// ---------------------------------------------------------------------------------------------
// PDF

export interface PdfOptions {
  /** running header on every page (with the page number in the footer) */
  runningHeader?: string;
  /** lay the body out in two columns */
  twoColumns?: boolean;
  /** start a new page before each level-2 heading */
  pageBreakAtH2?: boolean;
}

/** A PDF written by pdfkit: bold, larger headings, bullets and numbers as text, tables as cells placed in a row. */
export async function toPdf(md: string, opts: PdfOptions = {}): Promise<Buffer> {
  const PDFDocument = (await import('pdfkit')).default;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    bufferPages: true,
    info: { CreationDate: new Date(0), ModDate: new Date(0), Producer: 'test', Creator: 'test' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 112;
  const colOpts = opts.twoColumns ? { columns: 2, columnGap: 24, width, height: doc.page.height - 112 } : { width };
  const SIZES = [20, 16, 13.5, 12.5, 12.5, 12.5];
  const writeSpans = (ss: Span[], extra: Record<string, unknown> = {}) => {
    ss.forEach((s, i) => {
      doc.font(s.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(11);
      doc.text(s.text, { ...colOpts, ...extra, continued: i < ss.length - 1 });
    });
  };
  let first = true;
  for (const it of itemsOf(md)) {
    if (it.kind === 'heading') {
      if (opts.pageBreakAtH2 && it.depth === 2 && !first) doc.addPage();
      doc.moveDown(0.6);
      doc
        .font('Helvetica-Bold')
        .fontSize(SIZES[it.depth - 1]!)
        .text(plain(it.spans), colOpts);
      doc.moveDown(0.3);
    } else if (it.kind === 'para') {
      writeSpans(it.spans);
      doc.moveDown(0.5);
    } else if (it.kind === 'item') {
      // a hanging indent, as word processors lay lists out: the marker, then the text in its own margin
      const marker = it.ordered ? `${it.number}.` : '•';
      const x = doc.x;
      const indent = 16 * it.level;
      const y = doc.y;
      doc
        .font('Helvetica')
        .fontSize(11)
        .text(marker, x + indent, y, { lineBreak: false });
      doc.x = x + indent + 18;
      doc.y = y;
      writeSpans(it.spans, { width: (opts.twoColumns ? (width - 24) / 2 : width) - indent - 18 });
      doc.x = x;
      doc.moveDown(0.2);
    } else {
      const cols = Math.max(...it.rows.map((r) => r.length));
      const cw = width / cols;
      for (const r of it.rows) {
        const y = doc.y;
        let bottom = y;
        r.forEach((c, i) => {
          doc
            .font('Helvetica')
            .fontSize(11)
            .text(plain(c), 56 + i * cw, y, { width: cw - 10 });
          bottom = Math.max(bottom, doc.y);
        });
        doc.x = 56;
        doc.y = bottom + 4;
      }
      doc.moveDown(0.5);
    }
    first = false;
  }
  if (opts.runningHeader) {
    const range = doc.bufferedPageRange();
    for (let i = 0; i < range.count; i++) {
      doc.switchToPage(i);
      // writing in the margin must not move the text cursor onto a new page
      const bottomMargin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.font('Helvetica').fontSize(9).text(opts.runningHeader, 56, 24, { width, lineBreak: false });
      doc
        .font('Helvetica')
        .fontSize(9)
        .text(`Page ${i + 1} of ${range.count}`, 56, doc.page.height - 36, { width, align: 'center', lineBreak: false });
      doc.page.margins.bottom = bottomMargin;
    }
  }
  doc.end();
  return done;
}

/** A one-page PDF holding only a picture (a scan): no text layer at all. */
export async function scannedPdf(): Promise<Buffer> {
  const PDFDocument = (await import('pdfkit')).default;
  const doc = new PDFDocument({ size: 'A4', info: { CreationDate: new Date(0), ModDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.image(greyPng(200, 280), 40, 40, { width: 500 });
  doc.end();
  return done;
}

/** A small greyscale PNG with stripes like lines of print, made by hand (no image library). */
function greyPng(w: number, h: number): Buffer {
  const raw = Buffer.alloc((w + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w + 1)] = 0; // filter: none
    for (let x = 0; x < w; x++) raw[y * (w + 1) + 1 + x] = y % 8 < 3 && x > 10 && x < w - 10 - ((y * 13) % 60) ? 40 : 230;
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export type { Nodes };
