import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collapseSpace, collapseWithLines, trailContext } from '../../src/document/builder.js';
import { htmlPieces } from '../../src/document/html.js';
import { parseMarkdown } from '../../src/document/markdown.js';
import type { Block, PolicyDocument } from '../../src/document/model.js';

type Doc = Omit<PolicyDocument, 'sha256'>;

const md = (lines: string[]): Doc => parseMarkdown('policy.md', lines.join('\n'));

function block(doc: Doc, text: string): Block {
  const found = doc.blocks.filter((b) => b.text.includes(text));
  if (found.length !== 1) throw new Error(`expected one block containing "${text}", found ${found.length}: ${JSON.stringify(doc.blocks.map((b) => b.text))}`);
  return found[0]!;
}

function headingOf(doc: Doc, b: Block): string | null {
  return doc.sections[b.section]!.heading;
}

describe('sections and trails', () => {
  it('builds the heading tree with trails, depths, lines and body word counts', () => {
    const doc = md([
      'Introductory words before any heading.', // 1
      '', // 2
      '# Safeguarding Policy', // 3
      '', // 4
      '## Roles', // 5
      '', // 6
      'The DSL leads on safeguarding.', // 7
      '', // 8
      '### Deputy', // 9
      '', // 10
      'The deputy covers absences.', // 11
      '', // 12
      '## Training', // 13
      '', // 14
      'Everyone is trained every year.', // 15
    ]);
    expect(doc.format).toBe('markdown');
    expect(doc.lineCount).toBe(15);
    expect(doc.sections.map((s) => [s.heading, s.depth, s.line, s.trail])).toEqual([
      [null, 0, 1, []],
      ['Safeguarding Policy', 1, 3, ['Safeguarding Policy']],
      ['Roles', 2, 5, ['Safeguarding Policy', 'Roles']],
      ['Deputy', 3, 9, ['Safeguarding Policy', 'Roles', 'Deputy']],
      ['Training', 2, 13, ['Safeguarding Policy', 'Training']],
    ]);
    expect(doc.sections.map((s) => s.bodyWords)).toEqual([5, 0, 5, 4, 5]);
    const h = doc.blocks.find((b) => b.kind === 'heading' && b.text === 'Roles')!;
    expect(h).toMatchObject({ line: 5, column: 1, endLine: 5, endColumn: 9, section: 2, context: 'body' });
    expect(block(doc, 'deputy covers')).toMatchObject({ kind: 'paragraph', line: 11, column: 1, endLine: 11, endColumn: 28, section: 3 });
  });

  it('makes a document without headings one preamble section', () => {
    const doc = md(['Our club keeps children safe.', '', 'We tell the welfare officer about concerns.']);
    expect(doc.sections).toEqual([{ heading: null, depth: 0, line: 1, column: 1, trail: [], bodyWords: 12 }]);
    expect(doc.blocks.map((b) => [b.kind, b.line, b.section])).toEqual([
      ['paragraph', 1, 0],
      ['paragraph', 3, 0],
    ]);
  });

  it('creates no empty preamble when the document starts with a heading', () => {
    const doc = md(['# Policy', '', 'Text.']);
    expect(doc.sections).toHaveLength(1);
    expect(doc.sections[0]!.heading).toBe('Policy');
  });

  it('keeps emoji in headings and trails', () => {
    const doc = md(['# 🛡️ Safeguarding', '', '## 📞 Who to call 🚨', '', 'Call the DSL on 0161 496 0123.']);
    expect(doc.sections[1]!.trail).toEqual(['🛡️ Safeguarding', '📞 Who to call 🚨']);
    expect(headingOf(doc, block(doc, 'Call the DSL'))).toBe('📞 Who to call 🚨');
  });

  it('drops attribute lists from heading text', () => {
    const doc = md(['## Roles and responsibilities {#roles}', '', 'Text here.']);
    expect(doc.sections[0]!.heading).toBe('Roles and responsibilities');
  });
});

