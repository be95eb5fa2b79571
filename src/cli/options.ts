/** Parsing and checking of CLI option values; a bad value is a usage error (exit 2). */
import { InvalidArgumentError } from 'commander';
import { PROFILES, type Profile } from '../catalogue/types.js';
import type { FailOn } from '../audit/exit-code.js';
import type { Shard } from '../audit/shard.js';

export const FORMATS = ['terminal', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export function parseProfileOption(v: string): Profile {
  if ((PROFILES as readonly string[]).includes(v)) return v as Profile;
  throw new InvalidArgumentError(`unknown profile "${v}"; choose one of: ${PROFILES.join(', ')}`);
}

export function parseFormat(v: string): Format {
  if ((FORMATS as readonly string[]).includes(v)) return v as Format;
  throw new InvalidArgumentError(`unknown format "${v}"; choose one of: ${FORMATS.join(', ')}`);
}

export function parseFailOn(v: string): FailOn {
  if (v === 'must' || v === 'should' || v === 'none') return v;
  throw new InvalidArgumentError(`unknown threshold "${v}"; choose one of: must, should, none`);
}

export function parseAsOf(v: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || !d || d.toISOString().slice(0, 10) !== v) throw new InvalidArgumentError(`"${v}" is not a date in the form YYYY-MM-DD`);
  return v;
}

export function parseSize(v: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?$/i.exec(v.trim());
  if (!m) throw new InvalidArgumentError(`"${v}" is not a size (e.g. 10MB, 500KB)`);
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.round(Number(m[1]) * mult);
}

/** --file-timeout: seconds, 0 or more (0: no limit). */
export function parseSeconds(v: string): number {
  if (!/^\d+(?:\.\d+)?$/.test(v.trim())) throw new InvalidArgumentError(`"${v}" is not a number of seconds (e.g. 30, 0.5; 0 = no limit)`);
  return Number(v);
}

/** --shard i/n, 1 <= i <= n: a usage error otherwise. */
export function parseShardOption(v: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(v);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count)
    throw new InvalidArgumentError(`"${v}" is not a shard: give i/n with 1 <= i <= n (e.g. 1/4)`);
  return { index, count };
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Chalk colour level from NO_COLOR / FORCE_COLOR and whether stdout is a terminal. */
export function colorLevel(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): 0 | 1 | 2 | 3 {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    const n = Number(force);
    return n >= 1 && n <= 3 ? (n as 1 | 2 | 3) : 1;
  }
  return stream.isTTY ? 1 : 0;
}
