/**
 * `timescale`: a figure and unit tied to a concept ("refer to the LADO within one working day").
 * A different figure is a finding of its own, not a pass: a policy that promises a 3-day
 * notification for a 5-day duty, or names 21 for a duty that runs to 24, is wrong, not silent.
 */
import type { Hit } from './doc-index.js';
import { evidenceFor, NONE, usable, type CheckOutcome, type EvidenceItem, type MatchContext } from './outcome.js';
import { sentenceRange } from './negation.js';
import type { Token } from './text.js';
import { lineLabel } from '../document/place.js';

export type TimeUnit = 'working-day' | 'day' | 'hour' | 'week' | 'month' | 'year' | 'age';

interface Stated {
  value: number;
  unit: TimeUnit;
  at: number;
}

const UNIT_WORDS: Array<[string, TimeUnit]> = [
  ['hour', 'hour'],
  ['day', 'day'],
  ['week', 'week'],
  ['month', 'month'],
  ['year', 'year'],
];

/** The unit written after a number: "5 working days", "24 hours", "three months". */
function unitAfter(tokens: Token[], i: number): TimeUnit | undefined {
  let k = i + 1;
  let working = false;
  // allow "working", "business", "school", "calendar", "clear" between the number and the unit
  while (k < tokens.length && k <= i + 2 && /^(working|business|school|calendar|clear)$/.test(tokens[k]!.w)) {
    working ||= tokens[k]!.w !== 'calendar';
    k++;
  }
  const w = tokens[k]?.w;
  if (!w) return undefined;
  for (const [stem, unit] of UNIT_WORDS) {
    if (w === stem || w === `${stem}s` || w === `${stem}s.`) return unit === 'day' && working ? 'working-day' : unit;
  }
  return undefined;
}

/** Numbers that are labels, not quantities: "section 47", "para 153", "2026", "0800". */
function isLabelNumber(tokens: Token[], i: number): boolean {
  const t = tokens[i]!;
  if (t.w.length === 4 && /^(19|20)\d\d$/.test(t.w)) return true;
  if (t.w.startsWith('0') && t.w.length > 1) return true;
  const prev = tokens[i - 1]?.w ?? '';
  return /^(section|sections|s|para|paragraph|paragraphs|chapter|part|schedule|article|page|pages|appendix|annex|step|level|tier|stage|version|key|ks|year|no|number|tel|room|rule|regulation|standard)$/.test(
    prev,
  );
}

function statedFigures(tokens: Token[], from: number, to: number, unit: TimeUnit): Stated[] {
  const out: Stated[] = [];
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.num === undefined || isLabelNumber(tokens, i)) continue;
    // "twenty four": the second word is part of the first figure
    if (i > from && tokens[i - 1]!.num !== undefined && tokens[i - 1]!.num! > t.num && tokens[i - 1]!.num! % 10 === 0 && t.num < 10) continue;
    const u = unitAfter(tokens, i);
    if (unit === 'age') {
      if (u === undefined || u === 'year') out.push({ value: t.num, unit: 'age', at: i });
    } else if (u) out.push({ value: t.num, unit: u, at: i });
  }
  return out;
}

function inDays(value: number, unit: TimeUnit, expected: TimeUnit): number {
  switch (unit) {
    case 'hour':
      return value / 24;
    case 'week':
      return value * (expected === 'working-day' ? 5 : 7);
    case 'month':
      return value * 30.44;
    case 'year':
      return value * 365.25;
    default:
      return value; // days and working days are compared as written: policies use them loosely
  }
}

function plural(value: number, unit: TimeUnit): string {
  const name = unit === 'working-day' ? 'working day' : unit;
  if (unit === 'age') return `age ${value}`;
  return `${value} ${name}${value === 1 ? '' : 's'}`;
}

export interface TimescaleArgs {
  concept: number[];
  also: number[];
  value: number;
  unit: TimeUnit;
  shorterOk: boolean;
  /** a longer figure for the same concept elsewhere makes the right one 'wrong' (a contradiction) */
  longerContradicts?: boolean;
}

function withFigure(e: EvidenceItem, figure: string | undefined): EvidenceItem {
  return figure ? { ...e, figure } : e;
}

/** The "at once" word that made a sentence right ("immediately", "same day"), as written. */
function alsoWord(ctx: MatchContext, also: number[], sentKey: string): string | undefined {
  for (const h of ctx.index.hits(also)) {
    if (!usable(h)) continue;
    const tt = ctx.index.texts[h.block]!;
    if (`${h.block}:${tt.tokens[h.start]!.sent}` !== sentKey) continue;
    return tt.text.slice(tt.tokens[h.start]!.s, tt.tokens[h.end - 1]!.e).toLowerCase();
  }
  return undefined;
}