describe('messy input', () => {
  it('reads headings written without a space after the hashes, but not inside code fences', () => {
    const doc = md([
      '#Safeguarding', // 1
      '', // 2
      '##2. Roles', // 3
      '', // 4
      'The DSL is named below.', // 5
      '', // 6
      '```', // 7
      '#include <not-a-heading>', // 8
      '```', // 9
      '', // 10
      '#hashtag-style line', // 11
    ]);
    expect(doc.sections.map((s) => [s.heading, s.depth, s.line])).toEqual([
      ['Safeguarding', 1, 1],
      ['2. Roles', 2, 3],
      ['hashtag-style line', 1, 11],
    ]);
    expect(doc.blocks.some((b) => b.text.includes('#include'))).toBe(false);
    // columns are the file's: the inserted space is not counted
    expect(doc.blocks.find((b) => b.text === '2. Roles')).toMatchObject({ line: 3, column: 1, endColumn: 11 });
  });

  it('keeps {{ placeholders }} verbatim and blanks {% logic %} lines without moving lines', () => {
    const doc = md([
      '# Contacts', // 1
      '', // 2
      '{% if sl_details %}', // 3
      'Our designated safeguarding lead is {{ sl_details.name }} ({{ sl_details.phone }}).', // 4
      '{% else %}', // 5
      'Ask the office who the DSL is.', // 6
      '{%- endif -%}', // 7
      '', // 8
      'Last line.', // 9
    ]);
    expect(doc.blocks.some((b) => b.text.includes('{%'))).toBe(false);
    expect(block(doc, 'sl_details.name')).toMatchObject({
      kind: 'paragraph',
      line: 4,
      text: 'Our designated safeguarding lead is {{ sl_details.name }} ({{ sl_details.phone }}).',
    });
    expect(block(doc, 'Ask the office')).toMatchObject({ line: 6 });
    expect(block(doc, 'Last line')).toMatchObject({ line: 9 });
  });

  it('reads MkDocs admonitions as text at their own lines, not as code', () => {
    const doc = md([
      '# Reporting', // 1
      '', // 2
      '!!! warning "Immediate danger"', // 3
      '    If a child is in immediate danger, call 999.', // 4
      '', // 5
      '    Then tell the DSL the same day.', // 6
      '', // 7
      '??? note', // 8
      '    Records are kept securely.', // 9
      '', // 10
      'Ordinary text again.', // 11
    ]);
    expect(block(doc, 'Immediate danger')).toMatchObject({ kind: 'admonition', line: 3, column: 1 });
    expect(block(doc, 'call 999')).toMatchObject({ kind: 'admonition', line: 4, column: 5, text: 'If a child is in immediate danger, call 999.' });
    expect(block(doc, 'same day')).toMatchObject({ kind: 'admonition', line: 6 });
    expect(block(doc, 'Note')).toMatchObject({ kind: 'admonition', line: 8, text: 'Note' });
    expect(block(doc, 'kept securely')).toMatchObject({ kind: 'admonition', line: 9 });
    expect(block(doc, 'Ordinary text')).toMatchObject({ kind: 'paragraph', line: 11 });
    expect(doc.blocks.every((b) => b.section === 0)).toBe(true);
    // one admonition reads as one unit
    expect(block(doc, 'call 999').group).toBe(block(doc, 'Immediate danger').group);
    expect(block(doc, 'kept securely').group).not.toBe(block(doc, 'call 999').group);
  });

  it('reads GitHub alerts and ::: fenced admonitions', () => {
    const doc = md([
      '> [!IMPORTANT]', // 1
      '> Never promise a child to keep a secret.', // 2
      '', // 3
      ':::tip Good practice', // 4
      'Write down what the child said in their words.', // 5
      ':::', // 6
    ]);
    expect(block(doc, 'Never promise')).toMatchObject({ kind: 'admonition', text: 'Never promise a child to keep a secret.', line: 1 });
    expect(block(doc, 'Good practice')).toMatchObject({ kind: 'admonition', line: 4 });
    expect(block(doc, 'in their words')).toMatchObject({ kind: 'admonition', line: 5 });
    expect(doc.blocks.some((b) => b.text.includes(':::'))).toBe(false);
  });

  it('strips HTML tags, decodes entities, splits block elements and reads <hN> as headings', () => {
    const doc = md([
      '# Policy', // 1
      '', // 2
      '<div class="note">', // 3
      '<p>Staff &amp; volunteers&nbsp;must report <strong>every</strong> concern.</p>', // 4
      '<p>Records &ndash; kept for 6 years.</p>', // 5
      '<!-- reviewer: check this -->', // 6
      '</div>', // 7
      '', // 8
      '<h2>Online safety</h2>', // 9
      '', // 10
      'Text with <br> a break and <span>inline</span> HTML.', // 11
    ]);
    expect(block(doc, 'volunteers')).toMatchObject({ kind: 'html', text: 'Staff & volunteers must report every concern.', line: 4, column: 4 });
    expect(block(doc, 'Records')).toMatchObject({ kind: 'html', text: 'Records – kept for 6 years.', line: 5 });
    expect(doc.blocks.some((b) => b.text.includes('reviewer'))).toBe(false);
    expect(doc.sections[1]).toMatchObject({ heading: 'Online safety', depth: 2, line: 9 });
    expect(block(doc, 'a break')).toMatchObject({ kind: 'paragraph', text: 'Text with a break and inline HTML.', section: 1 });
  });

  it('puts GFM footnote definitions in the links context', () => {
    const doc = md([
      '# Policy', // 1
      '', // 2
      'We follow statutory guidance.[^wt]', // 3
      '', // 4
      '[^wt]: Working Together to Safeguard Children 2026, HM Government.', // 5
    ]);
    expect(block(doc, 'We follow')).toMatchObject({ text: 'We follow statutory guidance.', context: 'body' });
    expect(block(doc, 'HM Government')).toMatchObject({ context: 'links', line: 5 });
  });

  it('keeps accidentally indented prose but skips real code', () => {
    const doc = md([
      'Intro.', // 1
      '', // 2
      '    All staff complete safeguarding training when they start with us.', // 3
      '', // 4
      '```yaml', // 5
      'dsl: Jane Smith safeguarding lead training every year', // 6
      '```', // 7
      '', // 8
      '    const x = { a: 1 };', // 9
    ]);
    expect(block(doc, 'All staff')).toMatchObject({ kind: 'paragraph', line: 3 });
    expect(doc.blocks.some((b) => b.text.includes('dsl:') || b.text.includes('const'))).toBe(false);
  });

  it('normalises CRLF line endings and a BOM character', () => {
    const doc = parseMarkdown('p.md', '\uFEFF# Title\r\n\r\nText one.\r\n');
    expect(doc.sections[0]!.heading).toBe('Title');
    expect(block(doc, 'Text one')).toMatchObject({ line: 3, text: 'Text one.' });
    expect(doc.lineCount).toBe(3);
  });
});

