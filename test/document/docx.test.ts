/** The Word reader on .docx files written by the `docx` library, and where its evidence points. */
import { describe, expect, it } from 'vitest';
import { auditDocument } from '../../src/audit/engine.js';
import { pagesOfBlocks, wordParagraphs } from '../../src/document/docx-pages.js';
import { documentFromBytes } from '../../src/document/load.js';
import { placeOf } from '../../src/document/place.js';
import { catalogue } from '../helpers/audit-text.js';
import { toDocx } from '../helpers/formats.js';

const POLICY = [
  '# Hilltop Youth Club Safeguarding Policy',
  '',
  'This policy applies to every child who attends Hilltop Youth Club.',
  '',
  '## Roles',
  '',
  '| Role | Name | Phone |',
  '| --- | --- | --- |',
  '| Designated safeguarding lead | Priya Shah | 0161 496 0000 |',
  '',
  '**Reporting a concern**',
  '',
  'If a child tells you something that worries you, you must:',
  '',
  '1. listen and stay calm;',
  '2. tell the designated safeguarding lead the same day.',
  '',
].join('\n');

describe('Word reader', () => {
  it('reads heading styles, a bold line standing alone, tables and numbered lists', async () => {
    const d = await documentFromBytes('policy.docx', await toDocx(POLICY), 'docx');
    expect(d.sections.map((s) => [s.heading, s.depth])).toEqual([
      ['Hilltop Youth Club Safeguarding Policy', 1],
      ['Roles', 2],
      ['Reporting a concern', 3],
    ]);
    expect(d.blocks.map((b) => [b.kind, b.text, b.line])).toEqual([
      ['heading', 'Hilltop Youth Club Safeguarding Policy', 1],
      ['paragraph', 'This policy applies to every child who attends Hilltop Youth Club.', 2],
      ['heading', 'Roles', 3],
      ['table-row', 'Role | Name | Phone', 4],
      ['table-row', 'Designated safeguarding lead | Priya Shah | 0161 496 0000', 5],
      ['heading', 'Reporting a concern', 6],
      ['paragraph', 'If a child tells you something that worries you, you must:', 7],
      ['list-item', 'listen and stay calm;', 8],
      ['list-item', 'tell the designated safeguarding lead the same day.', 9],
    ]);
    expect(d.placing).toBe('paragraph');
  });

  it('points evidence at its paragraph (¶) and heading trail', async () => {
    const d = await documentFromBytes('policy.docx', await toDocx(POLICY), 'docx');
    const result = auditDocument(catalogue(), d, { profile: 'vcse', profileSource: 'cli', asOf: '2026-06-01' });
    const evidence = result.results.flatMap((r) => r.evidence);
    expect(evidence.length).toBeGreaterThan(0);
    for (const e of evidence) {
      expect(e.paragraph).toBe(e.line);
      expect(e.where).toBe(`¶ ${e.line}`);
      expect(e.section).toBe(d.sections[d.blocks.find((b) => b.line === e.line)!.section]!.trail.join(' › '));
    }
    const anchors = result.results.flatMap((r) => (r.anchor ? [r.anchor] : []));
    expect(anchors.length).toBeGreaterThan(0);
    expect(anchors.every((a) => a.where === `¶ ${a.line}`)).toBe(true);
  });

  it('names the page too where the file records where its pages break', async () => {
    const d = await documentFromBytes('policy.docx', await toDocx(POLICY, { pageBreakBefore: 'Reporting a concern' }), 'docx');
    const at = (text: string) => placeOf(d, d.blocks.find((b) => b.text.startsWith(text))!.line);
    expect(at('This policy applies')).toEqual({ page: 1, paragraph: 2, where: 'p. 1, ¶ 2' });
    expect(at('tell the designated')).toEqual({ page: 2, paragraph: 9, where: 'p. 2, ¶ 9' });
  });

  it('knows no page in a file without page marks', async () => {
    const d = await documentFromBytes('policy.docx', await toDocx(POLICY), 'docx');
    expect(d.paragraphPages).toBeUndefined();
  });
});

describe('Word pages', () => {
  const W = (body: string) => `<w:document><w:body>${body}</w:body></w:document>`;
  it("reads Word's own page marks and matches paragraphs to blocks by their opening words", () => {
    const xml = W(
      '<w:p><w:r><w:t>Safeguarding policy</w:t></w:r></w:p>' +
        '<w:p><w:r><w:t xml:space="preserve">The DSL is </w:t></w:r><w:r><w:lastRenderedPageBreak/><w:t>Sam Jones.</w:t></w:r></w:p>' +
        '<w:p><w:r><w:lastRenderedPageBreak/><w:t>Training every year.</w:t></w:r></w:p>' +
        '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Role</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Name</w:t></w:r></w:p></w:tc></w:tr></w:tbl>',
    );
    const paragraphs = wordParagraphs(xml);
    // a paragraph is on the page where its text begins
    expect(paragraphs).toEqual([
      { key: 'safeguardingpolicy', page: 1 },
      { key: 'thedslissamjones', page: 1 },
      { key: 'trainingeveryyear', page: 3 },
      { key: 'role', page: 3 },
      { key: 'name', page: 3 },
    ]);
    const blocks = [
      { line: 1, text: 'Safeguarding policy' },
      { line: 2, text: 'The DSL is Sam Jones.' },
      { line: 3, text: 'Training every year.' },
      { line: 4, text: 'Role | Name' },
    ];
    expect(pagesOfBlocks(blocks, paragraphs)).toEqual([undefined, 1, 1, 3, 3]);
    expect(wordParagraphs(W('<w:p><w:r><w:t>No marks</w:t></w:r></w:p>'))).toEqual([]);
  });
});
