/**
 * The HTML, Word and PDF readers on files real programs wrote (made in test setup with the
 * `docx` and `pdfkit` libraries): headings, numbered lists, tables, positions a reader can follow.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentFromBytes, loadPolicy } from '../../src/document/load.js';
import type { PolicyDocument } from '../../src/document/model.js';
import { placeOf } from '../../src/document/place.js';
import { SAMPLE_POLICY as POLICY, toDocx, toHtml, toPdf } from '../helpers/formats.js';

let dir: string;
const docs: Record<string, PolicyDocument> = {};
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wt-audit-formats-'));
  writeFileSync(join(dir, 'policy.html'), toHtml(POLICY));
  writeFileSync(join(dir, 'policy.docx'), await toDocx(POLICY));
  writeFileSync(join(dir, 'policy.pdf'), await toPdf(POLICY));
  for (const f of ['html', 'docx', 'pdf']) docs[f] = await loadPolicy(join(dir, `policy.${f}`));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const texts = (d: PolicyDocument, kind?: string) => d.blocks.filter((b) => !kind || b.kind === kind).map((b) => b.text);

describe.each(['html', 'docx', 'pdf'])('%s reader', (format) => {
  it('finds the headings, the bold line used as a heading, and their trail', () => {
    const d = docs[format]!;
    expect(d.format).toBe(format);
    expect(d.sections.map((s) => s.heading)).toEqual(['Hilltop Youth Club Safeguarding Policy', 'Roles', 'Reporting a concern', 'Training']);
    expect(d.sections[2]!.trail).toEqual(['Hilltop Youth Club Safeguarding Policy', 'Roles', 'Reporting a concern']);
  });

  it('reads table rows with their cells and a numbered list as one group with its lead-in', () => {
    const d = docs[format]!;
    expect(texts(d, 'table-row')).toEqual([
      'Role | Name | Phone',
      'Designated safeguarding lead | Priya Shah | 0161 496 0000',
      'Deputy | Tom Reed | 0161 496 0001',
    ]);
    expect(texts(d, 'list-item')).toEqual([
      'listen and stay calm;',
      'write down what was said, in their words;',
      'tell the designated safeguarding lead the same day.',
    ]);
    const leadIn = d.blocks.find((b) => b.text.startsWith('If a child tells you'))!;
    expect(d.blocks.filter((b) => b.kind === 'list-item').every((b) => b.group === leadIn.group)).toBe(true);
  });

  it('keeps each paragraph whole', () => {
    expect(texts(docs[format]!, 'paragraph')).toContain(
      'Every volunteer completes safeguarding training before working with children and refreshes it every three years.',
    );
  });
});

describe('positions', () => {
  it('HTML: the line of the page source', () => {
    const d = docs.html!;
    const source = toHtml(POLICY).split('\n');
    const b = d.blocks.find((x) => x.text.startsWith('Every volunteer'))!;
    expect(source[b.line - 1]).toContain('Every volunteer completes');
    expect(d.placing).toBeUndefined();
  });

  it('Word: the paragraph number', () => {
    const d = docs.docx!;
    expect(d.placing).toBe('paragraph');
    // title, intro, Roles, three rows, bold line, lead-in, three items, Training, its paragraph
    const b = d.blocks.find((x) => x.text.startsWith('Every volunteer'))!;
    expect(placeOf(d, b.line)).toEqual({ paragraph: 13, where: '¶ 13' });
  });

  it('PDF: page and line on the page', () => {
    const d = docs.pdf!;
    expect(d.placing).toBe('page');
    const b = d.blocks.find((x) => x.text.startsWith('write down'))!;
    const at = placeOf(d, b.line);
    expect(at.page).toBe(1);
    // lines above it: title (1), intro, Roles, three rows, bold line, lead-in, the first item
    expect(at.pageLine).toBe(10);
    expect(at.where).toBe('p. 1, line 10');
  });
});

describe('HTML pages', () => {
  it('reads <main> and leaves out navigation, cookie banner, header, footer and scripts', () => {
    const all = texts(docs.html!).join('\n');
    expect(all).not.toMatch(/cookies|Latest news|Registered charity|Site header|tracking/);
    // and keeps the policy itself
    expect(all).toContain('Every volunteer completes safeguarding training');
  });

  it('without <main>, reads the body but not its nav, header and footer', async () => {
    const html =
      '<html><body><nav>Home · About the designated safeguarding lead</nav><header>Club</header><h1>Policy</h1><p>We keep children safe.</p><footer>© Club</footer></body></html>';
    const d = await documentFromBytes('p.html', Buffer.from(html), 'html');
    expect(texts(d)).toEqual(['Policy', 'We keep children safe.']);
  });
});

describe('PDF layout', () => {
  it('drops running headers and page numbers on a two-page PDF and joins the paragraph split by the page break', async () => {
    const long = Array.from({ length: 130 }, (_, i) => `Line ${i + 1} of the procedure text that staff follow when they are worried`).join(' ');
    const md = `# Policy\n\n${long}.\n\n## After\n\nThe end.\n`;
    const d = await documentFromBytes('two.pdf', await toPdf(md, { runningHeader: 'Hilltop Youth Club safeguarding policy' }), 'pdf');
    const all = texts(d);
    expect(all.some((t) => /Hilltop Youth Club safeguarding policy|Page \d of/.test(t))).toBe(false);
    expect(new Set(d.pageLines!.map((p) => p.page))).toEqual(new Set([1, 2]));
    const para = d.blocks.find((b) => b.text.startsWith('Line 1 of'))!;
    expect(para.text.endsWith('Line 130 of the procedure text that staff follow when they are worried.')).toBe(true);
    expect(placeOf(d, para.endLine).page).toBe(2);
  });

  it('reads a two-column page column by column', async () => {
    const left = Array.from({ length: 40 }, (_, i) => `alpha${i}`).join(' ');
    const right = Array.from({ length: 40 }, (_, i) => `omega${i}`).join(' ');
    // pdfkit flows one text into two columns: the first half fills the left column
    const PDFDocument = (await import('pdfkit')).default;
    const pdf = new PDFDocument({ size: 'A4', margin: 56 });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<Buffer>((r) => pdf.on('end', () => r(Buffer.concat(chunks))));
    pdf.font('Helvetica-Bold').fontSize(18).text('Two column policy', { width: 480 });
    pdf.font('Helvetica').fontSize(10).text(`${left}. ${right}.`, { columns: 2, columnGap: 30, width: 480, height: 120 });
    pdf.end();
    const d = await documentFromBytes('cols.pdf', await done, 'pdf');
    const body = texts(d, 'paragraph').join(' ');
    // read across, each left line would run on into the right column's line beside it
    expect(body).toContain('alpha5 alpha6');
    expect(body).toContain('omega11 omega12');
    expect(body).not.toContain('|');
  });
});
