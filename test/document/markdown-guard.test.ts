/**
 * The Markdown pre-parse plan (markdown-guard.ts, pieces.ts, plain-table.ts): cutting a long
 * document between top-level blocks changes nothing the parser makes of it, and a table too wide
 * (or too many cells) for the parser is read as plain text, with a warning.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../src/document/frontmatter.js';
import { remarkGfmWithoutAutolinks } from '../../src/document/gfm.js';
import { checkMarkdown, MAX_TABLE_CELLS, MAX_TABLE_COLUMNS, tableCells } from '../../src/document/markdown-guard.js';
import { parseMarkdown } from '../../src/document/markdown.js';
import { normaliseMarkdown } from '../../src/document/markdown-normalise.js';
import { parseInPieces } from '../../src/document/pieces.js';
import { splitRow } from '../../src/document/plain-table.js';
import { auditFile } from '../../src/audit/audit-file.js';
import { loadCatalogue } from '../../src/catalogue/load.js';
import { ROOT } from '../helpers/run-cli.js';

const processor = unified().use(remarkParse).use(remarkGfmWithoutAutolinks).freeze();
const parse = (text: string): Root => processor.parse(text);

function policies(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const dir of ['samples', 'test/eval/policies']) {
    for (const f of readdirSync(join(ROOT, dir))) if (f.endsWith('.md')) out.push([f, readFileSync(join(ROOT, dir, f), 'utf8')]);
  }
  return out;
}

describe('cutting a document between top-level blocks', () => {
  const cases = [
    ...policies(),
    [
      'headings, lists, quotes and footnotes',
      '# A\n\nText[^1] and [a link][ref].\n\n- item\n\n  more of the item\n\nAfter the list.\n> quote\nlazy\n\n## B\nText\n===\n\n[^1]: The note.\n\n[ref]: https://example.org\n',
    ],
    ['fences and HTML', '# A\n\n```\n# not a heading\n\ntext\n```\n\n<div>\n\ntext in a div\n\n</div>\n\n<!--\n\n# comment\n\n-->\n\nText\n'],
  ] as Array<[string, string]>;
  for (const [name, text] of cases) {
    it(`gives the tree one parse gives: ${name}`, () => {
      const body = splitFrontMatter(name, text.replace(/\r\n?/g, '\n')).body;
      // a piece at every place the guard may cut
      const plan = checkMarkdown(name, body, 0);
      const normalised = normaliseMarkdown(body).text;
      expect(plan.cuts.length).toBeGreaterThan(0);
      const whole = parse(normalised);
      const pieces = parseInPieces(normalised, plan.cuts, parse);
      expect(pieces.children).toEqual(whole.children);
    });
  }

  it('cuts a long document only, about every 32 KB', () => {
    const long = '## Heading\n\nSome text about it.\n\n'.repeat(10_000);
    const { cuts } = checkMarkdown('long.md', long);
    expect(cuts.length).toBeGreaterThan(long.length / 40_000);
    expect(cuts.length).toBeLessThan(long.length / 30_000);
    const short = policies().filter(([, text]) => text.length < 32 * 1024);
    expect(short.length).toBeGreaterThan(10);
    for (const [name, text] of short) expect(checkMarkdown(name, text).cuts, name).toEqual([]);
  });
});

describe('tables too wide or too many for the parser', () => {
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const wide = (cols: number) =>
    [
      row(Array.from({ length: cols }, (_, i) => `Head ${i}`)),
      row(Array.from({ length: cols }, () => '---')),
      row(Array.from({ length: cols }, (_, i) => (i === 3 ? 'The *designated* safeguarding lead \\| DSL' : `c${i}`))),
    ].join('\n');

  it("counts a row's cells as the parser would", () => {
    expect(tableCells('| a | b |')).toBe(2);
    expect(tableCells('a | b')).toBe(2);
    expect(tableCells('| a \\| b | c |')).toBe(2);
    expect(splitRow('| a \\| b | c |').map((c) => c.text)).toEqual(['a | b', 'c']);
    expect(splitRow('a | | b').map((c) => c.text)).toEqual(['a', '', 'b']);
  });

  it(`reads a table with a row of more than ${MAX_TABLE_COLUMNS} cells as plain text, and says so`, () => {
    const text = `# Contacts\n\nIntro.\n\n${wide(MAX_TABLE_COLUMNS + 1)}\n\nAfter the table.\n`;
    const doc = parseMarkdown('wide.md', text);
    expect(doc.warnings).toHaveLength(1);
    expect(doc.warnings?.[0]?.line).toBe(5);
    expect(doc.warnings?.[0]?.message).toMatch(/^a table row of 51 cells \(more than 50\): this table is read as plain text/);
    const rows = doc.blocks.filter((b) => b.kind === 'table-row');
    expect(rows.map((r) => [r.line, r.column])).toEqual([
      [5, 1],
      [7, 1],
    ]);
    // plain text: the emphasis markers stay, the escaped pipe is a pipe
    expect(rows[1]!.text).toContain('c2 | The *designated* safeguarding lead | DSL | c4');
    expect(doc.blocks.at(-1)).toMatchObject({ kind: 'paragraph', text: 'After the table.', line: 9 });
    // at the limit it is still the parser's table, with its markup read
    const narrow = parseMarkdown('narrow.md', `${wide(MAX_TABLE_COLUMNS)}\n`);
    expect(narrow.warnings).toBeUndefined();
    expect(narrow.blocks[1]!.text).toContain('The designated safeguarding lead | DSL');
  });

  it("puts the warning in the file's report, with its path and line, and still audits the table's text", async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'wt-wide-')), 'wide.md');
    writeFileSync(path, `---\ntype: school\n---\n# Contacts\n\n${wide(200)}\n`);
    const out = await auditFile(path, loadCatalogue(), { asOf: '2026-11-01', failOn: 'must' });
    expect(out.errors).toEqual([]);
    expect(out.warnings.map((w) => [w.path, w.line])).toEqual([[path, 6]]);
    expect(out.warnings[0]?.message).toMatch(/^a table row of 200 cells \(more than 50\): this table is read as plain text/);
    expect(out.document?.results.length).toBeGreaterThan(0);
  });

  it(`reads tables as plain text past ${MAX_TABLE_CELLS} cells in one file`, () => {
    const table = (rows: number) => [row(['Role', 'Name']), row(['---', '---']), ...Array.from({ length: rows }, () => row(['Lead', 'Jo']))].join('\n');
    const first = MAX_TABLE_CELLS / 4 - 2; // two cells a row, the delimiter row too: half the budget a table
    const doc = parseMarkdown('many.md', `${table(first)}\n\n${table(first)}\n\n${table(1)}\n`);
    expect(doc.warnings?.map((w) => w.line)).toEqual([2 * (first + 3) + 1]);
    expect(doc.warnings?.[0]?.message).toMatch(/^over 10000 table cells in this file: this table is read as plain text/);
    expect(doc.blocks.filter((b) => b.kind === 'table-row')).toHaveLength(2 * (first + 1) + 2);
  });
});
