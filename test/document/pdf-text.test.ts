/**
 * The PDF text layer on pieces placed by hand: what real published PDFs do to their text
 * (/work/shared/real-pdfs.md) and how the reader puts it back.
 */
import { describe, expect, it } from 'vitest';
import { DocumentBuilder } from '../../src/document/builder.js';
import { PdfBlockWriter } from '../../src/document/pdf-blocks.js';
import { dropRunningLines, pageLines, type PdfLine, type PdfPage, type Piece } from '../../src/document/pdf-text.js';

const p = (str: string, x: number, y: number, size = 11, bold = false): Piece => ({ str, x, y, width: str.length * size * 0.5, size, bold });

function page(pieces: Piece[], number = 1): PdfPage {
  return { number, width: 595, height: 842, pieces };
}

function blocks(pages: PdfLine[][]): Array<{ kind: string; text: string; line: number; endLine: number; lineStarts?: number[] }> {
  const numbered: Array<{ line: PdfLine; n: number }> = [];
  for (const lines of pages) for (const line of lines) numbered.push({ line, n: numbered.length + 1 });
  const b = new DocumentBuilder();
  new PdfBlockWriter(b, numbered).write();
  return b.blocks.map((x) => ({ kind: x.kind, text: x.text, line: x.line, endLine: x.endLine, ...(x.lineStarts ? { lineStarts: x.lineStarts } : {}) }));
}

describe('PDF lines', () => {
  it('joins pieces on one baseline, with a space only where the glyphs leave a gap', () => {
    // "Desig" and "nated" touch: one word; "safeguarding" starts a space's width later
    const lines = pageLines(page([p('Desig', 56, 700), p('nated', 56 + 5 * 5.5, 700), p('safeguarding', 56 + 10 * 5.5 + 3.5, 700)]));
    expect(lines.map((l) => l.text)).toEqual(['Designated safeguarding']);
  });

  it('drops a footnote number set small and raised, and keeps a year on the baseline', () => {
    const lines = pageLines(page([p('Data Protection Act 2018', 56, 700), p('8', 56 + 24 * 5.5, 704, 6), p('applies.', 56 + 24 * 5.5 + 8, 700)]));
    expect(lines.map((l) => l.text)).toEqual(['Data Protection Act 2018 applies.']);
  });

  it('does not take the indent after a bullet or a list number for a table cell', () => {
    const lines = pageLines(page([p('•', 56, 700), p('Safeguarding is everyone’s responsibility.', 74, 700), p('12.', 56, 680), p('Tell the DSL.', 80, 680)]));
    expect(lines.map((l) => [l.text, l.cells])).toEqual([
      ['• Safeguarding is everyone’s responsibility.', false],
      ['12. Tell the DSL.', false],
    ]);
  });

  it('reads a symbol-font bullet as a bullet and a wide gap as a table cell', () => {
    const lines = pageLines(page([p('\uF0B7', 56, 700), p('Call 999 in an emergency', 74, 700), p('DSL', 56, 680), p('01344 351999', 300, 680)]));
    expect(lines.map((l) => [l.text, l.cells])).toEqual([
      ['• Call 999 in an emergency', false],
      ['DSL | 01344 351999', true],
    ]);
  });

  it('reads a two-column page column by column, a full-width title first', () => {
    const pieces: Piece[] = [p('Safeguarding policy for the whole club and its members', 56, 780, 16)];
    for (let i = 0; i < 8; i++) {
      pieces.push(p(`left column line ${i} of text runs on to the gutter here`, 56, 740 - i * 14, 9));
      pieces.push(p(`right column line ${i} of text runs on to the margin`, 310, 740 - i * 14, 9));
    }
    const texts = pageLines(page(pieces)).map((l) => l.text);
    expect(texts[0]).toMatch(/^Safeguarding policy/);
    expect(texts.slice(1, 9).every((t) => t.startsWith('left'))).toBe(true);
    expect(texts.slice(9).every((t) => t.startsWith('right'))).toBe(true);
  });

  it('does not take a two-cell table for two columns', () => {
    const pieces: Piece[] = [];
    for (let i = 0; i < 8; i++) pieces.push(p(`Role ${i}`, 56, 740 - i * 14), p(`0161 496 000${i}`, 320, 740 - i * 14));
    expect(pageLines(page(pieces)).map((l) => l.text)).toEqual(Array.from({ length: 8 }, (_, i) => `Role ${i} | 0161 496 000${i}`));
  });
});

