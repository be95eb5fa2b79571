/** The engine's status rules, through real requirements of the bundled catalogue. */
import { describe, expect, it } from 'vitest';
import { auditText, resultFor } from '../helpers/audit-text.js';

describe('statuses', () => {
  it('met carries evidence with a line and a quote', () => {
    const r = resultFor(
      '# Policy\n\nFemale genital mutilation (FGM) is a crime. Teachers must report known cases of FGM to the police.\n',
      'WT26-C3-FGM',
      'school',
    );
    expect(r.status).toBe('met');
    expect(r.evidence[0]).toMatchObject({ line: 3 });
    expect(r.evidence[0]!.excerpt).toContain('Female genital mutilation');
  });

  it('evidence in a paragraph over several lines gives the lines of the quoted sentence', () => {
    const text =
      '# Policy\n\nWe keep children safe in every session we run\nand we train our volunteers every year.\nFemale genital mutilation (FGM) is a crime and teachers\nmust report known cases of FGM to the police.\n';
    const r = resultFor(text, 'WT26-C3-FGM', 'school');
    expect(r.status).toBe('met');
    expect(r.evidence[0]).toMatchObject({ line: 5, column: 1, endLine: 6 });
  });

  it('a specific that applies only to some profiles is not required of others', () => {
    const text = '# Policy\n\nVolunteers should be alert to female genital mutilation and tell the welfare officer.\n';
    expect(resultFor(text, 'WT26-C3-FGM', 'sports').status).toBe('met');
    const school = resultFor(text, 'WT26-C3-FGM', 'school');
    expect(school.status).toBe('partial');
    expect(school.message).toContain('mandatory duty');
  });

  it('gap is anchored at the heading where the content belongs, else at line 1', () => {
    const withHome = resultFor('# Policy\n\nIntro text here.\n\n## Types of abuse\n\nChildren can be bullied.\n', 'WT26-C3-FGM', 'school');
    expect(withHome.status).toBe('gap');
    expect(withHome.anchor).toEqual({ kind: 'heading', line: 5, heading: 'Types of abuse', trail: ['Policy', 'Types of abuse'] });
    const without = resultFor('# Policy\n\nIntro text here.\n', 'WT26-C3-FGM', 'school');
    expect(without.anchor).toEqual({ kind: 'document-start', line: 1, heading: null, trail: [] });
  });

  it('a gap says what part of a co-occurrence was found, and where', () => {
    const id = 'WT26-C3-MULTIPLE-HARMS';
    const half = resultFor('# Policy\n\nChildren can suffer harm at home.\n', id);
    expect(half.status).toBe('gap');
    expect(half.message).toMatch(/^found .*, but (nothing like|not together in)/);
    expect(resultFor('# Policy\n\nWe run football sessions.\n', 'WT26-C3-DISABLED-CHILDREN').message).toBe('not found in the policy');
  });

  it('a topic addressed without what it needs is partial, and says what is missing', () => {
    const id = 'WT26-C3-DISABLED-CHILDREN';
    const named = resultFor(
      '# Policy\n\nWe welcome disabled children to every session.\n\n## Abuse\n\nSome children are more vulnerable to abuse than others.\n',
      id,
    );
    expect(named.status).toBe('partial');
    expect(named.message).toMatch(/^disabled children or children with SEND named .* \(line 3\), but missing: disabled children named as more vulnerable/);
    const allegations = resultFor(
      '# Policy\n\nx\n\n## Allegations against volunteers\n\nThe committee looks into any allegation and decides what to do.\n',
      'WT26-C4-ALLEGATIONS',
    );
    expect(allegations.status).toBe('partial');
    expect(allegations.message).toContain('but missing: allegations against staff or volunteers referred to the LADO');
  });

  it('a wrong figure is a finding, not a pass', () => {
    const r = resultFor('## Allegations\n\nAllegations against staff are referred to the LADO within 3 working days.\n', 'WT26-C4-ALLEGATIONS');
    expect(r.status).toBe('partial');
    expect(r.message).toMatch(/3 working days/);
  });

  it('negated statements do not count', () => {
    expect(resultFor('# Scope\n\nThis policy does not cover female genital mutilation.\n', 'WT26-C3-FGM', 'sports').status).toBe('gap');
  });

  it('a mention only in a glossary is partial, not met', () => {
    const r = resultFor('# Policy\n\nWe keep children safe.\n\n## Glossary\n\n- **FGM**: female genital mutilation.\n', 'WT26-C3-FGM', 'sports');
    expect(r.status).toBe('partial');
    expect(r.message).toContain('glossary');
  });

  it('what is written only for adults at risk is partial for a child requirement', () => {
    const adultsOnly =
      '# Policy\n\nWe keep children safe.\n\n## Vulnerable adults\n\nFemale genital mutilation (FGM) is a crime. Teachers must report known cases of FGM to the police.\n';
    const r = resultFor(adultsOnly, 'WT26-C3-FGM', 'school');
    expect(r.status).toBe('partial');
    expect(r.message).toBe('mentioned only in the section about adults at risk');
    const forChildren = adultsOnly.replace('## Vulnerable adults', '## Safeguarding children and vulnerable adults');
    expect(resultFor(forChildren, 'WT26-C3-FGM', 'school').status).toBe('met');
  });

  it('a heading with nothing under it is not evidence', () => {
    const r = resultFor('# Policy\n\n## Female genital mutilation\n\n## Next section\n\nText about something else entirely here.\n', 'WT26-C3-FGM', 'sports');
    expect(r.status).toBe('partial');
  });

  it('superseded terms make a requirement outdated, history does not', () => {
    expect(resultFor('Refer concerns using the LSCB procedures.', 'WT26-GEN-SUPERSEDED-TERMS').status).toBe('outdated');
    expect(resultFor('The safeguarding partnership replaced the former LSCB.', 'WT26-GEN-SUPERSEDED-TERMS').status).toBe('met');
  });

  it('a date in a paragraph over several lines is cited at its own line, with its cue', () => {
    const r = resultFor('# Policy\n\nThis policy was approved by the trustees\nin March 2026. Next review:\nMarch 2027.\n', 'WT26-GEN-REVIEW-DATE');
    expect(r.status).toBe('met');
    expect(r.evidence.map((e) => [e.line, e.excerpt])).toEqual([
      [4, 'This policy was approved by the trustees in March 2026. Next review:'],
      [5, 'in March 2026. Next review: March 2027.'],
    ]);
  });

  it('the cue nearest a date says which date it is, the longer one when two end together', () => {
    // "Last review:" ends in "review:" (a next-review cue), "Review date:" in "date:" (a last-review cue)
    const last = resultFor('# Policy\n\nLast review: September 2026.\n', 'WT26-GEN-REVIEW-DATE');
    expect(last.status).toBe('partial');
    expect(last.message).toContain('a next review date');
    expect(resultFor('# Policy\n\nReview date: April 2027.\n', 'WT26-GEN-REVIEW-DATE').status).toBe('met');
    expect(resultFor('# Policy\n\nDate of last review: 3 October 2026. Next review date: October 2027.\n', 'WT26-GEN-REVIEW-DATE').status).toBe('met');
  });

  it('a stale date found by two checks is reported once', () => {
    const r = resultFor('# Policy\n\nApproved: September 2023. Next review: September 2024.\n', 'WT26-GEN-REVIEW-DATE');
    expect(r.status).toBe('outdated');
    expect(r.message.match(/next review was due/g)).toHaveLength(1);
  });

  it('letters written as ligatures (from PDFs) read as their letters', () => {
    const r = resultFor('# Policy\n\nOur safeguarding oﬃcer is Jane Smith, 07700 900123, jane@example.org.\n', 'WT26-C4-NAMED-LEAD');
    expect(r.status).toBe('met');
  });

  it('review dates are judged against --as-of', () => {
    const text = 'Approved: 1 March 2026. Next review: March 2027.';
    expect(resultFor(text, 'WT26-GEN-REVIEW-DATE', 'vcse', '2026-11-01').status).toBe('met');
    expect(resultFor(text, 'WT26-GEN-REVIEW-DATE', 'vcse', '2027-04-01').status).toBe('outdated');
  });

  it('an unfilled placeholder needs review; a template placeholder counts as given', () => {
    const unfilled = resultFor('Our designated safeguarding lead is [insert name] (01632 960 001).', 'WT26-C4-NAMED-LEAD');
    expect(unfilled.status).toBe('needs-review');
    const template = resultFor('Our designated safeguarding lead is {{ sl_details.name }} (01632 960 001).', 'WT26-C4-NAMED-LEAD');
    expect(template.status).toBe('met');
  });

  it('requirements outside the profile are not applicable, with the reason', () => {
    const r = resultFor('Anything.', 'WT26-C5-RAPID-REVIEW', 'school');
    expect(r.status).toBe('not-applicable');
    expect(r.message).toContain('school');
  });

  it('scores count met as 1 and partial as a half, without not-applicable', () => {
    const d = auditText('Nothing relevant at all.', 'sports');
    const applicable = d.results.filter((r) => r.status !== 'not-applicable').length;
    expect(d.score).toBe(Math.round((100 * (d.counts.met + d.counts.partial / 2)) / applicable));
  });
});

