/**
 * One requirement against one document: topic → specifics → status.
 *
 *   any check stale (past review date, old edition)      → outdated
 *   topic not found, an `outdated` stand-in found          → outdated
 *   topic not found                                        → gap
 *   topic only weak (glossary, link list, empty heading)   → partial
 *   topic not found, a `partly` check found (a section
 *   about the topic without what the topic needs)          → partial
 *   topic found, a specific resting on a placeholder       → needs-review
 *   topic found, fewer specifics than needed (or wrong)    → partial
 *   otherwise                                              → met
 */
import type { CompiledCheck, CompiledRequirement } from '../catalogue/compiled.js';
import type { Profile } from '../catalogue/types.js';
import type { CheckOutcome, EvidenceItem, FigureConflict, MatchContext } from '../match/outcome.js';
import { evaluateCheck } from './evaluate-check.js';
import type { Status } from './result.js';
import { lineLabel } from '../document/place.js';

export interface Verdict {
  status: Exclude<Status, 'not-applicable' | 'waived'>;
  evidence: EvidenceItem[];
  message: string;
  /** a timescale stated with the wrong figure made it partial (packs compare documents by it) */
  conflict?: FigureConflict;
}

const RANK: Record<CheckOutcome['state'], number> = { ok: 5, review: 4, stale: 3, wrong: 2, weak: 1, none: 0 };

function best(outcomes: CheckOutcome[]): CheckOutcome {
  return outcomes.reduce((a, b) => (RANK[b.state] > RANK[a.state] ? b : a), { state: 'none', evidence: [] });
}

function appliesTo(check: CompiledCheck, profile: Profile): boolean {
  return !check.profiles || check.profiles.includes(profile);
}

const MAX_EVIDENCE = 3;

function merge(...lists: EvidenceItem[][]): EvidenceItem[] {
  const seen = new Map<number, number>();
  const out: EvidenceItem[] = [];
  for (const e of lists.flat()) {
    const at = seen.get(e.line);
    if (at !== undefined) {
      // the same line quoted twice: keep the quote that says which time figure it gives
      if (e.figure && !out[at]!.figure) out[at] = { ...out[at]!, figure: e.figure };
      continue;
    }
    seen.set(e.line, out.length);
    out.push(e);
  }
  return out.sort((a, b) => a.line - b.line).slice(0, MAX_EVIDENCE);
}

const SCOPE_WIDTH = { sentence: 0, paragraph: 1, section: 2, document: 3 } as const;

/**
 * When part of a co-occurrence topic was found (the condition named, but not what to do about
 * it, say), what the widest such check found: that is the passage to extend.
 */
function partlyFound(topics: CompiledCheck[], outcomes: CheckOutcome[]): string | undefined {
  let note: string | undefined;
  let width = -1;
  outcomes.forEach((o, i) => {
    const t = topics[i]!;
    if (o.state !== 'none' || o.note === undefined || t.type !== 'near') return;
    if (SCOPE_WIDTH[t.within] > width) {
      width = SCOPE_WIDTH[t.within];
      note = o.note;
    }
  });
  return note;
}

