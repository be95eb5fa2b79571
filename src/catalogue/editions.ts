/**
 * Editions in force (checks/editions.yaml): for each guidance instrument, its editions and the
 * day each came into force. A currency check asks which edition was in force on the as-of date,
 * never which year it is.
 */
import { parse } from 'yaml';
import { startOf, type Instrument } from '../match/editions.js';
import { validatorFor } from '../util/schema-validator.js';
import { AJV_OPTIONS } from './validate.js';

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
  for (const [id, v] of Object.entries(
    raw as Record<string, { name: string; short: string; source: string; editions: Array<{ edition: number; in_force: string }> }>,
  )) {
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