describe('headings that are not written as headings', () => {
  it('reads a short bold line as a heading one level below the current real heading', () => {
    const doc = md([
      '# Safeguarding policy', // 1
      '', // 2
      '**Who to tell**', // 3
      '', // 4
      'Tell the DSL straight away.', // 5
      '', // 6
      '*Recording concerns:*', // 7
      '', // 8
      'Write it down the same day.', // 9
      '', // 10
      '**This whole sentence is in bold and ends with a full stop.**', // 11
    ]);
    expect(doc.sections.map((s) => [s.heading, s.depth, s.line])).toEqual([
      ['Safeguarding policy', 1, 1],
      ['Who to tell', 2, 3],
      ['Recording concerns', 2, 7],
    ]);
    expect(headingOf(doc, block(doc, 'straight away'))).toBe('Who to tell');
    expect(block(doc, 'whole sentence')).toMatchObject({ kind: 'paragraph', section: 2 });
    expect(doc.sections[2]!.trail).toEqual(['Safeguarding policy', 'Recording concerns']);
  });

  it('uses depth 2 for bold headings when there is no real heading, and ignores bold text mixed with plain text', () => {
    const doc = md(['**Purpose**', '', 'This policy protects children.', '', '**Note** that this is plain text.']);
    expect(doc.sections.map((s) => [s.heading, s.depth])).toEqual([['Purpose', 2]]);
    expect(block(doc, 'Note that')).toMatchObject({ kind: 'paragraph' });
  });

  it('reads one long numbered list with no headings as an outline of sections', () => {
    const doc = md([
      '1. Introduction', // 1
      '', // 2
      '   This policy applies to all staff and volunteers.', // 3
      '', // 4
      '2. Roles and responsibilities', // 5
      '', // 6
      '   1. The DSL', // 7
      '', // 8
      '      The DSL takes the lead on safeguarding.', // 9
      '', // 10
      '   2. Trustees', // 11
      '', // 12
      '      Trustees review this policy each year.', // 13
      '', // 14
      '3. Reporting a concern', // 15
      '', // 16
      '   - Tell the DSL.', // 17
      '   - Write it down.', // 18
    ]);
    expect(doc.sections.map((s) => [s.heading, s.depth, s.line, s.trail])).toEqual([
      ['Introduction', 2, 1, ['Introduction']],
      ['Roles and responsibilities', 2, 5, ['Roles and responsibilities']],
      ['The DSL', 3, 7, ['Roles and responsibilities', 'The DSL']],
      ['Trustees', 3, 11, ['Roles and responsibilities', 'Trustees']],
      ['Reporting a concern', 2, 15, ['Reporting a concern']],
    ]);
    expect(block(doc, 'applies to all')).toMatchObject({ kind: 'paragraph', line: 3, column: 4 });
    expect(headingOf(doc, block(doc, 'takes the lead'))).toBe('The DSL');
    expect(block(doc, 'Tell the DSL')).toMatchObject({ kind: 'list-item', line: 17 });
    expect(block(doc, 'Tell the DSL').group).toBe(block(doc, 'Write it down').group);
    expect(headingOf(doc, block(doc, 'Write it down'))).toBe('Reporting a concern');
  });

  it('leaves an ordinary list alone when the document has real headings', () => {
    const doc = md(['# Policy', '', '1. Introduction', '', '   Some text here.', '', '2. Scope', '', '   More text here.']);
    expect(doc.sections).toHaveLength(1);
    expect(block(doc, 'Introduction')).toMatchObject({ kind: 'list-item' });
  });
});

