/**
 * What changed between two audits of one policy (an old and a new version): requirements that
 * became findings or got worse (regressions), that got better, whose status changed otherwise,
 * whose quoted evidence changed, and requirements one catalogue has and the other has not.
 *
 * Results are matched by requirement id, never by line: moving a paragraph changes no status and
 * no quote, so it is not a change. Pure over its two inputs; the statuses are the audits'.
 */
import { ACTIONABLE_STATUSES, type Status } from '../audit/result.js';
import type { FailOn } from '../audit/exit-code.js';

/** The shape of a diff's JSON form; bumped on any change to it. */
export const DIFF_VERSION = '1.0.0';

export interface DiffQuote {
  line: number;
  excerpt: string;
}

/** One requirement's result on one side, as much of it as a diff needs. */
export interface DiffResultIn {
  id: string;
  title: string;
  strength: 'must' | 'should';
  chapter: string;
  status: Status;
  evidence: DiffQuote[];
}

/** One side of a diff: a policy audited now, or a saved JSON report. */
export interface DiffSide {
  /** the path as given on the command line */
  source: string;
  kind: 'policy' | 'report';
  /** the audited document's path and identity */
  path: string;
  sha256: string;
  profile: string;
  score: number;
  asOf: string;
  catalogue: { edition: string; sha256: string };
  /** the results in catalogue order */
  results: DiffResultIn[];
}

export interface DiffEntry {
  id: string;
  title: string;
  strength: 'must' | 'should';
  chapter: string;
  /** null: the requirement is not in that side's catalogue */
  from: Status | null;
  to: Status | null;
  evidenceFrom: DiffQuote[];
  evidenceTo: DiffQuote[];
}

/** A side without its results: what the diff says of each version. */
export type SideSummary = Omit<DiffSide, 'results'>;

export interface PolicyDiff {
  diffVersion: string;
  old: SideSummary;
  new: SideSummary;
  failOn: FailOn;
  /** a regression at or above failOn */
  failing: boolean;
  /** became a finding, or a finding that got worse: "must" first, the worst first */
  regressions: DiffEntry[];
  /** a finding that became met, or got better (gap to partial, say) */
  improvements: DiffEntry[];
  /** any other change of status (partial to outdated, met to not applicable, a finding waived) */
  statusChanged: DiffEntry[];
  /** same status, different quoted evidence */
  evidenceChanged: DiffEntry[];
  /** in the new side's catalogue only, with their status there */
  newInCatalogue: DiffEntry[];
  /** in the old side's catalogue only */
  removedFromCatalogue: DiffEntry[];
}

/** Findings: what a redraft has to deal with. Needs review counts: the text rests on a placeholder. */
const FINDINGS = ACTIONABLE_STATUSES;

/** How bad a finding is: gap worst; partial, outdated and needs review alike (the topic is there, not all of it). */
const RANK: Partial<Record<Status, number>> = { met: 0, partial: 1, outdated: 1, 'needs-review': 1, gap: 2 };

function isFinding(s: Status): boolean {
  return FINDINGS.has(s);
}

export function isRegression(from: Status, to: Status): boolean {
  return isFinding(to) && (!isFinding(from) || RANK[to]! > RANK[from]!);
}

export function isImprovement(from: Status, to: Status): boolean {
  if (to === 'met') return from !== 'met';
  return isFinding(from) && isFinding(to) && RANK[to]! < RANK[from]!;
}

/** The quotes as a multiset of their words, lines left out: evidence that only moved is the same. */
function quotesKey(q: DiffQuote[]): string {
  return JSON.stringify(q.map((e) => e.excerpt.replace(/\s+/g, ' ').trim()).sort());
}

function summaryOf(s: DiffSide): SideSummary {
  return { source: s.source, kind: s.kind, path: s.path, sha256: s.sha256, profile: s.profile, score: s.score, asOf: s.asOf, catalogue: s.catalogue };
}

function entry(from: DiffResultIn | undefined, to: DiffResultIn | undefined): DiffEntry {
  const r = (to ?? from)!;
  return {
    id: r.id,
    title: r.title,
    strength: r.strength,
    chapter: r.chapter,
    from: from?.status ?? null,
    to: to?.status ?? null,
    evidenceFrom: from?.evidence ?? [],
    evidenceTo: to?.evidence ?? [],
  };
}

export function fails(regressions: DiffEntry[], failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  return regressions.some((r) => failOn === 'should' || r.strength === 'must');
}

export function diffAudits(oldSide: DiffSide, newSide: DiffSide, failOn: FailOn): PolicyDiff {
  const before = new Map(oldSide.results.map((r) => [r.id, r]));
  const afterIds = new Set(newSide.results.map((r) => r.id));
  const regressions: DiffEntry[] = [];
  const improvements: DiffEntry[] = [];
  const statusChanged: DiffEntry[] = [];
  const evidenceChanged: DiffEntry[] = [];
  const newInCatalogue: DiffEntry[] = [];
  const order = new Map<string, number>();
  // catalogue order of the new side
  for (const to of newSide.results) {
    order.set(to.id, order.size);
    const from = before.get(to.id);
    if (!from) newInCatalogue.push(entry(undefined, to));
    else if (isRegression(from.status, to.status)) regressions.push(entry(from, to));
    else if (isImprovement(from.status, to.status)) improvements.push(entry(from, to));
    else if (from.status !== to.status) statusChanged.push(entry(from, to));
    else if (quotesKey(from.evidence) !== quotesKey(to.evidence)) evidenceChanged.push(entry(from, to));
  }
  const removedFromCatalogue = oldSide.results.filter((r) => !afterIds.has(r.id)).map((r) => entry(r, undefined));
  regressions.sort(
    (a, b) => (a.strength === b.strength ? 0 : a.strength === 'must' ? -1 : 1) || RANK[b.to!]! - RANK[a.to!]! || order.get(a.id)! - order.get(b.id)!,
  );
  return {
    diffVersion: DIFF_VERSION,
    old: summaryOf(oldSide),
    new: summaryOf(newSide),
    failOn,
    failing: fails(regressions, failOn),
    regressions,
    improvements,
    statusChanged,
    evidenceChanged,
    newInCatalogue,
    removedFromCatalogue,
  };
}
