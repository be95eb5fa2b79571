/**
 * Editions in force, as the currency checks read them: which edition of an instrument was in
 * force on a day (the list itself is checks/editions.yaml, loaded by catalogue/editions.ts).
 */

export interface Edition {
  /** the year the edition is known by ("Working Together 2026") */
  edition: number;
  /** as written: YYYY-MM-DD, or YYYY-MM / YYYY when only that much is known */
  inForce: string;
}

export interface Instrument {
  name: string;
  /** how messages name it */
  short: string;
  source: string;
  /** oldest first */
  editions: Edition[];
}

/** The first day a possibly partial date stands for, as YYYY-MM-DD ("2013-03" → "2013-03-01"). */
export function startOf(date: string): string {
  return `${date}-01-01`.slice(0, 10);
}

/** The edition in force on a day (YYYY-MM-DD): the newest that came into force on or before it. */
export function inForceOn(inst: Instrument, asOf: string): Edition | undefined {
  let found: Edition | undefined;
  for (const e of inst.editions) if (startOf(e.inForce) <= asOf) found = e;
  return found;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "18 March 2026", "March 2013", "2006": only as precise as the data. */
export function formatInForce(date: string): string {
  const [y, m, d] = date.split('-');
  if (m === undefined) return y!;
  const month = MONTHS[Number(m) - 1]!;
  return d === undefined ? `${month} ${y}` : `${Number(d)} ${month} ${y}`;
}

/** The as-of day one year after a date (past which a newer edition may exist that the catalogue does not know). */
export function oneYearAfter(date: string): string {
  const s = startOf(date);
  return `${Number(s.slice(0, 4)) + 1}${s.slice(4)}`;
}
