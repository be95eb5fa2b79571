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
  });
  it('statements that use negative words positively still count', () => {
    expect(negatedAt('We will not tolerate racism in any form.', 'racism')).toBe(false);
    expect(negatedAt('Never hesitate to report a concern.', 'report')).toBe(false);
    expect(negatedAt('If you are not sure whether it is abuse, report it.', 'abuse')).toBe(false);
    expect(negatedAt('Data protection is not a barrier to sharing information.', 'sharing')).toBe(false);
    expect(negatedAt('If a child does not attend, staff report it to the DSL.', 'report')).toBe(false);
  });
  it('a phrase that carries its own negation is never negated', () => {
    expect(negatedAt('Do not promise to keep secrets.', 'promise', true)).toBe(false);
  });
});

describe('historic mentions', () => {
  it('recognises talk of the past', () => {
    const tt = tokenize('The partnership replaced the former LSCB in 2019.');
    expect(isHistoric(tt.tokens, tt.tokens.findIndex((t) => t.w === 'lscb'))).toBe(true);
    const now = tokenize('Refer to the LSCB procedures.');
    expect(isHistoric(now.tokens, now.tokens.findIndex((t) => t.w === 'lscb'))).toBe(false);
  });
});