export function evaluateTimescale(a: TimescaleArgs, ctx: MatchContext): CheckOutcome {
  const expected = a.unit === 'age' ? a.value : inDays(a.value, a.unit, a.unit);
  const matches = (s: Stated) => {
    if (a.unit === 'age') return s.value === a.value;
    const d = inDays(s.value, s.unit, a.unit);
    return Math.abs(d - expected) <= expected * 0.02 || (a.shorterOk && d < expected);
  };
  let wrong: { hit: Hit; stated: Stated } | undefined;
  let blockLevelOk: Hit | undefined;
  let ok: Hit | undefined;
  /** the figure the accepted sentence states, or its word for "at once" */
  let okFigure: string | undefined;
  // a longer figure for the same thing elsewhere contradicts the right one ("within one working
  // day" here, "within five days" there): the reader cannot tell which applies
  let longer: { hit: Hit; stated: Stated } | undefined;
  const isLonger = (f: Stated) => a.unit !== 'age' && f.unit !== 'year' && inDays(f.value, f.unit, a.unit) > expected * 1.02;
  const alsoBySentence = new Set(
    ctx.index
      .hits(a.also)
      .filter((h) => usable(h))
      .map((h) => `${h.block}:${ctx.index.texts[h.block]!.tokens[h.start]!.sent}`),
  );
  // figures read once per sentence and once per block: many hits in one long sentence or block
  // must not re-read it each time (that was quadratic)
  const sentenceFigures = new Map<string, { ok: boolean; okFigure: string | undefined; other: Stated | undefined; longer: Stated | undefined }>();
  const blockMatches = new Map<number, boolean>();
  for (const hit of ctx.index.hits(a.concept)) {
    if (!usable(hit)) continue;
    const tokens = ctx.index.texts[hit.block]!.tokens;
    const [s, e] = sentenceRange(tokens, hit.start);
    const sentKey = `${hit.block}:${tokens[hit.start]!.sent}`;
    let read = sentenceFigures.get(sentKey);
    if (!read) {
      const figures = statedFigures(tokens, s, e, a.unit);
      const good = figures.some(matches);
      const right = figures.find(matches);
      read = {
        ok: good,
        okFigure: right && plural(right.value, right.unit),
        other: figures.find((f) => a.unit === 'age' || f.unit !== 'year'),
        longer: good ? undefined : figures.find(isLonger),
      };
      sentenceFigures.set(sentKey, read);
    }
    // "tell the DSL at once; the DSL informs the LADO within 5 working days": the 'at once' is
    // not the LADO's figure, the 5 days is
    if (read.longer && !longer) longer = { hit, stated: read.longer };
    if (alsoBySentence.has(sentKey) || read.ok) {
      if (!ok) {
        ok = hit;
        okFigure = read.okFigure ?? alsoWord(ctx, a.also, sentKey);
      }
      continue;
    }
    const other = read.other;
    if (other && !wrong) wrong = { hit, stated: other };
    if (!blockLevelOk) {
      let inBlock = blockMatches.get(hit.block);
      if (inBlock === undefined) blockMatches.set(hit.block, (inBlock = statedFigures(tokens, 0, tokens.length, a.unit).some(matches)));
      if (inBlock) blockLevelOk = hit;
    }
  }
  const expectedText = plural(a.value, a.unit);
  if (ok && longer && a.longerContradicts) {
    const at = evidenceFor(ctx.index, longer.hit);
    const stated = plural(longer.stated.value, longer.stated.unit);
    return {
      state: 'wrong',
      evidence: [withFigure(evidenceFor(ctx.index, ok), okFigure), { ...at, figure: stated }],
      note: `also states ${stated} (${lineLabel(ctx.index.doc, at.line)}), which contradicts ${expectedText}`,
      conflict: { stated, expected: expectedText, line: at.line },
    };
  }
  if (ok) return { state: 'ok', evidence: [withFigure(evidenceFor(ctx.index, ok), okFigure)] };
  if (blockLevelOk) return { state: 'ok', evidence: [evidenceFor(ctx.index, blockLevelOk, true)] };
  if (wrong) {
    const at = evidenceFor(ctx.index, wrong.hit);
    const stated = plural(wrong.stated.value, wrong.stated.unit);
    return {
      state: 'wrong',
      evidence: [{ ...at, figure: stated }],
      note: `states ${stated} where ${expectedText} is expected`,
      conflict: { stated, expected: expectedText, line: at.line },
    };
  }
  return NONE;
}
