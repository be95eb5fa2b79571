/**
 * `date`: when the policy was approved or last reviewed, and when it is next due, from front
 * matter / YAML fields or from text such as "Next review: September 2027". Judged against --as-of.
 */
import { addMonths } from './dates.js';
import { lineAt, lineSpanAt, NONE, type CheckOutcome, type EvidenceItem, type MatchContext } from './outcome.js';

export type DateRole = 'last-review' | 'next-review';

interface Candidate {
  iso: string;
  evidence: EvidenceItem;
}

// Words just before a date that say which date it is: the cue that ends nearest the date wins (a
// cue's colon does not count), and of two that end together the longer, so "Last review:" is a
// last review although it ends in "review:", and "Review date:" a next review although it ends in
// "date:".
const NEXT_CUES = [
  'next review',
  'review by',
  'review due',
  'due for review',
  'to be reviewed',
  'review date',
  'date of next review',
  'renewal date',
  'reviewed again',
  'next reviewed',
  'review:',
];
const LAST_CUES = [
  'approved',
  'adopted',
  'ratified',
  'last review',
  'last reviewed',
  'reviewed on',
  'date reviewed',
  'reviewed:',
  'updated',
  'date of policy',
  'policy date',
  'issued',
  'effective from',
  'agreed',
  'signed',
  'published',
  'date:',
  'dated',
  'written',
];

/** Which date the words before it name, and where in `before` that cue starts. */
function roleOfDate(before: string): { role: DateRole; cueAt: number } | undefined {
  const lower = before.toLowerCase();
  let best: { role: DateRole; end: number; words: number; cueAt: number } | undefined;
  for (const [role, cues] of [
    ['next-review', NEXT_CUES],
    ['last-review', LAST_CUES],
  ] as const) {
    for (const cue of cues) {
      const at = lower.lastIndexOf(cue);
      if (at === -1) continue;
      const words = cue.endsWith(':') ? cue.length - 1 : cue.length;
      const end = at + words;
      if (!best || end > best.end || (end === best.end && words > best.words)) best = { role, end, words, cueAt: at };
    }
  }
  return best && { role: best.role, cueAt: best.cueAt };
}

function fromFields(role: DateRole, ctx: MatchContext): Candidate[] {
  const meta = ctx.index.doc.meta;
  const keys = role === 'next-review' ? (['reviewBy'] as const) : (['approved', 'lastReviewed'] as const);
  const out: Candidate[] = [];
  for (const k of keys) {
    const v = meta[k];
    if (v && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
      const line = meta.fieldLines[k] ?? 1;
      out.push({ iso: v, evidence: { line, column: 1, endLine: line, excerpt: `${k}: ${v}` } });
    }
  }
  return out;
}

function fromText(role: DateRole, ctx: MatchContext): Candidate[] {
  const out: Candidate[] = [];
  const dates = ctx.index.blockDates();
  ctx.index.doc.blocks.forEach((block, b) => {
    for (const d of dates[b]!) {
      // the cue may sit on the line before ("Next review:" / "September 2027"): the excerpt runs
      // from the cue's line to the date's, the line is the date's own
      const from = Math.max(0, d.s - 80);
      const cue = roleOfDate(block.text.slice(from, d.s));
      if (cue?.role !== role) continue;
      const start = lineSpanAt(block, from + cue.cueAt).start;
      const end = lineSpanAt(block, d.s).end;
      const line = lineAt(block, d.s);
      const excerpt = block.text.slice(start, Math.max(end, d.e)).trim().slice(0, 200);
      out.push({ iso: d.iso, evidence: { line, column: 1, endLine: line, excerpt } });
    }
  });
  return out;
}

export interface DateArgs {
  role: DateRole;
  maxAgeMonths?: number;
  notPast: boolean;
}

export function evaluateDate(a: DateArgs, ctx: MatchContext): CheckOutcome {
  const all = [...fromFields(a.role, ctx), ...fromText(a.role, ctx)];
  if (all.length === 0) return NONE;
  // the newest date of this role is the one that stands
  const newest = all.reduce((x, y) => (y.iso > x.iso ? y : x));
  if (a.notPast && newest.iso < ctx.asOf) {
    return { state: 'stale', evidence: [newest.evidence], note: `next review was due ${newest.iso}, before ${ctx.asOf}` };
  }
  if (a.maxAgeMonths !== undefined && addMonths(newest.iso, a.maxAgeMonths) < ctx.asOf) {
    return {
      state: 'stale',
      evidence: [newest.evidence],
      note: `last approved or reviewed ${newest.iso}, more than ${a.maxAgeMonths} months before ${ctx.asOf}`,
    };
  }
  return { state: 'ok', evidence: [newest.evidence] };
}
