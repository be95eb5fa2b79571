import { describe, expect, it } from 'vitest';
import { addMonths, findDates, parseDateValue } from '../../src/match/dates.js';

describe('dates', () => {
  it('reads the common ways policies write dates', () => {
    expect(findDates('Approved 1 September 2026').map((d) => d.iso)).toEqual(['2026-09-01']);
    expect(findDates('Next review: Sept 2027').map((d) => d.iso)).toEqual(['2027-09-01']);
    expect(findDates('Reviewed 03/02/2025').map((d) => d.iso)).toEqual(['2025-02-03']);
    expect(findDates('Date: 2026-04-30').map((d) => d.iso)).toEqual(['2026-04-30']);
    expect(findDates('on March 4th, 2026').map((d) => d.iso)).toEqual(['2026-03-04']);
    expect(findDates('the 12th of May 2026').map((d) => d.iso)).toEqual(['2026-05-12']);
  });
  it('ignores impossible dates and bare years', () => {
    expect(findDates('31/02/2026 and 2026 and 45/13/2020')).toEqual([]);
  });
  it('parses field values', () => {
    expect(parseDateValue('September 2026')).toBe('2026-09-01');
    expect(parseDateValue('whenever')).toBeUndefined();
  });
  it('adds months, clamping to the end of the month', () => {
    expect(addMonths('2025-11-01', 12)).toBe('2026-11-01');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
  });
});
