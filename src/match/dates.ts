/**
 * Finds calendar dates written in policy text: "1 September 2026", "Sept 2026", "01/09/2026",
 * "2026-09-01", "September 1st, 2026". Fixed patterns, linear time. A month without a day is
 * read as the 1st, the earlier reading, so an old policy never looks newer than it is.
 */

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

export interface FoundDate {
  iso: string;
  /** offsets in the text */
  s: number;
  e: number;
}

const MONTH_NAMES = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DATE_PATTERN = new RegExp(
  [
    `\\b(\\d{4})-(\\d{1,2})-(\\d{1,2})\\b`, // ISO
    `\\b(\\d{1,2})[/.](\\d{1,2})[/.](\\d{4}|\\d{2})\\b`, // UK numeric, day first
    `\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_NAMES})\\.?,?\\s+(\\d{4})\\b`, // 1 September 2026
    `\\b(${MONTH_NAMES})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, // September 1, 2026
    `\\b(${MONTH_NAMES})\\.?,?\\s+(\\d{4})\\b`, // September 2026
  ].join('|'),
  'gi',
);

function iso(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1990 || y > 2100) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function month(name: string): number {
  return MONTHS[name.toLowerCase().replace(/\.$/, '')] ?? MONTHS[name.toLowerCase().slice(0, 3)] ?? 0;
}

export function findDates(text: string): FoundDate[] {
  const out: FoundDate[] = [];
  // every pattern has a digit: most blocks have none, and need no regular expression
  if (!/\d/.test(text)) return out;
  // Dates are short; skip pathological single-line megabyte strings quickly by bounding matches.
  for (const m of text.matchAll(DATE_PATTERN)) {
    const g = m.slice(1);
    let value: string | undefined;
    if (g[0]) value = iso(Number(g[0]), Number(g[1]), Number(g[2]));
    else if (g[3]) {
      let y = Number(g[5]);
      if (g[5]!.length === 2) y += 2000;
      value = iso(y, Number(g[4]), Number(g[3]));
    } else if (g[6]) value = iso(Number(g[8]), month(g[7]!), Number(g[6]));
    else if (g[9]) value = iso(Number(g[11]), month(g[9]), Number(g[10]));
    else if (g[12]) value = iso(Number(g[13]), month(g[12]), 1);
    if (value) out.push({ iso: value, s: m.index, e: m.index + m[0].length });
  }
  return out;
}

/** Parse one date value as written in a field ("2026-09-01", "01/09/2026", "September 2026"). */
export function parseDateValue(raw: string): string | undefined {
  const found = findDates(raw.trim());
  return found.length > 0 ? found[0]!.iso : undefined;
}

/** The ISO date `months` after `date`, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