describe('editions in force, by the as-of date', () => {
  const wt2023 = '# Policy\n\nThis policy follows Working Together to Safeguard Children 2023 and our local procedures.\n';
  const kcsie2025 = '# Policy\n\nThis policy follows Keeping Children Safe in Education 2025.\n';
  it('the same policy is current before the 2026 edition came into force and outdated after', () => {
    expect(resultFor(wt2023, 'WT26-GEN-CURRENT-EDITION', 'vcse', '2025-06-01').status).toBe('met');
    const late = resultFor(wt2023, 'WT26-GEN-CURRENT-EDITION', 'vcse', '2026-12-01');
    expect(late.status).toBe('outdated');
    expect(late.message).toContain('Working Together 2026 has been in force since 18 March 2026');
  });
  it('KCSIE 2025 is current until KCSIE 2026 comes into force on 1 September 2026', () => {
    expect(resultFor(kcsie2025, 'WT26-C4-EDUCATION-GUIDANCE', 'school', '2026-06-01').status).toBe('met');
    const late = resultFor(kcsie2025, 'WT26-C4-EDUCATION-GUIDANCE', 'school', '2026-12-01');
    expect(late.status).toBe('outdated');
    expect(late.message).toContain('since 1 September 2026');
  });
  it('far past the newest edition the catalogue knows: needs review, with the reason', () => {
    const r = resultFor('# Policy\n\nThis policy follows Working Together to Safeguard Children 2026.\n', 'WT26-GEN-CURRENT-EDITION', 'vcse', '2035-01-01');
    expect(r.status).toBe('needs-review');
    expect(r.message).toContain('newer edition may be in force');
  });
});

describe('messages', () => {
  it('met by absence says what was looked for and not found', () => {
    const r = resultFor('# Policy\n\nReport concerns to the welfare officer.\n', 'WT26-GEN-SUPERSEDED-TERMS');
    expect(r.status).toBe('met');
    expect(r.evidence).toEqual([]);
    expect(r.message).toMatch(/^looked for .*local safeguarding children board.*serious case review.*: none found$/);
  });
});
