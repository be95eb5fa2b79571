/** Agreement figures between expected (labelled) and actual statuses. */

export const STATUSES = ['met', 'partial', 'gap', 'outdated', 'needs-review', 'not-applicable'] as const;

export interface Pair {
  id: string;
  policy: string;
  expected: string;
  actual: string;
}

export interface Figures {
  n: number;
  exact: number;
  /** expected anything but met, tool says met: the dangerous error */
  falseAssurance: number;
  notMet: number;
  /** expected met, tool says gap */
  falseAlarm: number;
  met: number;
  /** expected partial, tool says partial: is "the topic is there, a specific is missing" seen? */
  partialFound: number;
  partial: number;
}

export function figures(pairs: Pair[]): Figures {
  const f: Figures = { n: pairs.length, exact: 0, falseAssurance: 0, notMet: 0, falseAlarm: 0, met: 0, partialFound: 0, partial: 0 };
  for (const p of pairs) {
    if (p.expected === p.actual) f.exact++;
    if (p.expected === 'partial') {
      f.partial++;
      if (p.actual === 'partial') f.partialFound++;
    }
    if (p.expected === 'met') {
      f.met++;
      if (p.actual === 'gap') f.falseAlarm++;
    } else {
      f.notMet++;
      if (p.actual === 'met') f.falseAssurance++;
    }
  }
  return f;
}

export const pct = (num: number, den: number) => (den === 0 ? '–' : `${((100 * num) / den).toFixed(1)}%`);

export function confusion(pairs: Pair[]): Map<string, Map<string, number>> {
  const m = new Map<string, Map<string, number>>();
  for (const p of pairs) {
    const row = m.get(p.expected) ?? new Map<string, number>();
    row.set(p.actual, (row.get(p.actual) ?? 0) + 1);
    m.set(p.expected, row);
  }
  return m;
}
