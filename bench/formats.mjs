/**
 * Word and PDF policies for `npm run bench`, made with the devDependencies `docx` and `pdfkit`
 * from a Markdown sample repeated to the length wanted: headings, paragraphs, numbered and bulleted
 * lists, a running header and page numbers, A4 in 11 pt type (about 45 lines a page).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The sample as a list of items: headings, paragraphs and list items (tables read as paragraphs). */
function itemsOf(md) {
  const body = md.replace(/^---\n[\s\S]*?\n---\n/, '');
  const items = [];
  for (const chunk of body.split(/\n\s*\n/)) {
    const lines = chunk.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    const h = /^(#{1,6})\s+(.*)$/.exec(lines[0]);
    if (h) {
      items.push({ kind: 'heading', depth: h[1].length, text: h[2] });
      if (lines.length > 1) items.push({ kind: 'para', text: lines.slice(1).join(' ') });
      continue;
    }
    if (/^\s*(?:[-*]|\d+[.)])\s/.test(lines[0])) {
      let cur;
      for (const l of lines) {
        const m = /^\s*(?:([-*])|(\d+)[.)])\s+(.*)$/.exec(l);
        if (m) items.push((cur = { kind: 'item', ordered: !m[1], text: m[3] }));
        else if (cur) cur.text += ` ${l.trim()}`;
      }
      continue;
    }
    items.push({
      kind: 'para',
      text: lines
        .map((l) => l.replace(/^\|\s*|\s*\|$/g, '').replace(/\s*\|\s*/g, ' '))
        .join(' ')
        .replace(/[*_`]/g, ''),
    });
  }
  return items.map((i) => ({ ...i, text: i.text.replace(/\*\*|__|`/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') }));
}

/** The sample `copies` times over, its headings numbered per copy. */
function policyItems(samplePath, copies) {
  const one = itemsOf(readFileSync(samplePath, 'utf8'));
  const out = [];
  for (let c = 1; c <= copies; c++) for (const i of one) out.push(i.kind === 'heading' && i.depth > 1 ? { ...i, text: `${c}.${i.text}` } : i);
  return out;
}

export async function writeDocx(items, path) {
  const d = await import('docx');
  const LEVELS = [
    d.HeadingLevel.HEADING_1,
    d.HeadingLevel.HEADING_2,
    d.HeadingLevel.HEADING_3,
    d.HeadingLevel.HEADING_4,
    d.HeadingLevel.HEADING_5,
    d.HeadingLevel.HEADING_6,
  ];
  const children = items.map((i) =>
    i.kind === 'heading'
      ? new d.Paragraph({ heading: LEVELS[i.depth - 1], text: i.text })
      : i.kind === 'item'
        ? new d.Paragraph({ text: i.text, ...(i.ordered ? { numbering: { reference: 'n', level: 0 } } : { bullet: { level: 0 } }) })
        : new d.Paragraph({ text: i.text }),
  );
  const doc = new d.Document({
    numbering: { config: [{ reference: 'n', levels: [{ level: 0, format: d.LevelFormat.DECIMAL, text: '%1.', alignment: d.AlignmentType.START }] }] },
    sections: [{ children }],
  });
  writeFileSync(path, await d.Packer.toBuffer(doc));
}

export async function writePdf(items, path, header) {
  const PDFDocument = (await import('pdfkit')).default;
  const doc = new PDFDocument({ size: 'A4', margin: 56, bufferPages: true, info: { CreationDate: new Date(0), ModDate: new Date(0) } });
  const chunks = [];
  doc.on('data', (c) => chunks.push(c));
  const done = new Promise((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 112;
  for (const i of items) {
    if (i.kind === 'heading')
      doc
        .moveDown(0.6)
        .font('Helvetica-Bold')
        .fontSize([20, 16, 13.5, 12.5, 12.5, 12.5][i.depth - 1])
        .text(i.text, { width })
        .moveDown(0.3);
    else if (i.kind === 'item') {
      const y = doc.y;
      doc
        .font('Helvetica')
        .fontSize(11)
        .text(i.ordered ? '1.' : '•', 56, y, { lineBreak: false });
      doc.text(i.text, 74, y, { width: width - 18 });
      doc.x = 56;
      doc.moveDown(0.2);
    } else doc.font('Helvetica').fontSize(11).text(i.text, { width }).moveDown(0.5);
  }
  const range = doc.bufferedPageRange();
  for (let p = 0; p < range.count; p++) {
    doc.switchToPage(p);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(9).text(header, 56, 24, { width, lineBreak: false });
    doc.text(`Page ${p + 1} of ${range.count}`, 56, doc.page.height - 36, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  writeFileSync(path, await done);
  return range.count;
}

/** The bench's Word and PDF files in `dir`: a 20-page policy as both, and a 200-page PDF. */
export async function generateFormatFixtures(root, dir) {
  const sample = join(root, 'samples', 'st-aidans-primary-child-protection.md');
  const header = "St Aidan's CE Primary School · Child protection policy";
  // as many copies of the sample as make the pages wanted: one copy's pages measured first
  const perCopy = (await writePdf(policyItems(sample, 4), join(dir, 'probe.pdf'), header)) / 4;
  const files = { docx20: join(dir, 'policy-20p.docx'), pdf20: join(dir, 'policy-20p.pdf'), pdf200: join(dir, 'policy-200p.pdf') };
  const twenty = policyItems(sample, Math.round(20 / perCopy));
  await writeDocx(twenty, files.docx20);
  const pages20 = await writePdf(twenty, files.pdf20, header);
  const pages200 = await writePdf(policyItems(sample, Math.round(200 / perCopy)), files.pdf200, header);
  return { ...files, pages20, pages200 };
}
