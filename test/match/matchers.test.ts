/** Each matcher type on its own, with checks compiled inline (not from the catalogue). */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileCheck } from '../../src/catalogue/compile.js';
import { readEditionsText } from '../../src/catalogue/editions.js';
import { packageRoot } from '../../src/util/package-paths.js';
import type { CheckSpec } from '../../src/catalogue/types.js';
import { evaluateCheck } from '../../src/audit/evaluate-check.js';
import { parseMarkdown } from '../../src/document/markdown.js';
import { DocIndex } from '../../src/match/doc-index.js';
import { PhraseSet } from '../../src/match/phrases.js';
import type { CheckOutcome } from '../../src/match/outcome.js';

const EDITIONS = (() => {
  const read = readEditionsText(readFileSync(join(packageRoot(), 'checks', 'editions.yaml'), 'utf8'));
  if ('error' in read) throw new Error(read.error);
  return read.editions;
})();

function run(spec: CheckSpec, markdown: string, asOf = '2026-11-01'): CheckOutcome {
  const phrases = new PhraseSet();
  const check = compileCheck(spec, phrases, EDITIONS);
  const doc = { ...parseMarkdown('t.md', markdown), sha256: '' };
  return evaluateCheck(check, { index: new DocIndex(doc, phrases), asOf, glossaryCounts: false });
}

describe('mentions', () => {
  it('finds any phrase and quotes its sentence with the line', () => {
    const o = run({ mentions: ['county lines'] }, '# A\n\nSome text.\n\nGangs use county lines to move drugs. Other sentence.\n');
    expect(o.state).toBe('ok');
    expect(o.evidence[0]).toMatchObject({ line: 5, excerpt: 'Gangs use county lines to move drugs.' });
  });
  it('is not fooled by a different phrase with shared words', () => {
    expect(run({ mentions: ['child sexual abuse'] }, 'We recognise child sexual exploitation.').state).toBe('none');
  });
});

describe('near', () => {
  const spec: CheckSpec = { near: { within: 'sentence', all: [['immediate danger', 'immediate risk'], ['999']] } };
  it('needs every group in the same sentence', () => {
    expect(run(spec, 'If a child is in immediate danger, call 999.').state).toBe('ok');
    expect(run(spec, 'If a child is in immediate danger, tell the DSL. Fire: call 999.').state).toBe('none');
  });
  it('paragraph scope spans a lead-in and its list', () => {
    const para: CheckSpec = { near: { within: 'paragraph', all: [['welfare officer'], ['<phone>']] } };
    expect(run(para, 'Contact the welfare officer:\n\n- Jane Smith\n- 07700 900123\n').state).toBe('ok');
  });
  it('section scope spans blocks under one heading but not across headings', () => {
    const sec: CheckSpec = { near: { within: 'section', all: [['lado'], ['allegation*']] } };
    expect(run(sec, '## Allegations\n\nAllegations are serious.\n\nWe call the LADO.\n').state).toBe('ok');
    expect(run(sec, '## Allegations\n\nAllegations are serious.\n\n## Contacts\n\nLADO: 01632 960000.\n').state).toBe('none');
  });
});

describe('timescale', () => {
  const spec: CheckSpec = { timescale: { concept: ['rapid review*'], value: 15, unit: 'working-day' } };
  it('accepts the right figure in digits or words', () => {
    expect(run(spec, 'The rapid review is sent within 15 working days.').state).toBe('ok');
    expect(run(spec, 'The rapid review is sent within fifteen working days.').state).toBe('ok');
  });
  it('reports a wrong figure as wrong, with what it says', () => {
    const o = run(spec, 'The rapid review is sent within 10 working days.');
    expect(o.state).toBe('wrong');
    expect(o.note).toBe('states 10 working days where 15 working days is expected');
  });
  it('does not read section numbers or years as timescales', () => {
    expect(run(spec, 'The rapid review under section 16 of the 2026 guidance.').state).toBe('none');
  });
  it('shorter_ok and also-phrases', () => {
    const lado: CheckSpec = { timescale: { concept: ['lado'], value: 1, unit: 'working-day', shorter_ok: true, also: ['immediately'] } };
    expect(run(lado, 'We contact the LADO within 24 hours.').state).toBe('ok');
    expect(run(lado, 'We contact the LADO immediately.').state).toBe('ok');
    expect(run(lado, 'We contact the LADO within 2 working days.').state).toBe('wrong');
  });
  it('ages: a different age is wrong', () => {
    const age: CheckSpec = { timescale: { concept: ['care leaver*'], value: 24, unit: 'age' } };
    expect(run(age, 'Deaths of care leavers up to and including age 24 are notified.').state).toBe('ok');
    expect(run(age, 'Deaths of care leavers aged 18 to 21 are notified.').state).toBe('wrong');
  });
});

