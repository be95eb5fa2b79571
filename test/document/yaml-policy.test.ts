import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/document/model.js';
import { parseYamlPolicy } from '../../src/document/yaml-policy.js';

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

const yaml = (lines: string[]): string => lines.join('\n') + '\n';

const VALID = yaml([
  'policy:', // 1
  '  organisation: Northgate Youth Theatre', // 2
  '  type: vcse', // 3
  '  title: Safeguarding Children Policy', // 4
  '  approved: 2026-05-12', // 5
  '  review_by: 12/05/2027', // 6
  '  leads:', // 7
  '    - role: Designated Safeguarding Lead', // 8
  '      name: Priya Shah', // 9
  '      phone: "0161 496 0123"', // 10
  '      email: safeguarding@example.org', // 11
  'sections:', // 12
  '  - heading: Purpose and scope', // 13
  '    text: |', // 14
  '      This policy applies to all staff', // 15
  '      and volunteers.', // 16
  '', // 17
  '      Everyone must:', // 18
  '      - listen to children', // 19
  '      - report **every** concern', // 20
  '    sections:', // 21
  '      - heading: Online safety', // 22
  '        text: Children can be harmed online; staff tell the DSL.', // 23
  '        sections:', // 24
  '          - heading: Glossary', // 25
  "            text: 'CSE: child sexual exploitation.'", // 26
  '  - heading: Further reading', // 27
  '    text: >', // 28
  '      See [NSPCC learning](https://learning.nspcc.org.uk)', // 29
  '      and [CPSU](https://thecpsu.org.uk).', // 30
]);

describe('parseYamlPolicy: a valid file', () => {
  const doc = parseYamlPolicy('policy.yaml', VALID);

  it('reads the header into meta, with lines', () => {
    expect(doc.format).toBe('yaml');
    expect(doc.lineCount).toBe(30);
    expect(doc.meta).toMatchObject({
      organisation: 'Northgate Youth Theatre',
      type: 'vcse',
      typeLine: 3,
      title: 'Safeguarding Children Policy',
      approved: '2026-05-12',
      reviewBy: '2027-05-12',
      fieldLines: { organisation: 2, type: 3, approved: 5, reviewBy: 6 },
      leads: [{ role: 'Designated Safeguarding Lead', name: 'Priya Shah', phone: '0161 496 0123', email: 'safeguarding@example.org', line: 8 }],
    });
  });

  it('builds nested sections with trails and heading lines', () => {
    expect(doc.sections.map((s) => [s.heading, s.depth, s.line, s.column, s.trail])).toEqual([
      ['Named leads (policy header)', 1, 8, 1, ['Named leads (policy header)']],
      ['Purpose and scope', 1, 13, 14, ['Purpose and scope']],
      ['Online safety', 2, 22, 18, ['Purpose and scope', 'Online safety']],
      ['Glossary', 3, 25, 22, ['Purpose and scope', 'Online safety', 'Glossary']],
      ['Further reading', 1, 27, 14, ['Further reading']],
    ]);
  });

  it('splits text into paragraphs and list items at their file lines', () => {
    const rows = doc.blocks.map((b) => [b.kind, b.line, b.column, b.section, b.context, b.text]);
    expect(rows).toEqual([
      ['field', 8, 5, 0, 'body', 'Designated Safeguarding Lead: Priya Shah, 0161 496 0123, safeguarding@example.org'],
      ['heading', 13, 14, 1, 'body', 'Purpose and scope'],
      ['paragraph', 15, 7, 1, 'body', 'This policy applies to all staff and volunteers.'],
      ['paragraph', 18, 7, 1, 'body', 'Everyone must:'],
      ['list-item', 19, 9, 1, 'body', 'listen to children'],
      ['list-item', 20, 9, 1, 'body', 'report every concern'],
      ['heading', 22, 18, 2, 'body', 'Online safety'],
      ['paragraph', 23, 15, 2, 'body', 'Children can be harmed online; staff tell the DSL.'],
      ['heading', 25, 22, 3, 'glossary', 'Glossary'],
      ['paragraph', 26, 20, 3, 'glossary', 'CSE: child sexual exploitation.'],
      ['heading', 27, 14, 4, 'links', 'Further reading'],
      ['paragraph', 29, 7, 4, 'links', 'See NSPCC learning and CPSU.'],
    ]);
    expect(doc.blocks[2]).toMatchObject({ endLine: 16, endColumn: 22 });
  });

  it('groups a lead-in paragraph with its list, and nothing else', () => {
    const g = (t: string) => doc.blocks.find((b) => b.text.startsWith(t))!.group;
    expect(g('Everyone must')).toBe(g('listen'));
    expect(g('report')).toBe(g('listen'));
    expect(g('This policy')).not.toBe(g('listen'));
  });

  it('counts body words per section', () => {
    expect(doc.sections.map((s) => s.bodyWords)).toEqual([11, 16, 9, 4, 5]);
  });
});

