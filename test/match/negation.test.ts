import { describe, expect, it } from 'vitest';
import { isHistoric, isNegated } from '../../src/match/negation.js';
import { tokenize } from '../../src/match/text.js';

function negatedAt(text: string, word: string, self = false): boolean {
  const tt = tokenize(text);
  const i = tt.tokens.findIndex((t) => t.w === word);
  if (i < 0) throw new Error(`no ${word}`);
  return isNegated(tt.tokens, i, self);
}

describe('negation', () => {
  it('denials do not count', () => {
    expect(negatedAt('This policy does not cover online safety.', 'online')).toBe(true);
    expect(negatedAt('We do not currently have a whistleblowing procedure.', 'whistleblowing')).toBe(true);
    expect(negatedAt('There is no designated safeguarding lead.', 'designated')).toBe(true);
    expect(negatedAt('Radicalisation is outside the scope of this policy.', 'radicalisation')).toBe(true);
    expect(negatedAt('This policy does not cover FGM or forced marriage.', 'forced')).toBe(true);
    expect(negatedAt('We no longer offer family group conferences.', 'family')).toBe(true);
  });
  it('a hedged disclaimer of the document denies every item of its list', () => {
    const s = 'This policy does not attempt to cover forced marriage, radicalisation or criminal exploitation; staff are not trained in these.';
    expect(negatedAt(s, 'radicalisation')).toBe(true);
    expect(negatedAt(s, 'criminal')).toBe(true);
    expect(negatedAt('The policy is not intended to address online safety, bullying or county lines.', 'county')).toBe(true);
    expect(negatedAt('It does not try to deal with peer abuse, sexting or radicalisation.', 'radicalisation')).toBe(true);
  });
  it('a disclaimer after a clause word still denies the topic of its clause', () => {
    expect(negatedAt("We don't run online sessions, so online safety isn't covered by this policy.", 'safety')).toBe(true);
    expect(negatedAt('If radicalisation is not covered here, ask the DSL.', 'radicalisation')).toBe(true);
    expect(negatedAt('We adapt sessions so that disabled children are not excluded.', 'disabled')).toBe(false);
    expect(negatedAt('Report it to the DSL, who will not delay and will include the police.', 'police')).toBe(false);
  });
  it('a person who will not try to do something does not disclaim the policy', () => {
    expect(negatedAt('The welfare officer will not try to address the allegation alone but will call the LADO.', 'lado')).toBe(false);
    expect(negatedAt('Staff should not attempt to deal with a disclosure of criminal exploitation themselves.', 'criminal')).toBe(false);
  });
  it('statements that use negative words positively still count', () => {
    expect(negatedAt('We will not tolerate racism in any form.', 'racism')).toBe(false);
    expect(negatedAt('Never hesitate to report a concern.', 'report')).toBe(false);
    expect(negatedAt('If you are not sure whether it is abuse, report it.', 'abuse')).toBe(false);
    expect(negatedAt('Data protection is not a barrier to sharing information.', 'sharing')).toBe(false);
    expect(negatedAt('If a child does not attend, staff report it to the DSL.', 'report')).toBe(false);
    expect(negatedAt('Refer no later than one working day after the concern arises.', 'working')).toBe(false);
    // a remainder pointed elsewhere denies nothing; a scope disclaimer still does
    expect(negatedAt("We follow the governing body's safeguarding policy, so if something isn't covered here, look there.", 'policy')).toBe(false);
    expect(negatedAt('Anything not covered by this policy is in the safeguarding handbook.', 'handbook')).toBe(false);
    expect(negatedAt('This safeguarding policy does not cover adults at risk.', 'safeguarding')).toBe(true);
  });
  it('rules of conduct are policy, not denials', () => {
    expect(negatedAt('Coaches must not contact juniors through personal social media accounts.', 'social')).toBe(false);
    expect(negatedAt('Never meet a young person alone behind closed doors.', 'alone')).toBe(false);
    expect(negatedAt('Do not take photographs of children without consent.', 'photographs')).toBe(false);
    expect(negatedAt('We do not take photographs of children.', 'photographs')).toBe(true);
    expect(negatedAt('Staff never arrange to be alone with a child.', 'alone')).toBe(false);
    expect(negatedAt('We have never had a welfare officer.', 'welfare')).toBe(true);
  });
  it('a phrase that carries its own negation is never negated', () => {
    expect(negatedAt('Do not promise to keep secrets.', 'promise', true)).toBe(false);
  });
});

describe('historic mentions', () => {
  it('recognises talk of the past', () => {
    const tt = tokenize('The partnership replaced the former LSCB in 2019.');
    expect(
      isHistoric(
        tt.tokens,
        tt.tokens.findIndex((t) => t.w === 'lscb'),
      ),
    ).toBe(true);
    const now = tokenize('Refer to the LSCB procedures.');
    expect(
      isHistoric(
        now.tokens,
        now.tokens.findIndex((t) => t.w === 'lscb'),
      ),
    ).toBe(false);
  });
});