describe('block kinds and groups', () => {
  it('gives each paragraph its own group and a whole top-level list one group', () => {
    const doc = md([
      'First paragraph.', // 1
      '', // 2
      'Second paragraph.', // 3
      '', // 4
      '- physical abuse', // 5
      '- emotional abuse', // 6
      '  - including online', // 7
      '- neglect', // 8
      '', // 9
      'After the list.', // 10
    ]);
    const items = doc.blocks.filter((b) => b.kind === 'list-item');
    expect(items.map((b) => [b.text, b.line, b.column])).toEqual([
      ['physical abuse', 5, 3],
      ['emotional abuse', 6, 3],
      ['including online', 7, 5],
      ['neglect', 8, 3],
    ]);
    expect(new Set(items.map((b) => b.group)).size).toBe(1);
    const groups = [block(doc, 'First').group, block(doc, 'Second').group, items[0]!.group, block(doc, 'After').group];
    expect(new Set(groups).size).toBe(4);
  });

  it('joins a paragraph ending in ":" with the list right after it', () => {
    const doc = md(['Staff must:', '', '1. listen', '2. record', '', 'Separate.', '', '- other list']);
    expect(block(doc, 'Staff must:').group).toBe(block(doc, 'listen').group);
    expect(block(doc, 'record').group).toBe(block(doc, 'listen').group);
    expect(block(doc, 'other list').group).not.toBe(block(doc, 'listen').group);
  });

  it('turns each table row into a block, header included, sharing one group', () => {
    const doc = md([
      '## Contacts', // 1
      '', // 2
      '| Role | Name | Phone |', // 3
      '|------|------|-------|', // 4
      '| DSL | Jane Smith | 0161 496 0123 |', // 5
      '| LADO | [Council LADO](https://example.gov.uk/lado) | 0161 496 0999 |', // 6
    ]);
    const rows = doc.blocks.filter((b) => b.kind === 'table-row');
    expect(rows.map((r) => [r.text, r.line, r.column, r.context])).toEqual([
      ['Role | Name | Phone', 3, 1, 'body'],
      ['DSL | Jane Smith | 0161 496 0123', 5, 1, 'body'],
      ['LADO | Council LADO | 0161 496 0999', 6, 1, 'body'],
    ]);
    expect(new Set(rows.map((r) => r.group)).size).toBe(1);
  });

  it('marks blockquote paragraphs as blockquote', () => {
    const doc = md(['> A child told us: "I did not feel safe."', '', 'Body text.']);
    expect(block(doc, 'did not feel safe')).toMatchObject({ kind: 'blockquote', line: 1 });
  });
});

