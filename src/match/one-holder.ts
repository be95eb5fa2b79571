/**
 * `one_holder`: one role, one person. A policy that names two different people for the same role
 * ("Parish Safeguarding Officer: Eleanor Fairweather" in one place, "Parish Safeguarding Officer |
 * David Ashworth" in the contacts table) leaves the reader not knowing whom to call: 'wrong'.
 * A role is keyed by its title as written (the matched words with the capitalised words before
 * them, so "Club Welfare Officer" and "County Welfare Officer" are different roles); a deputy,
 * assistant or another body's officer is a different role.
 * A holder may be written by first name only ("Welfare officer: Sue", "drop Mark a message (our
 * welfare officer)"): "Sue" is the same person as "Sue Ashworth", "Mark" is not.
 */
import { evidenceFor, isWeak, usable, type CheckOutcome, type EvidenceItem, type MatchContext } from './outcome.js';
import { mayBeFirstName, type TokenizedText } from './text.js';
import { lineLabel } from '../document/place.js';

/** Words that make a title someone else's role. */
const OTHER_ROLE = new Set([
  'deputy',
  'deputies',
  'assistant',
  'alternate',
  'alternative',
  'vice',
  'second',
  'county',
  'regional',
  'national',
  'diocesan',
  'area',
  'district',
  'league',
  'former',
  'previous',
  'acting',
  'interim',
]);
const NOT_TITLE = new Set(['our', 'the', 'a', 'an', 'your', 'their', 'its', 'my', 'his', 'her', 'this', 'that', 'each', 'every']);
const HONORIFIC = /^(mr|mrs|ms|miss|mx|dr|rev|revd|reverend|father|sister|prof)\.?\s+/i;
/** How far after a title its holder's name may stand ("Our Parish Safeguarding Officer (PSO) is Eleanor Fairweather"). */
const NAME_REACH = 3;
/** The only words that may stand between a title and its holder's name (besides an acronym such as "PSO"). */
const LINKS = new Set(['is', 'are', 'was', 'will', 'be', 'named', 'called', 'currently']);
/** Capitalised words that follow a title but hold no one ("Welfare Officer: Vacant"). */
const NOT_HOLDER = new Set([
  'vacant',
  'tbc',
  'tba',
  'none',
  'available',
  'here',
  'there',
  'which',
  'see',
  'below',
  'above',
  'via',
  'post',
  'position',
  'role',
  'everyone',
  'anyone',
  'someone',
  'nobody',
]);
/** How far before an apposed title ("Mark, our welfare officer") its holder's name may stand. */
const BACK_REACH = 4;

interface Holder {
  name: string;
  key: string;
  title: string;
  evidence: EvidenceItem;
}

const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z\s]/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '');
/** The same person: one name's words all in the other's ("Kerry-Ann" and "Kerry-Ann Mitchell", "Ms Rachel Okonkwo-Hart"). */
function sameName(a: string, b: string): boolean {
  const [x, y] = [words(a.replace(HONORIFIC, '')), words(b.replace(HONORIFIC, ''))].sort((p, q) => p.length - q.length);
  return x!.every((w) => y!.includes(w));
}

function titleOf(tt: TokenizedText, start: number, end: number): { key: string; text: string; start: number } | undefined {
  let a = start;
  const sent = tt.tokens[start]!.sent;
  while (a > 0 && start - a < 3) {
    const t = tt.tokens[a - 1]!;
    if (t.sent !== sent || !t.cap || NOT_TITLE.has(t.w)) break;
    a--;
  }
  const ws = tt.tokens.slice(a, end).map((t) => t.w);
  if (ws.some((w) => OTHER_ROLE.has(w)) || (a > 0 && OTHER_ROLE.has(tt.tokens[a - 1]!.w))) return undefined;
  return { key: ws.join(' '), text: tt.text.slice(tt.tokens[a]!.s, tt.tokens[end - 1]!.e), start: a };
}

/** A first name standing alone at token i: a name-like word not followed by another capitalised word of its clause. */
function firstNameAt(tt: TokenizedText, i: number): string | undefined {
  const t = tt.tokens[i];
  if (!t || !mayBeFirstName(tt.text, t) || NOT_HOLDER.has(t.w)) return undefined;
  const next = tt.tokens[i + 1];
  if (next && next.cl === t.cl && next.cap) return undefined;
  return tt.text.slice(t.s, t.e);
}

/** The personal name (full or first name only) whose words cover token k, if any. */
function nameCovering(tt: TokenizedText, k: number): string | undefined {
  for (let j = k; j >= Math.max(0, k - 3); j--) {
    const person = (tt.spans.get(j) ?? []).find((s) => s.cls === 'person');
    if (person && person.end > k) return tt.text.slice(tt.tokens[j]!.s, tt.tokens[person.end - 1]!.e);
  }
  return firstNameAt(tt, k);
}