describe('heading', () => {
  const spec: CheckSpec = { heading: { any: ['whistleblow*'] } };
  it('needs text under the heading', () => {
    expect(run(spec, '## Whistleblowing\n\nStaff can raise concerns about colleagues with the chair of trustees at any time.\n').state).toBe('ok');
    expect(run(spec, '## Whistleblowing\n\n## Next\n\nOther text.\n').state).toBe('weak');
  });
});

describe('field', () => {
  it('reads named leads from front matter', () => {
    const md = '---\nleads:\n  - role: DSL\n    name: Jane Smith\n    email: dsl@example.org\n---\n# Policy\n\nText.\n';
    expect(run({ field: { path: 'leads[].contact' } }, md).state).toBe('ok');
    expect(run({ field: { path: 'leads[].phone' } }, md).state).toBe('none');
  });
});

describe('date', () => {
  it('finds the next review date in text and judges it against the as-of date', () => {
    const md = '# Policy\n\nText.\n\n| | |\n|---|---|\n| Next review | September 2027 |\n';
    expect(run({ date: { role: 'next-review', not_past: true } }, md).state).toBe('ok');
    expect(run({ date: { role: 'next-review', not_past: true } }, md, '2027-10-01').state).toBe('stale');
  });
  it('last review older than the limit is stale', () => {
    const md = 'Approved by the committee on 3 May 2025.';
    expect(run({ date: { role: 'last-review', max_age_months: 12 } }, md).state).toBe('stale');
    expect(run({ date: { role: 'last-review', max_age_months: 12 } }, md, '2026-01-01').state).toBe('ok');
  });
  it('front matter dates count', () => {
    const md = '---\napproved: 2026-06-01\nreview_by: 2027-06-01\n---\n# P\n\nText.\n';
    expect(run({ date: { role: 'next-review', not_past: true } }, md).evidence[0]).toMatchObject({ line: 3 });
  });
});

describe('outdated', () => {
  const edition: CheckSpec = {
    outdated: { edition: { instrument: 'working-together', names: ['working together to safeguard children'], no_year: 'partial' } },
  };
  it('editions: in force, stale, or named without a year', () => {
    expect(run(edition, 'We follow Working Together to Safeguard Children 2026.').state).toBe('ok');
    expect(run(edition, 'We follow Working Together to Safeguard Children (2018).').state).toBe('stale');
    expect(run(edition, 'We follow Working Together to Safeguard Children.').state).toBe('weak');
    expect(run(edition, 'Working Together to Safeguard Children 2026 replaced the 2023 edition.').state).toBe('ok');
  });
  it('the as-of date decides which edition is in force, with a message naming it and since when', () => {
    const wt2023 = 'We follow Working Together to Safeguard Children 2023.';
    expect(run(edition, wt2023, '2025-06-01').state).toBe('ok');
    expect(run(edition, wt2023, '2026-03-17').state).toBe('ok');
    const later = run(edition, wt2023, '2026-03-18');
    expect(later.state).toBe('stale');
    expect(later.note).toContain('Working Together 2026 has been in force since 18 March 2026');
    expect(run(edition, wt2023, '2026-12-01').state).toBe('stale');
    expect(run(edition, 'We follow Working Together to Safeguard Children 2018.', '2020-01-01').state).toBe('ok');
    expect(run(edition, 'We follow Working Together to Safeguard Children 2015.', '2020-01-01').note).toContain('since 4 July 2018');
  });
  it('KCSIE editions come into force on 1 September', () => {
    const k: CheckSpec = { outdated: { edition: { instrument: 'kcsie', names: ['kcsie'] } } };
    expect(run(k, 'We follow KCSIE 2025.', '2026-06-01').state).toBe('ok');
    expect(run(k, 'We follow KCSIE 2025.', '2026-08-31').state).toBe('ok');
    const o = run(k, 'We follow KCSIE 2025.', '2026-12-01');
    expect(o.state).toBe('stale');
    expect(o.note).toContain('Keeping Children Safe in Education 2026 has been in force since 1 September 2026');
    expect(run(k, 'We follow KCSIE.', '2026-12-01').state).toBe('ok');
  });
  it('more than a year past the newest known edition, the newest is not taken as current: review', () => {
    const far = run(edition, 'We follow Working Together to Safeguard Children 2026.', '2031-01-01');
    expect(far.state).toBe('review');
    expect(far.note).toContain('newer edition may be in force');
    expect(run(edition, 'We follow Working Together to Safeguard Children 2026.', '2027-03-18').state).toBe('ok');
    expect(run(edition, 'We follow Working Together to Safeguard Children 2026.', '2027-03-19').state).toBe('review');
    // an older edition than the newest known is still outdated then
    expect(run(edition, 'We follow Working Together to Safeguard Children 2023.', '2031-01-01').state).toBe('stale');
  });
  it('an edition check naming an instrument editions.yaml does not list cannot compile', () => {
    expect(() => run({ outdated: { edition: { instrument: 'nope', names: ['x'] } } }, 'x')).toThrow(/nope/);
  });
  it('terms: names what replaced them; historical mentions are fine', () => {
    const t: CheckSpec = { outdated: { terms: [{ any: ['lscb'], replacement: 'safeguarding partners' }] } };
    const o = run(t, 'Follow the LSCB procedures.');
    expect(o.state).toBe('stale');
    expect(o.note).toContain('safeguarding partners');
    expect(run(t, 'The partnership replaced the LSCB in 2019.').state).toBe('ok');
  });
});