describe('contexts', () => {
  it('marks glossary-like sections as glossary, down the whole subtree', () => {
    const doc = md([
      '## Glossary of terms',
      '',
      'LADO: local authority designated officer.',
      '',
      '### Jargon buster',
      '',
      'CSE: child sexual exploitation.',
      '',
      '## Abbreviations and acronyms',
      '',
      '- DSL – designated safeguarding lead',
      '',
      '## Key terms used in this policy',
      '',
      'Child: anyone under 18.',
      '',
      '## Reporting',
      '',
      'Report to the DSL.',
    ]);
    expect(block(doc, 'LADO').context).toBe('glossary');
    expect(block(doc, 'CSE').context).toBe('glossary');
    expect(block(doc, 'DSL –').context).toBe('glossary');
    expect(block(doc, 'anyone under 18').context).toBe('glossary');
    expect(doc.blocks.find((b) => b.text === 'Glossary of terms')!.context).toBe('glossary');
    expect(block(doc, 'Report to').context).toBe('body');
  });

  it('reads a plain "Glossary" line followed by definitions as a glossary, as Word and PDF exports leave it', () => {
    // under a real heading, so the plain lines are not read as headings (that rule is below)
    const doc = md([
      '# Policy',
      '',
      'Whistleblowing',
      '',
      'Staff raise poor practice with the manager.',
      '',
      'Glossary',
      '',
      'Coercive control – a pattern of controlling behaviour.',
      'Family help – support for families from the local authority.',
      '',
      'LADO: the local authority designated officer.',
      '',
      'Report any worry to the DSL on the same day.',
    ]);
    expect(block(doc, 'Coercive control').context).toBe('glossary');
    expect(block(doc, 'LADO:').context).toBe('glossary');
    // the first block that is not a definition ends the glossary
    expect(block(doc, 'Report any worry').context).toBe('body');
    expect(block(doc, 'Staff raise').context).toBe('body');
    // the title and its definitions in one paragraph
    expect(block(md(['# Policy', '', 'Key terms', 'Multiple harms – more than one kind of harm at once.']), 'Multiple harms').context).toBe('glossary');
  });

  it('does not turn definitions without a glossary title, or a title with prose after it, into a glossary', () => {
    const doc = md([
      '# Policy',
      '',
      'Types of abuse',
      '',
      'Neglect – the persistent failure to meet a child’s basic needs.',
      'Physical abuse – hitting, shaking or otherwise hurting a child.',
      '',
      'See the glossary',
      '',
      'Everyone who works with children must report a concern the same day.',
      '',
      'Read the glossary',
      '',
      'Designated Safeguarding Lead: Jane Smith, 0161 496 0123.',
    ]);
    expect(block(doc, 'Jane Smith').context).toBe('body');
    expect(block(doc, 'Neglect').context).toBe('body');
    expect(block(doc, 'Everyone who works').context).toBe('body');
  });

  it('reads short plain lines as headings in a policy with no heading marks (Word or PDF text)', () => {
    const doc = md([
      'Riverside Club      Safeguarding Policy',
      '',
      'Contents',
      '- Record keeping',
      '- Speaking up',
      '',
      '10.0 RECORD KEEPING',
      '',
      '10.1 Concerns are written down the same day.',
      '',
      'Welfare officer: Sue Ashworth',
      '',
      'Phone her on the number below.',
      '',
      'Next review May 2027',
      '',
      'The committee reviews the policy.',
      '',
      'Appendix 1: Contacts',
      '',
      'The welfare officer and the chair.',
      '',
      'Riverside Club      Safeguarding Policy',
      '',
      'Speaking up',
      '',
      'Staff raise poor practice with the chair.',
    ]);
    expect(doc.sections.map((x) => x.heading)).toEqual([null, '10.0 RECORD KEEPING', 'Appendix 1: Contacts', 'Speaking up']);
    expect(headingOf(doc, block(doc, 'Concerns are written'))).toBe('10.0 RECORD KEEPING');
    // a contact line, a date line and a running header stay text
    expect(headingOf(doc, block(doc, 'Sue Ashworth'))).toBe('10.0 RECORD KEEPING');
    expect(headingOf(doc, block(doc, 'The committee'))).toBe('10.0 RECORD KEEPING');
    // the contents list is a list of links, not the sections it names
    expect(block(doc, 'Record keeping').context).toBe('links');
  });

  it('leaves plain lines as text when the policy has heading marks', () => {
    const doc = md(['# Policy', '', 'Speaking up', '', 'Staff raise poor practice with the chair.']);
    expect(doc.sections.map((x) => x.heading)).toEqual(['Policy']);
  });

  it('marks link lists, further reading and related policies as links, but not contacts', () => {
    const doc = md([
      '## Useful links',
      '',
      '- NSPCC helpline information',
      '',
      '## Further reading',
      '',
      'Keeping Children Safe in Education 2025.',
      '',
      '## 7. References',
      '',
      'Working Together 2026.',
      '',
      '## Related policies',
      '',
      'Anti-bullying policy.',
      '',
      '## Useful contacts',
      '',
      'DSL: Jane Smith, 0161 496 0123.',
      '',
      '## References and DBS checks',
      '',
      'We take up two references for every new volunteer.',
      '',
      '## Reporting',
      '',
      'See [the NSPCC site](https://www.nspcc.org.uk) and [Childline](https://www.childline.org.uk).',
      '',
      'Email [dsl@example.org](mailto:dsl@example.org) or visit www.example.org for forms.',
    ]);
    expect(block(doc, 'NSPCC helpline').context).toBe('links');
    expect(block(doc, 'Keeping Children Safe').context).toBe('links');
    expect(block(doc, 'Working Together 2026').context).toBe('links');
    expect(block(doc, 'Anti-bullying').context).toBe('links');
    expect(block(doc, 'Jane Smith').context).toBe('body');
    expect(block(doc, 'two references').context).toBe('body');
    // mostly link text → links, wherever it is
    expect(block(doc, 'the NSPCC site')).toMatchObject({ context: 'links', text: 'See the NSPCC site and Childline.' });
    // e-mail links are contact details, not references
    expect(block(doc, 'dsl@example.org').context).toBe('body');
  });

  it('counts bare URLs towards the link share', () => {
    const doc = md(['# Policy', '', 'https://www.gov.uk/government/publications/working-together-to-safeguard-children--2', '', 'Our policy text is here.']);
    expect(block(doc, 'gov.uk').context).toBe('links');
    expect(block(doc, 'policy text').context).toBe('body');
  });
});