describe('parseYamlPolicy: errors', () => {
  it('reports a YAML syntax error with line and column', () => {
    const err = errorOf(() => parseYamlPolicy('p.yaml', yaml(['sections:', '  - heading: Roles', '    text: [unclosed', '  - heading: Next'])));
    expect(err.message).toMatch(/^YAML syntax error: /);
    expect([err.line, err.column]).toEqual([4, 3]);
  });

  it('reports a duplicate key at the second occurrence', () => {
    const err = errorOf(() => parseYamlPolicy('p.yaml', yaml(['sections:', '  - heading: Roles', '    text: One.', '    heading: Again'])));
    expect(err.message).toBe('duplicate key "heading": each key may appear only once in a mapping');
    expect([err.line, err.column]).toEqual([4, 5]);
  });

  it('reports an unknown field at the key, with its field path', () => {
    const err = errorOf(() => parseYamlPolicy('p.yaml', yaml(['sections:', '  - heading: Roles', '    txt: One.'])));
    expect(err.message).toBe('sections[0]: unknown field "txt"');
    expect([err.line, err.column]).toEqual([3, 5]);
  });

  it('reports a missing heading at the section, and a wrong type at the value', () => {
    const missing = errorOf(() => parseYamlPolicy('p.yaml', yaml(['sections:', '  - heading: Fine', '  - text: No heading here.'])));
    expect(missing.message).toBe('sections[1]: missing required field "heading"');
    expect([missing.line, missing.column]).toEqual([3, 5]);

    const wrongType = errorOf(() => parseYamlPolicy('p.yaml', yaml(['policy:', '  approved: [2026]', 'sections:', '  - heading: A'])));
    expect(wrongType.message).toBe('policy.approved must be string');
    expect([wrongType.line, wrongType.column]).toEqual([2, 13]);
  });

  it('reports the first problem by line and how many more there are', () => {
    const err = errorOf(() =>
      parseYamlPolicy('p.yaml', yaml(['policy:', '  leads:', '    - name: No role', '      fax: 123', 'sections:', '  - heading: A', '    extra: 1'])),
    );
    expect(err.message).toBe('policy.leads[0]: missing required field "role" (+2 more)');
    expect([err.line, err.column]).toEqual([3, 7]);
  });

  it('requires at least one section', () => {
    expect(errorOf(() => parseYamlPolicy('p.yaml', 'policy:\n  title: X\n')).message).toBe('the file: missing required field "sections"');
    const empty = errorOf(() => parseYamlPolicy('p.yaml', 'sections: []\n'));
    expect(empty.message).toBe('sections must NOT have fewer than 1 items');
    expect(empty.line).toBe(1);
  });

  it('refuses an alias bomb quickly instead of expanding it', () => {
    const bomb = yaml([
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
      'sections: [{ heading: X, text: *g }]',
    ]);
    const started = Date.now();
    const err = errorOf(() => parseYamlPolicy('bomb.yaml', bomb));
    expect(err.message).toMatch(/too many YAML aliases/);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
