/**
 * Property-based (fast-check, fixed seed): whatever text submitters put in paths and whatever the
 * results say, every reporter's output stays well formed and says it back: SARIF valid against its
 * schema, JUnit XML that parses to the same text less the characters XML forbids, CSV that parses
 * to the same cells (formula-like ones neutralised), one annotation per line.
 */
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { DocumentResult } from '../../src/audit/result.js';
import { xmlSafe } from '../../src/report/xml.js';
import { auditText } from '../helpers/audit-text.js';
import { parseCsv, render, reportWith, validateSarif } from '../helpers/reports.js';

const base = auditText('# Policy\n\nReport any concern to the designated safeguarding lead.\n', 'vcse', undefined, 'base.md');
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    '=1+1',
    '@SUM(A1)',
    '-2',
    '+3',
    '\tx',
    '\rx',
    'a,b',
    'say "hi"',
    '<b>&amp;</b>',
    ']]>',
    '%0A',
    '::error::x',
    'a:b,c',
    '\uFFFE',
    '\uD800',
    '😀',
  ),
);
const segment = nasty.map((s) => s.replace(/[/\\\0]/g, '_')).filter((s) => s !== '' && s !== '.' && s !== '..');
const docArb = fc.record({ dir: segment, name: segment, title: nasty, message: nasty }).map(({ dir, name, title, message }): DocumentResult => ({
  ...base,
  path: `${dir}/${name}.md`,
  results: base.results.map((r) => ({ ...r, title, message })),
}));
const params = { seed: 20260318, numRuns: 60 };

describe('reporters on hostile text', () => {
  it('SARIF is always valid against the 2.1.0 schema', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(docArb, { minLength: 1, maxLength: 2 }), async (docs) => {
        expect(validateSarif(JSON.parse(await render('sarif', reportWith(docs, 'should'))))).toEqual([]);
      }),
      params,
    );
  });

  it('JUnit parses back to the same text, less what XML forbids', async () => {
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (n) => n === 'testsuite' || n === 'testcase',
      htmlEntities: true,
      trimValues: false,
    });
    await fc.assert(
      fc.asyncProperty(docArb, async (doc) => {
        const xml = await render('junit', reportWith([doc], 'should'));
        expect(XMLValidator.validate(xml)).toBe(true);
        const suite = (parser.parse(xml) as { testsuites: { testsuite: Array<{ name: string; testcase: Array<{ name: string }> }> } }).testsuites.testsuite[0]!;
        expect(suite.name).toBe(xmlSafe(doc.path));
        expect(suite.testcase[0]!.name).toBe(xmlSafe(`${doc.results[0]!.id}: ${doc.results[0]!.title}`));
      }),
      params,
    );
  });

  it('CSV parses back to the same cells, with formula-like cells neutralised', async () => {
    await fc.assert(
      fc.asyncProperty(docArb, async (doc) => {
        const rows = parseCsv(await render('csv', reportWith([doc])));
        expect(rows).toHaveLength(2);
        expect(rows[1]).toHaveLength(rows[0]!.length);
        expect(rows[1]![0]).toBe(/^[=+\-@\t\r]/.test(doc.path) ? `'${doc.path}` : doc.path);
        for (const cell of rows[1]!) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      }),
      params,
    );
  });

  it('GitHub annotations stay one command per line, whatever the path and message hold', async () => {
    await fc.assert(
      fc.asyncProperty(docArb, async (doc) => {
        const lines = (await render('github', reportWith([doc], 'should'))).split('\n').filter((l) => l.startsWith('::'));
        expect(lines.length).toBeGreaterThan(0);
        for (const l of lines) expect(l).toMatch(/^::(error|warning|notice) file=[^,:\r]*,line=\d+,title=[^,:\r]*::[^\r]*$/);
      }),
      params,
    );
  });
});