describe('front matter', () => {
  it('exposes meta and adds named leads as field blocks in a first synthetic section', () => {
    const doc = md([
      '---', // 1
      'organisation: Northgate Youth Theatre', // 2
      'type: vcse', // 3
      'approved: 2026-05-12', // 4
      'dsl:', // 5
      '  name: Jane Smith', // 6
      '  phone: 01632 960123', // 7
      '  email: dsl@example.org', // 8
      '---', // 9
      '', // 10
      'Preamble text.', // 11
      '', // 12
      '## Roles', // 13
      '', // 14
      'Text.', // 15
    ]);
    expect(doc.meta).toMatchObject({ organisation: 'Northgate Youth Theatre', type: 'vcse', typeLine: 3, approved: '2026-05-12' });
    expect(doc.sections.map((s) => [s.heading, s.depth, s.line])).toEqual([
      ['Named leads (front matter)', 1, 5],
      [null, 0, 1],
      ['Roles', 2, 13],
    ]);
    expect(doc.blocks[0]).toMatchObject({
      kind: 'field',
      text: 'Designated Safeguarding Lead: Jane Smith, 01632 960123, dsl@example.org',
      context: 'body',
      section: 0,
      line: 5,
    });
    expect(block(doc, 'Preamble')).toMatchObject({ line: 11, section: 1 });
    expect(doc.sections[2]!.trail).toEqual(['Roles']);
    expect(doc.lineCount).toBe(15);
  });
});

