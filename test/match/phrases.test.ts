import { describe, expect, it } from 'vitest';
import { PhraseError, PhraseSet, parsePhrase } from '../../src/match/phrases.js';
import { tokenize } from '../../src/match/text.js';

function matches(phrases: string[], text: string): string[] {
  const set = new PhraseSet();
  phrases.forEach((p) => set.add(p));
  return set.scan(tokenize(text)).map((m) => set.source[m.phrase]!);
}

describe('PhraseSet', () => {
  it('matches literal phrases across case and punctuation', () => {
    expect(matches(['designated safeguarding lead'], 'The Designated-Safeguarding Lead.')).toEqual(['designated safeguarding lead']);
  });
  it('matches stems', () => {
    expect(matches(['whistleblow*'], 'our whistleblowing procedure')).toEqual(['whistleblow*']);
    expect(matches(['report*'], 'we reported it')).toEqual(['report*']);
    expect(matches(['report*'], 'a rapport')).toEqual([]);
  });
  it('two-word phrases also match written as one word', () => {
    expect(matches(['whistle blow*'], 'whistleblowing')).toEqual(['whistle blow*']);
    expect(matches(['co operat*'], 'we cooperate')).toEqual(['co operat*']);
  });
  it('token classes and the any-word wildcard', () => {
    expect(matches(['welfare officer <person>'], 'Welfare officer Jane Smith')).toEqual(['welfare officer <person>']);
    expect(matches(['call <phone>'], 'call 0113 496 0000 now')).toEqual(['call <phone>']);
    expect(matches(['promise _ confidential*'], 'never promise total confidentiality')).toEqual(['promise _ confidential*']);
  });
  it('the same phrase in two requirements is one id', () => {
    const set = new PhraseSet();
    expect(set.add('County Lines')).toBe(set.add('county lines'));
    expect(set.size).toBe(1);
  });
  it('finds every overlapping match in one pass', () => {
    expect(matches(['child sexual abuse', 'sexual abuse'], 'child sexual abuse').sort()).toEqual(['child sexual abuse', 'sexual abuse']);
  });
  it('rejects malformed phrases', () => {
    expect(() => parsePhrase('<bogus>')).toThrow(PhraseError);
    expect(() => parsePhrase('a*b')).toThrow(PhraseError);
    expect(() => parsePhrase('ab*')).toThrow(PhraseError);
    expect(() => parsePhrase('_ lead')).toThrow(PhraseError);
  });
  it('stays linear on adversarial text: scan work is bounded per token', () => {
    const set = new PhraseSet();
    for (const p of ['a a a a a b', 'a a a c', 'a*', 'aaa*', '_ a b', 'a _ _ _ d']) {
      try {
        set.add(p);
      } catch {
        /* short stems are rejected; the rest stand */
      }
    }
    const small = set.scan(tokenize('a '.repeat(1000))).length;
    const large = set.scan(tokenize('a '.repeat(4000))).length;
    // matches grow in proportion to the text, not faster
    expect(large).toBeLessThanOrEqual(small * 4 + 10);
  });
});