describe('running headers and footers', () => {
  it('drops what repeats at the top and bottom of every page and bare page numbers, and keeps one dated header', () => {
    const pages = [1, 2, 3].map((n) =>
      pageLines(
        page(
          [
            p('Safeguarding policy – updated July 2024', 56, 810, 9),
            p('Riverside Juniors FC', 56, 795, 9),
            p(`Body text of page ${n}.`, 56, 700),
            p(`Page ${n} of 3`, 280, 30, 9),
          ],
          n,
        ),
      ),
    );
    const kept = dropRunningLines(pages).map((lines) => lines.map((l) => l.text));
    expect(kept).toEqual([['Safeguarding policy – updated July 2024', 'Body text of page 1.'], ['Body text of page 2.'], ['Body text of page 3.']]);
  });

  it('keeps everything in a one-page PDF but its page number', () => {
    const kept = dropRunningLines([pageLines(page([p('Title line', 56, 810), p('Text.', 56, 700), p('1', 290, 30)]))]);
    expect(kept[0]!.map((l) => l.text)).toEqual(['Title line', 'Text.']);
  });
});

describe('PDF blocks', () => {
  it('joins lines into paragraphs by position, mends end-of-line hyphens and knows each line', () => {
    const lines = pageLines(
      page([
        p('Policy', 56, 780, 18, true),
        p('Everyone who works with children must under-', 56, 750),
        p('stand how to report a concern about a multi-', 56, 737),
        p('agency plan.', 56, 724),
        p('A new paragraph after a gap.', 56, 700),
      ]),
    );
    const text = 'Everyone who works with children must understand how to report a concern about a multi-agency plan.';
    // the second line begins inside "understand", the third inside "multi-agency"
    expect(blocks([lines])).toEqual([
      { kind: 'heading', text: 'Policy', line: 1, endLine: 1 },
      { kind: 'paragraph', text, line: 2, endLine: 4, lineStarts: [text.indexOf('stand how'), text.indexOf('agency plan')] },
      { kind: 'paragraph', text: 'A new paragraph after a gap.', line: 5, endLine: 5 },
    ]);
  });

  it('joins one word per line into its paragraph', () => {
    const words = ['The', 'designated', 'safeguarding', 'lead', 'is', 'Sam', 'Jones.'];
    const lines = pageLines(page(words.map((w, i) => p(w, 56, 700 - i * 13))));
    expect(blocks([lines]).map((b) => b.text)).toEqual(['The designated safeguarding lead is Sam Jones.']);
  });

  it('tells list items by their bullets and numbers, with their lead-in as one group', () => {
    const lines = pageLines(
      page([
        p('Staff must:', 56, 700),
        p('•', 56, 686),
        p('listen carefully;', 74, 686),
        p('2.', 56, 672),
        p('write it down and tell the', 74, 672),
        p('DSL the same day.', 74, 659),
        p('Then the DSL decides.', 56, 640),
      ]),
    );
    const b = new DocumentBuilder();
    new PdfBlockWriter(
      b,
      lines.map((line, i) => ({ line, n: i + 1 })),
    ).write();
    expect(b.blocks.map((x) => [x.kind, x.text])).toEqual([
      ['paragraph', 'Staff must:'],
      ['list-item', 'listen carefully;'],
      ['list-item', 'write it down and tell the DSL the same day.'],
      ['paragraph', 'Then the DSL decides.'],
    ]);
    expect(new Set(b.blocks.slice(0, 3).map((x) => x.group)).size).toBe(1);
  });

  it('makes headings of larger text, a level per size, and of short bold lines standing alone', () => {
    const lines = pageLines(
      page([
        p('Safeguarding Policy', 56, 800, 20, true),
        p('1. Roles', 56, 770, 15, true),
        p('Designated lead', 56, 745, 11, true),
        p('Sam Jones leads on safeguarding.', 56, 725),
        p('Body text goes on here too.', 56, 712),
      ]),
    );
    const b = new DocumentBuilder();
    new PdfBlockWriter(
      b,
      lines.map((line, i) => ({ line, n: i + 1 })),
    ).write();
    expect(b.sections.map((s) => [s.heading, s.depth])).toEqual([
      ['Safeguarding Policy', 1],
      ['1. Roles', 2],
      ['Designated lead', 3],
    ]);
  });

  it('puts a wrapped cell back into its row, but not a paragraph that follows the table', () => {
    const lines = pageLines(
      page([
        p('Club Safeguarding', 56, 700),
        p('Jane Smith', 220, 700),
        p('07700 900123', 380, 700),
        p('Officer', 56, 687),
        p('This policy should be read with the whistleblowing policy and the others.', 56, 674),
      ]),
    );
    const b = new DocumentBuilder();
    new PdfBlockWriter(
      b,
      lines.map((line, i) => ({ line, n: i + 1 })),
    ).write();
    expect(b.blocks.map((x) => [x.kind, x.text])).toEqual([
      ['table-row', 'Club Safeguarding Officer | Jane Smith | 07700 900123'],
      ['paragraph', 'This policy should be read with the whistleblowing policy and the others.'],
    ]);
  });
});