describe('htmlPieces', () => {
  it('splits at block elements, joins table cells and keeps offsets', () => {
    const html = '<table><tr><th>Role</th><th>Phone</th></tr>\n<tr><td>DSL</td><td>0161&nbsp;496</td></tr></table>';
    const pieces = htmlPieces(html);
    expect(pieces.map((p) => p.text)).toEqual(['Role | Phone', 'DSL | 0161 496']);
    expect(html.slice(pieces[1]!.start, pieces[1]!.start + 3)).toBe('DSL');
  });

  it('skips comments, scripts and styles, and reads unclosed tags as a browser does', () => {
    expect(htmlPieces('<style>p{}</style><script>x()</script><!-- hidden --><p>Shown</p>').map((p) => p.text)).toEqual(['Shown']);
    // the unclosed tag runs to the end of the input, so a browser shows only the text before it
    expect(htmlPieces('<p>Before <a href="x').map((p) => p.text)).toEqual(['Before']);
    expect(htmlPieces('<p>A &amp; B &eacute;t&eacute; &#x2014; &bogus; 3 < 4</p>').map((p) => p.text)).toEqual(['A & B été — &bogus; 3 < 4']);
  });

  it('stays linear on hostile input', () => {
    const hostile = '<a "'.repeat(100_000) + '<p>' + '<!--'.repeat(50_000);
    const started = Date.now();
    htmlPieces(hostile);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('trailContext', () => {
  it('lets the innermost deciding heading win', () => {
    expect(trailContext(['Policy', 'Roles'])).toBeUndefined();
    expect(trailContext(['Appendix 2: Glossary'])).toBe('glossary');
    expect(trailContext(['Appendix 3 – References'])).toBe('links');
    expect(trailContext(['📚 Useful websites'])).toBe('links');
    expect(trailContext(['Further information', 'Local contacts'])).toBe('body');
    expect(trailContext(['Useful contacts and links'])).toBe('body');
    expect(trailContext(['Safer recruitment', 'References'])).toBeUndefined();
    expect(trailContext(['Policy', 'References'])).toBe('links');
    expect(trailContext(['Safer recruitment', 'Taking up references'])).toBeUndefined();
  });

  it('marks sections about adults at risk, but not allegations against adults or headings that name children', () => {
    expect(trailContext(['Safeguarding policy', 'Vulnerable adults'])).toBe('adults');
    expect(trailContext(['Policy', 'Adults at risk', 'What to do'])).toBe('adults');
    expect(trailContext(['Where there is a concern that an adult is in need of protection'])).toBe('adults');
    expect(trailContext(['Safeguarding children and vulnerable adults'])).toBeUndefined();
    expect(trailContext(['Allegations against adults who work with children'])).toBeUndefined();
    expect(trailContext(['Concerns about an adult'])).toBeUndefined();
  });

  it('reads a table of contents as a list that names things: under a "Contents" heading or after a "Contents" line', () => {
    expect(trailContext(['Table of Contents'])).toBe('links');
    expect(trailContext(['Contents', 'Section 1 Policy statement'])).toBeUndefined();
    const doc = parseMarkdown(
      'p.md',
      '# Policy\n\nTable of Contents\n- Section 4 Whistleblowing\n- Section 5 Anti-bullying\n\n## Section 4. Whistleblowing\n\nStaff can raise concerns.\n',
    );
    expect(block(doc, 'Section 4 Whistleblowing').context).toBe('links');
    expect(block(doc, 'Staff can raise').context).toBe('body');
    const headed = parseMarkdown('p.md', '## Contents\n\n1. Whistleblowing\n2. Anti-bullying\n\n## Whistleblowing\n\nStaff can raise concerns.\n');
    expect(block(headed, 'Anti-bullying').context).toBe('links');
    expect(block(headed, 'Staff can raise').context).toBe('body');
  });

  it('keeps link-heavy rows in a contacts section as evidence', () => {
    const doc = parseMarkdown('p.md', '## Useful contacts\n\n| NSPCC | [www.nspcc.org.uk](https://www.nspcc.org.uk) |\n|---|---|\n');
    expect(doc.blocks.filter((b) => b.kind === 'table-row').map((b) => b.context)).toEqual(['body']);
  });
});

describe('collapseSpace', () => {
  it('gives what replacing every run of white space by one space and trimming gives', () => {
    const plain = (s: string) => s.replace(/\s+/g, ' ').trim();
    const alphabet = ['a', 'b', ' ', '  ', '\t', '\n', '\r', '\u00a0', '\u2003', '\ufeff', 'é'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 12 }), (parts) => {
        const s = parts.join('');
        expect(collapseSpace(s)).toBe(plain(s));
      }),
      { seed: 20260318, numRuns: 2000 },
    );
  });
});

describe('collapseWithLines', () => {
  it('gives collapseSpace’s text, and line starts only when the breaks match the lines spanned', () => {
    let withLines = 0;
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'bc', ' ', '\n', '\t', '\n\n'), { maxLength: 14 }),
        fc.integer({ min: 0, max: 4 }),
        fc.boolean(),
        (parts, guess, consistent) => {
          const raw = parts.join('');
          // half the time the line count the parser would give (the breaks between the words)
          const extra = consistent ? (raw.trim().match(/\n/g)?.length ?? 0) : guess;
          const r = collapseWithLines(raw, extra);
          expect(r.text).toBe(collapseSpace(raw));
          if (r.lineStarts) {
            withLines++;
            expect(r.lineStarts).toHaveLength(extra);
            for (const at of r.lineStarts) expect(r.text[at - 1]).toBe(' ');
          }
        },
      ),
      { seed: 20260318, numRuns: 2000 },
    );
    expect(withLines).toBeGreaterThan(100); // the line-start branch was really exercised
    expect(collapseWithLines('one two\nthree\n  four', 2)).toEqual({ text: 'one two three four', lineStarts: [8, 14] });
    expect(collapseWithLines('one\ntwo', 3)).toEqual({ text: 'one two' });
  });

  it('evidence names the line of the sentence it quotes inside a paragraph over several lines', () => {
    const doc = parseMarkdown(
      'p.md',
      '# Policy\n\nWe keep children safe in every session\nand train volunteers every year. Report\nany concern to the lead.\n',
    );
    const b = block(doc, 'We keep children safe');
    expect(b.lineStarts).toEqual([b.text.indexOf('and train'), b.text.indexOf('any concern')]);
  });
});
