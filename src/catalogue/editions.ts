/**
 * Editions in force (checks/editions.yaml): for each guidance instrument, its editions and the
 * day each came into force. A currency check asks which edition was in force on the as-of date,
 * never which year it is.
 */
import { parse } from 'yaml';
import { validatorFor } from '../util/schema-validator.js';
import { AJV_OPTIONS } from './validate.js';

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

export type Editions = Record<string, Instrument>;

export const EDITIONS_SCHEMA = 'editions.schema.json';

/** Parse and check editions.yaml: its instruments, or the first thing wrong with it. */
export function readEditionsText(text: string): { editions: Editions } | { error: string } {
  let raw: unknown;
  try {
    raw = parse(text, { maxAliasCount: 50 });
  } catch (e) {
    return { error: `invalid YAML: ${(e as Error).message.split('\n')[0]}` };
  }
  const validate = validatorFor(EDITIONS_SCHEMA, AJV_OPTIONS);
  if (!validate(raw)) {
    const e = validate.errors?.[0];
    return { error: `${e?.instancePath.slice(1).replace(/\//g, '.') || '(top level)'}: ${e?.message ?? 'invalid'}` };
  }
  const editions: Editions = {};
  for (const [id, v] of Object.entries(raw as Record<string, { name: string; short: string; source: string; editions: Array<{ edition: number; in_force: string }> }>)) {
    const list = v.editions.map((e) => ({ edition: e.edition, inForce: e.in_force }));
    // "in force until its successor" only means something when the list is in order
    for (let i = 1; i < list.length; i++) {
      if (list[i]!.edition <= list[i - 1]!.edition || startOf(list[i]!.inForce) <= startOf(list[i - 1]!.inForce)) {
        return { error: `${id}.editions: ${list[i]!.edition} must come after ${list[i - 1]!.edition}, with a later in_force date` };
      }
    }
    editions[id] = { name: v.name, short: v.short, source: v.source, editions: list };
  }
  return { editions };
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