describe('section scope: a section with its subsections, never siblings', () => {
  const spec: CheckSpec = { near: { within: 'section', all: [['welfare officer'], ['<phone>']] } };
  it('pairs a section’s own text with its subsection’s text', () => {
    const md =
      '# Club policy\n\nIntro.\n\n## Who to contact\n\nOur welfare officer is the first point of contact.\n\n### Numbers\n\nCall 01632 960123.\n\n## Other\n\nText.\n';
    expect(run(spec, md).state).toBe('ok');
  });
  it('does not pair two sibling subsections', () => {
    const md =
      '# Club policy\n\nIntro.\n\n## Contacts\n\n### Roles\n\nOur welfare officer is the first point of contact.\n\n### Numbers\n\nCall 01632 960123.\n\n## Other\n\nText.\n';
    expect(run(spec, md).state).toBe('none');
  });
  it('does not pair through a title section spanning the document', () => {
    const md = '# Club policy\n\nOur welfare officer is the first point of contact.\n\n## Numbers\n\nCall 01632 960123.\n';
    expect(run(spec, md).state).toBe('none');
  });
});

describe('paragraph scope: a heading is the lead-in of its own text', () => {
  const spec: CheckSpec = { near: { within: 'paragraph', all: [['private fostering'], ['notify the local authority']] } };
  it('pairs the heading with a paragraph of its section', () => {
    expect(run(spec, '# P\n\nx\n\n## Private fostering\n\nWe must notify the local authority when we learn of an arrangement.\n').state).toBe('ok');
  });
  it('not with its subsections', () => {
    expect(run(spec, '# P\n\nx\n\n## Private fostering\n\nIntro text.\n\n### Other\n\nWe must notify the local authority about a move.\n').state).toBe('none');
  });
});

describe('unless: the sentence is about something else', () => {
  const spec: CheckSpec = { unless: ['this policy'], near: { within: 'paragraph', all: [['training'], ['annually']] } };
  it('a policy review is not a training refresh', () => {
    expect(run(spec, 'All volunteers complete training at induction. This policy is reviewed annually.').state).toBe('none');
    expect(run(spec, 'All volunteers complete training, refreshed annually.').state).toBe('ok');
  });
});

describe('others: a contact belongs to the name nearest before it', () => {
  const spec: CheckSpec = { near: { within: 'paragraph', all: [['welfare officer'], ['<phone>']], others: ['police', 'nspcc'] } };
  it('the police number is not the welfare officer’s', () => {
    expect(run(spec, 'Tell the welfare officer, Jo Bloggs, or call the police on 01632 960999.').state).toBe('none');
    expect(run(spec, 'Call the police on 01632 960999 or the welfare officer, Jo Bloggs, on 01632 960123.').state).toBe('ok');
    expect(run(spec, 'Welfare officer: Jo Bloggs, 01632 960123.').state).toBe('ok');
  });
});

describe('about: a passage whose heading or lead sentence names the topic', () => {
  const spec: CheckSpec = { about: { any: ['allegation*'] } };
  it('a heading with text under it, or a lead sentence', () => {
    expect(run(spec, '# P\n\nx\n\n## Allegations against staff\n\nThe chair decides what happens next and keeps a record.\n').state).toBe('ok');
    expect(run(spec, 'Allegations against volunteers are passed to the chair. Records are kept.').state).toBe('ok');
  });
  it('not a passing word later in a paragraph, a link list or an empty heading', () => {
    expect(run(spec, 'We keep records. This includes any allegation.').state).toBe('none');
    // a heading with nothing under it: the topic meant to be there, weak
    expect(run(spec, '# P\n\nx\n\n## Allegations\n\n## Next\n\nSome text that is long enough to count here.\n').state).toBe('weak');
    expect(
      run(spec, '# P\n\nx\n\n## Related policies\n\n- [Allegations procedure](https://example.org/a)\n- [Complaints](https://example.org/c)\n').state,
    ).toBe('none');
  });
});