export function evaluateRequirement(c: CompiledRequirement, profile: Profile, ctx: MatchContext): Verdict {
  const topics = c.topic.filter((t) => appliesTo(t, profile));
  const topicOutcomes = topics.map((t) => evaluateCheck(t, ctx));
  const specifics = c.specifics.filter((t) => appliesTo(t, profile));
  const specificOutcomes = specifics.map((t) => evaluateCheck(t, ctx));

  const stale = [...topicOutcomes, ...specificOutcomes].filter((o) => o.state === 'stale');
  const topic = best(topicOutcomes);
  const topicFound = topic.state === 'ok' || topic.state === 'review' || topicOutcomes.some((o) => o.state === 'ok');

  // an edition check is already either current (ok) or stale, never both, so any stale outcome stands
  if (stale.length > 0) {
    // the same check as topic and as specific finds the same stale date: say it once
    const notes = [...new Set(stale.map((s) => s.note).filter(Boolean))];
    return { status: 'outdated', evidence: merge(...stale.map((s) => s.evidence)), message: notes.join('; ') };
  }
  if (!topicFound) {
    const standIns = c.outdated.map((t) => evaluateCheck(t, ctx)).filter((o) => o.state === 'stale');
    if (standIns.length > 0) {
      return {
        status: 'outdated',
        evidence: merge(...standIns.map((s) => s.evidence)),
        message: `only described in superseded terms: ${standIns.map((s) => s.note).join('; ')}`,
      };
    }
    if (topic.state === 'weak' || topic.state === 'wrong') {
      return {
        status: 'partial',
        evidence: topic.evidence,
        message: topic.note ?? 'mentioned, but not as policy',
        ...(topic.conflict ? { conflict: topic.conflict } : {}),
      };
    }
    // the topic addressed (a section about allegations) without what the topic checks need (the LADO)
    const partly = c.partly.filter((t) => appliesTo(t, profile));
    const partlyOutcomes = partly.map((t) => evaluateCheck(t, ctx));
    let partlyIdx = partlyOutcomes.findIndex((o) => o.state === 'ok');
    if (partlyIdx === -1) partlyIdx = partlyOutcomes.findIndex((o) => o.state === 'weak');
    if (partlyIdx !== -1) {
      const found = partlyOutcomes[partlyIdx]!;
      const how = found.state === 'weak' && found.note ? `${found.note}: ` : '';
      const wanted = [...new Set(topics.map((t) => t.label))].join('; or ');
      return {
        status: 'partial',
        evidence: found.evidence,
        message: `${how}${partly[partlyIdx]!.label} (${found.evidence[0] ? lineLabel(ctx.index.doc, found.evidence[0].line) : 'line ?'}), but missing: ${wanted}`,
      };
    }
    const said = partlyFound(topics, topicOutcomes) ?? topicOutcomes.find((o) => o.state === 'none' && o.note)?.note;
    return { status: 'gap', evidence: [], message: said ?? 'not found in the policy' };
  }

  const topicOk = topicOutcomes.find((o) => o.state === 'ok') ?? topic;
  const need = Math.min(c.req.evidence.need ?? specifics.length, specifics.length);
  const okSpecifics = specificOutcomes.filter((o) => o.state === 'ok');
  const evidence = merge(topicOk.evidence, ...okSpecifics.map((o) => o.evidence));
  if (topicOk.state === 'review') {
    return { status: 'needs-review', evidence, message: topicOk.note ?? 'relies on an unfilled placeholder' };
  }
  if (okSpecifics.length >= need) {
    // the check's own word when it has one: what was looked for and not found (met by absence),
    // or which edition is in force
    return { status: 'met', evidence, message: topicOk.note ?? 'evidenced' };
  }

  const reviewIdx = specificOutcomes.findIndex((o) => o.state === 'review');
  if (reviewIdx !== -1 && okSpecifics.length + specificOutcomes.filter((o) => o.state === 'review').length >= need) {
    return {
      status: 'needs-review',
      evidence: merge(evidence, specificOutcomes[reviewIdx]!.evidence),
      message: `${specifics[reviewIdx]!.label}: ${specificOutcomes[reviewIdx]!.note}`,
    };
  }
  const wrong = specificOutcomes.map((o, i) => (o.state === 'wrong' ? `${specifics[i]!.label}: ${o.note}` : null)).filter(Boolean);
  const missing = specificOutcomes.map((o, i) => (o.state === 'ok' || o.state === 'wrong' ? null : specifics[i]!.label)).filter(Boolean);
  const parts: string[] = [];
  if (wrong.length > 0) parts.push(`wrong: ${wrong.join('; ')}`);
  if (missing.length > 0) {
    parts.push(
      need < specifics.length ? `needs ${need} of these, found ${okSpecifics.length}; not found: ${missing.join('; ')}` : `missing: ${missing.join('; ')}`,
    );
  }
  const wrongEvidence = specificOutcomes.filter((o) => o.state === 'wrong').map((o) => o.evidence);
  const conflict = specificOutcomes.find((o) => o.state === 'wrong' && o.conflict)?.conflict;
  return { status: 'partial', evidence: merge(evidence, ...wrongEvidence), message: parts.join('; '), ...(conflict ? { conflict } : {}) };
}
