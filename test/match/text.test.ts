import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/match/text.js';

const words = (s: string) => tokenize(s).tokens.map((t) => t.w);
const classes = (s: string) => {
  const tt = tokenize(s);
  return [...tt.spans.entries()].flatMap(([i, list]) =>
    list.map(
      (sp) =>
        `${sp.cls}:${tt.tokens
          .slice(i, sp.end)
          .map((t) => t.w)
          .join(' ')}`,
    ),
  );
};

describe('tokenize', () => {
  it('folds case, apostrophes and accents', () => {
    expect(words("Everyone’s RESPONSIBILITY, the child's café")).toEqual(['everyones', 'responsibility', 'the', 'childs', 'cafe']);
  });
  it('splits hyphenated words but keeps number compounds as one figure', () => {
    const tt = tokenize('co-operate with twenty-four partners');
    expect(tt.tokens.map((t) => t.w)).toEqual(['co', 'operate', 'with', 'twenty', 'four', 'partners']);
    expect(tt.tokens[3]!.num).toBe(24);
  });
  it('numbers from digits, words and ordinals', () => {
    const tt = tokenize('within one working day, 15 days or the 3rd month');
    expect(tt.tokens.filter((t) => t.num !== undefined).map((t) => t.num)).toEqual([1, 15, 3]);
  });
  it('a possessive keeps its word as a second reading, short forms such as it’s do not', () => {
    const tt = tokenize("The Union's rules, the children’s voice, it's late, parents' views");
    expect(tt.tokens.map((t) => [t.w, t.base])).toEqual([
      ['the', undefined],
      ['unions', 'union'],
      ['rules', undefined],
      ['the', undefined],
      ['childrens', 'children'],
      ['voice', undefined],
      ['its', undefined],
      ['late', undefined],
      ['parents', undefined],
      ['views', undefined],
    ]);
  });
  it('words that are names of object properties are not numbers', () => {
    const tt = tokenize('the constructor of toString hasOwnProperty valueOf proto twenty constructor');
    expect(tt.tokens.filter((t) => t.num !== undefined).map((t) => [t.w, t.num])).toEqual([['twenty', 20]]);
  });
  it('splits sentences but not at abbreviations such as e.g.', () => {
    const tt = tokenize('Report abuse, e.g. hitting. Then tell the DSL! Done? Yes');
    const sentOf = (w: string) => tt.tokens.find((t) => t.w === w)!.sent;
    expect(sentOf('hitting')).toBe(sentOf('report'));
    expect(sentOf('then')).toBe(sentOf('hitting') + 1);
    expect(sentOf('done')).toBe(sentOf('then') + 1);
    expect(sentOf('yes')).toBe(sentOf('done') + 1);
  });
  it('starts a new clause at commas and colons', () => {
    const tt = tokenize('If in doubt, report: always');
    expect(tt.tokens.map((t) => t.cl)).toEqual([0, 0, 0, 1, 2]);
  });
  it('recognises emails, phones, urls and placeholders', () => {
    const c = classes('Call 01632 960 123 or 0800 1111, email dsl@example.org, see www.nspcc.org.uk. Lead: {{ sl_details.name }} or [insert name]');
    expect(c).toContain('phone:01632 960 123');
    expect(c).toContain('phone:0800 1111');
    expect(c).toContain('email:dsl@example.org');
    expect(c).toContain('url:www.nspcc.org.uk');
    expect(c.filter((x) => x.startsWith('placeholder'))).toHaveLength(2);
    const tt = tokenize('{{ a.b }} and [insert name]');
    const spans = [...tt.spans.values()].flat().filter((s) => s.cls === 'placeholder');
    expect(spans.map((s) => s.filled)).toEqual([true, false]);
  });
  it('acronyms, organisations and words across a bracket are not personal names', () => {
    const persons = (t: string) => classes(t).filter((x) => x.startsWith('person'));
    expect(persons('Liaise directly with the County FA (CFA) Welfare Officer.')).toEqual([]);
    expect(persons('Coaches hold a Sports Coach UK certificate and RFU Safeguarding training.')).toEqual([]);
    expect(persons('Our lead is Jane Smith (DSL).')).toEqual(['person:jane smith']);
    expect(persons('DSL: JANE SMITH, 07700 900123')).toEqual(['person:jane smith']);
    expect(persons('Contact Mr J Smith today.')).toEqual(['person:mr j smith']);
  });
  it('recognises personal names but not role titles', () => {
    const c = classes('Our Designated Safeguarding Lead is Mrs Helen Carter; the deputy is Tom Price.');
    expect(c).toContain('person:mrs helen carter');
    expect(c).toContain('person:tom price');
    expect(c.some((x) => x.includes('designated'))).toBe(false);
  });
  it('years are both numbers and years', () => {
    expect(classes('KCSIE 2025')).toEqual(expect.arrayContaining(['number:2025', 'year:2025']));
  });
});