describe('one_holder: one role, one person', () => {
  const spec: CheckSpec = { one_holder: { roles: ['safeguarding officer', 'welfare officer'] } };
  it('two different people for the same title are wrong, naming both', () => {
    const o = run(
      spec,
      '# P\n\nOur Parish Safeguarding Officer is Eleanor Fairweather.\n\n| Role | Name |\n|---|---|\n| Parish Safeguarding Officer | David Ashworth |\n',
    );
    expect(o.state).toBe('wrong');
    expect(o.note).toContain('Eleanor Fairweather (line 3) and David Ashworth');
  });
  it('the same person written two ways, a deputy, or another body’s officer is not a conflict', () => {
    expect(run(spec, 'Our Welfare Officer is Mrs Jane Smith. Contact the Welfare Officer, Jane Smith, first.').state).toBe('ok');
    expect(run(spec, 'Our Welfare Officer is Jane Smith. The Deputy Welfare Officer is Tom Price.').state).toBe('ok');
    expect(run(spec, 'Our Welfare Officer is Jane Smith. The County Welfare Officer is Tom Price.').state).toBe('ok');
  });
  it('a name further on in the sentence is not the holder’s', () => {
    expect(run(spec, 'Our Welfare Officer is Jane Smith. The welfare officer refers cases under the National Referral Mechanism.').state).toBe('ok');
  });
});

describe('one_holder: names written short and long', () => {
  const spec: CheckSpec = { one_holder: { roles: ['welfare officer'] } };
  it('a short name then two different full names is still two people', () => {
    const md = 'Our Welfare Officer is Mrs Ward. Welfare Officer: Mrs Jane Ward. The Welfare Officer is Mrs Ann Ward.';
    expect(run(spec, md).state).toBe('wrong');
  });
  it('a first name alone is a holder: the same person written short is fine, a different first name is not', () => {
    expect(run(spec, 'Welfare officer: Sue Ashworth, 07700 900412.\n\nIf unsure, ask the Welfare Officer, Sue, or the chair.').state).toBe('ok');
    expect(run(spec, 'Welfare officer: Sue Ashworth, 07700 900412.\n\nFor now message Mark (our welfare officer until May) if it is urgent.').state).toBe(
      'wrong',
    );
    expect(run(spec, 'Welfare officer: Sue Ashworth.\n\nSue is our welfare officer and Tom Price, our deputy welfare officer, helps her.').state).toBe('ok');
    expect(run(spec, 'Welfare officer: Sue Ashworth.\n\nWelfare officer: Mark, on 07700 900855.').state).toBe('wrong');
  });
  it('a capitalised word after a title that holds no one is not a name', () => {
    expect(run(spec, 'Welfare officer: Sue Ashworth.\n\nWelfare Officer: Vacant until the AGM.').state).toBe('ok');
  });
});

describe('timescale: longer_contradicts', () => {
  const spec: CheckSpec = {
    timescale: { concept: ['lado'], value: 1, unit: 'working-day', shorter_ok: true, also: ['immediately'], longer_contradicts: true },
  };
  it('a longer figure elsewhere for the same referral is wrong, naming both places', () => {
    const o = run(spec, 'Refer to the LADO within one working day.\n\nQuick guide: tell the DSL at once; the DSL informs the LADO within 5 working days.\n');
    expect(o.state).toBe('wrong');
    expect(o.note).toMatch(/also states 5 working days \(line 3\)/);
  });
  it('without a contradiction it is ok', () => {
    expect(run(spec, 'Refer to the LADO within one working day.\n\nThe LADO is told immediately.\n').state).toBe('ok');
  });
});

describe('a heading its own first sentence disclaims', () => {
  it('is denied with it', () => {
    const spec: CheckSpec = { mentions: ['online safety'] };
    expect(
      run(spec, '# P\n\nx\n\n## Online safety\n\nThis policy does not cover online safety; see our separate Mobile Phone and Camera Policy.\n').state,
    ).toBe('none');
    expect(run(spec, '# P\n\nx\n\n## Online safety\n\nStaff teach online safety in every club session and tell the DSL about any worry.\n').state).toBe('ok');
  });
});