/**
 * The holder named before a title in apposition: "Mark, our welfare officer", "drop Mark a message
 * (our welfare officer)", "Sue Ashworth is our Welfare Officer". Only after "our"/"the" that opens
 * a new clause, or after "is our"/"is the" with the name directly before "is".
 */
function nameBefore(tt: TokenizedText, titleStart: number): string | undefined {
  const det = tt.tokens[titleStart - 1];
  const prev = tt.tokens[titleStart - 2];
  if (!det || !prev || (det.w !== 'our' && det.w !== 'the') || prev.sent !== det.sent) return undefined;
  if (prev.w === 'is' && prev.cl === det.cl) {
    const k = titleStart - 3;
    const t = tt.tokens[k];
    return t && t.sent === det.sent && t.cl === prev.cl ? nameCovering(tt, k) : undefined;
  }
  if (prev.cl === det.cl) return undefined;
  for (let k = titleStart - 2; k >= Math.max(0, titleStart - 1 - BACK_REACH); k--) {
    const t = tt.tokens[k]!;
    if (t.sent !== det.sent) break;
    const name = nameCovering(tt, k);
    if (name) return name;
  }
  return undefined;
}

export function evaluateOneHolder(roles: number[], ctx: MatchContext): CheckOutcome {
  const holders: Holder[] = [];
  for (const lead of ctx.index.doc.meta.leads) {
    if (!lead.name || !lead.role) continue;
    const ws = words(lead.role);
    if (ws.some((w) => OTHER_ROLE.has(w))) continue;
    const line = lead.line ?? 1;
    holders.push({ name: lead.name, key: ws.join(' '), title: lead.role, evidence: { line, column: 1, endLine: line, excerpt: `${lead.role}: ${lead.name}` } });
  }
  const hits = ctx.index.hits(roles).filter((h) => usable(h) && !isWeak(h, ctx));
  hits.forEach((h, idx) => {
    const tt = ctx.index.texts[h.block]!;
    const title = titleOf(tt, h.start, h.end);
    if (!title) return;
    // the first name after the title, in its sentence, before any other role is named (hits are
    // in document order: the next one in this block is a few steps on, past any overlapping match)
    let n = idx + 1;
    while (n < hits.length && hits[n]!.block === h.block && hits[n]!.start < h.end && n - idx < 8) n++;
    const next = n < hits.length && hits[n]!.block === h.block && hits[n]!.start >= h.end ? hits[n] : undefined;
    const limit = Math.min(tt.tokens.length, h.end + NAME_REACH, next ? next.start : Infinity);
    const before = nameBefore(tt, title.start);
    if (before) {
      holders.push({ name: before, key: title.key, title: title.text, evidence: evidenceFor(ctx.index, h) });
      return;
    }
    for (let i = h.end; i < limit; i++) {
      if (tt.tokens[i]!.sent !== tt.tokens[h.start]!.sent && ctx.index.block(h.block).kind !== 'table-row') break;
      const person = (tt.spans.get(i) ?? []).find((s) => s.cls === 'person');
      const t = tt.tokens[i]!;
      const name = person ? tt.text.slice(t.s, tt.tokens[person.end - 1]!.e) : firstNameAt(tt, i);
      if (!name) {
        const acronym = /^[A-Z]{2,5}$/.test(tt.text.slice(t.s, t.e));
        if (LINKS.has(t.w) || acronym) continue;
        break;
      }
      holders.push({ name, key: title.key, title: title.text, evidence: evidenceFor(ctx.index, h) });
      break;
    }
  });
  // one pass: each title keeps the fullest name seen so far ("Kerry-Ann" → "Kerry-Ann Mitchell"),
  // and a name that is not that person is a second holder
  const first = new Map<string, Holder>();
  for (const b of holders) {
    const a = first.get(b.key);
    if (!a) {
      first.set(b.key, b);
      continue;
    }
    if (sameName(a.name, b.name)) {
      if (words(b.name).length > words(a.name).length) first.set(b.key, { ...b, evidence: a.evidence, title: a.title });
      continue;
    }
    return {
      state: 'wrong',
      evidence: [a.evidence, b.evidence],
      note: `two different people named as ${a.title}: ${a.name} (${lineLabel(ctx.index.doc, a.evidence.line)}) and ${b.name} (${lineLabel(ctx.index.doc, b.evidence.line)})`,
    };
  }
  return { state: 'ok', evidence: [] };
}
