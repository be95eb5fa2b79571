import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../src/document/frontmatter.js';
import { leadFieldText, normaliseDate } from '../../src/document/meta.js';
import { InputError } from '../../src/document/model.js';

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

describe('normaliseDate', () => {
  it.each([
    ['2026-09-01', '2026-09-01'],
    ['2026-9-1', '2026-09-01'],
    ['01/09/2026', '2026-09-01'], // UK: day first
    ['1.9.2026', '2026-09-01'],
    ['1 September 2026', '2026-09-01'],
    ['1st of September, 2026', '2026-09-01'],
    ['Tuesday 1 Sept 2026', '2026-09-01'],
    ['September 1, 2026', '2026-09-01'],
    ['September 2026', '2026-09-01'],
    ['Sep 2026', '2026-09-01'],
    ['29/02/2028', '2028-02-29'],
  ])('reads %s as %s', (raw, iso) => {
    expect(normaliseDate(raw)).toBe(iso);
  });

  it('turns Date objects into ISO dates', () => {
    expect(normaliseDate(new Date(Date.UTC(2026, 4, 12)))).toBe('2026-05-12');
  });

  it('keeps the raw text when the date cannot be read', () => {
    expect(normaliseDate('  next spring ')).toBe('next spring');
    expect(normaliseDate('31/02/2026')).toBe('31/02/2026');
    expect(normaliseDate('Smarch 2026')).toBe('Smarch 2026');
    expect(normaliseDate('')).toBeUndefined();
  });
});

describe('leadFieldText', () => {
  it('joins role, name, phone and e-mail', () => {
    expect(leadFieldText({ role: 'Designated Safeguarding Lead', name: 'Jane Smith', phone: '01632 960123', email: 'dsl@example.org' })).toBe(
      'Designated Safeguarding Lead: Jane Smith, 01632 960123, dsl@example.org',
    );
    expect(leadFieldText({ role: 'Welfare Officer' })).toBe('Welfare Officer');
  });
});

describe('splitFrontMatter', () => {
  const doc = [
    '---', //  1
    'organization: Northgate Youth Theatre', //  2
    'profile: " VCSE "', //  3
    'title: Safeguarding Children Policy', //  4
    'date_approved: 12/05/2026', //  5
    'reviewed: 1 March 2026', //  6
    'next_review: May 2027', //  7
    'layout: policy', //  8
    'leads:', //  9
    '  - role: Designated Safeguarding Lead', // 10
    '    name: Priya Shah', // 11
    '    tel: 0161 496 0123', // 12
    '    email: safeguarding@example.org', // 13
    'deputy_dsl: Tom Jones', // 14
    'welfare_officer:', // 15
    '  name: Sam Lee', // 16
    '  mobile: 07700900123', // 17
    '---', // 18
    '', // 19
    '# Policy', // 20
  ].join('\n');

  it('maps aliased fields to PolicyMeta with their lines', () => {
    const fm = splitFrontMatter('p.md', doc);
    expect(fm.present).toBe(true);
    expect(fm.endLine).toBe(18);
    const m = fm.meta;
    expect(m.organisation).toBe('Northgate Youth Theatre');
    expect(m.type).toBe('vcse');
    expect(m.typeLine).toBe(3);
    expect(m.title).toBe('Safeguarding Children Policy');
    expect(m.approved).toBe('2026-05-12');
    expect(m.lastReviewed).toBe('2026-03-01');
    expect(m.reviewBy).toBe('2027-05-01');
    expect(m.fieldLines).toMatchObject({ organisation: 2, type: 3, approved: 5, lastReviewed: 6, reviewBy: 7 });
  });

  it('reads leads from a list and from single keys (name string or object), with lines', () => {
    const { leads } = splitFrontMatter('p.md', doc).meta;
    expect(leads).toEqual([
      { role: 'Designated Safeguarding Lead', name: 'Priya Shah', phone: '0161 496 0123', email: 'safeguarding@example.org', line: 10 },
      { role: 'Deputy Designated Safeguarding Lead', name: 'Tom Jones', line: 14 },
      // an unquoted number keeps its leading zero
      { role: 'Welfare Officer', name: 'Sam Lee', phone: '07700900123', line: 15 },
    ]);
  });

  it('blanks the front matter lines so the body keeps its line numbers', () => {
    const fm = splitFrontMatter('p.md', doc);
    const lines = fm.body.split('\n');
    expect(lines).toHaveLength(20);
    expect(lines.slice(0, 18).every((l) => l === '')).toBe(true);
    expect(lines[19]).toBe('# Policy');
  });

  it('accepts "..." as the closing fence and YAML timestamps', () => {
    const fm = splitFrontMatter('p.md', '---\napproved: 2026-05-12\nreview_by: !!timestamp 2027-05-12\n...\nText\n');
    expect(fm.meta.approved).toBe('2026-05-12');
    expect(fm.meta.reviewBy).toBe('2027-05-12');
    expect(fm.body).toBe('\n\n\n\nText\n');
  });

  it('reports malformed front matter at the file line, not the YAML line', () => {
    const err = errorOf(() => splitFrontMatter('p.md', '---\ntitle: ok\nleads: [unclosed\nreview_by: 2027\n---\n# Body\n'));
    expect(err.message).toMatch(/^invalid front matter: /);
    expect(err.line).toBe(4);
    expect(err.column).toBe(1);
  });

  it('reports a duplicate key at its own line', () => {
    const err = errorOf(() => splitFrontMatter('p.md', '---\ntitle: A\norganisation: B\ntitle: C\n---\nText\n'));
    expect(err.message).toMatch(/unique/);
    expect(err.line).toBe(4);
  });

  it('leaves text alone when there is no front matter or the fence is never closed', () => {
    const plain = '# Policy\n\n---\n\nText\n';
    expect(splitFrontMatter('p.md', plain)).toMatchObject({ present: false, body: plain, endLine: 0 });
    const rule = '---\n\nJust a rule at the top.\n';
    expect(splitFrontMatter('p.md', rule)).toMatchObject({ present: false, body: rule });
  });

  it('treats "---, a line of text, ---" as Markdown (rule + setext heading), not front matter', () => {
    const text = '---\nSafeguarding Policy\n---\nBody\n';
    expect(splitFrontMatter('p.md', text)).toMatchObject({ present: false, body: text });
  });

  it('hides TOML front matter without reading it', () => {
    const fm = splitFrontMatter('p.md', '+++\ntitle = "x"\n+++\nBody\n');
    expect(fm).toMatchObject({ present: true, body: '\n\n\nBody\n', endLine: 3 });
    expect(fm.meta.leads).toEqual([]);
  });
});
