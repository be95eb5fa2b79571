/**
 * What a review document says, worked out once from the report and shared by its HTML and Markdown
 * renderings: per document the chapter scores and their red/amber/green rating, what is new in
 * 2026, the results by chapter, and the action plan. Arithmetic over the result model only: the
 * statuses are the audit's, never judged again here.
 */
import type { AuditReport, DocumentResult, RequirementInfo, RequirementResult, Status } from '../audit/result.js';
import { ACTIONABLE_STATUSES, emptyCounts } from '../audit/result.js';
import { CHAPTERS } from './chapters.js';

/** Statuses that go into the action plan: everything a redraft has to deal with. */
const ACTION_STATUSES = ACTIONABLE_STATUSES;

export type Rag = 'green' | 'amber' | 'red' | 'unrated';

/** The rating rule, stated in the report as it is applied here. */
export const RAG_RULE = {
  green: 80,
  red: 50,
  text: [
    'Green: chapter score 80% or more and no “must” requirement is a gap.',
    'Amber: chapter score from 50% to 79%, or 80% or more with a “must” requirement that is a gap.',
    'Red: chapter score below 50%.',
    'Not rated: no requirement of the chapter applies to this kind of organisation.',
  ],
};

export const RAG_LABEL: Record<Rag, string> = { green: 'Green', amber: 'Amber', red: 'Red', unrated: 'Not rated' };

/** The score rule, the engine's (audit/engine.ts), stated in the report. */
export const SCORE_RULE =
  'Score: met counts 1 and partial ½, out of the requirements that apply (not applicable and waived ones left out); gap, outdated and needs review count 0.';

export interface ChapterSummary {
  key: string;
  name: string;
  counts: Record<Status, number>;
  /** requirements that apply, waived ones left out (the score's denominator) */
  applicable: number;
  /** null when nothing applies */
  score: number | null;
  mustGaps: number;
  rag: Rag;
}

export interface ChapterResults {
  key: string;
  name: string;
  results: RequirementResult[];
}

export interface DocumentReview {
  doc: DocumentResult;
  /** how the document is named in headings: its organisation, else its path */
  name: string;
  chapters: ChapterSummary[];
  /** new or strengthened in 2026 and applicable, in catalogue order */
  recent: RequirementResult[];
  /** applicable results (waived included) by chapter, chapters with none left out */
  byChapter: ChapterResults[];
  notApplicable: RequirementResult[];
  /** every finding: must before should, gap before partial before the rest, then catalogue order */
  actions: RequirementResult[];
}

export interface Review {
  report: AuditReport;
  requirements: ReadonlyMap<string, RequirementInfo>;
  documents: DocumentReview[];
}

function scoreOf(counts: Record<Status, number>, applicable: number): number | null {
  return applicable === 0 ? null : Math.round((100 * (counts.met + counts.partial / 2)) / applicable);
}

export function ragOf(score: number | null, mustGaps: number): Rag {
  if (score === null) return 'unrated';
  if (score < RAG_RULE.red) return 'red';
  return score >= RAG_RULE.green && mustGaps === 0 ? 'green' : 'amber';
}

function chapterSummary(key: string, name: string, results: RequirementResult[]): ChapterSummary {
  const counts = emptyCounts();
  let mustGaps = 0;
  for (const r of results) {
    counts[r.status]++;
    if (r.status === 'gap' && r.strength === 'must') mustGaps++;
  }
  const applicable = results.length - counts['not-applicable'] - counts.waived;
  const score = scoreOf(counts, applicable);
  return { key, name, counts, applicable, score, mustGaps, rag: ragOf(score, mustGaps) };
}

/** Chapters in report order: the known ones, then any other key a catalogue uses, as it first appears. */
function chapterKeys(doc: DocumentResult): Array<[string, string]> {
  const keys: Array<[string, string]> = [...CHAPTERS];
  for (const r of doc.results) if (!keys.some(([k]) => k === r.chapter)) keys.push([r.chapter, r.chapter]);
  return keys;
}

const ACTION_RANK: Partial<Record<Status, number>> = { gap: 0, partial: 1, outdated: 2, 'needs-review': 3 };

function documentReview(doc: DocumentResult): DocumentReview {
  const keys = chapterKeys(doc);
  const chapters = keys
    .map(([k, n]) =>
      chapterSummary(
        k,
        n,
        doc.results.filter((r) => r.chapter === k),
      ),
    )
    .filter((c) => c.counts['not-applicable'] + c.applicable + c.counts.waived > 0);
  const applicable = doc.results.filter((r) => r.status !== 'not-applicable');
  const order = new Map(doc.results.map((r, i) => [r.id, i]));
  const actions = applicable
    .filter((r) => ACTION_STATUSES.has(r.status))
    .sort(
      (a, b) =>
        (a.strength === b.strength ? 0 : a.strength === 'must' ? -1 : 1) ||
        ACTION_RANK[a.status]! - ACTION_RANK[b.status]! ||
        order.get(a.id)! - order.get(b.id)!,
    );
  return {
    doc,
    name: doc.organisation ?? doc.path,
    chapters,
    recent: applicable.filter((r) => r.change === 'new-2026' || r.change === 'strengthened-2026'),
    byChapter: keys.map(([key, name]) => ({ key, name, results: applicable.filter((r) => r.chapter === key) })).filter((c) => c.results.length > 0),
    notApplicable: doc.results.filter((r) => r.status === 'not-applicable'),
    actions,
  };
}

export function buildReview(report: AuditReport): Review {
  return { report, requirements: new Map(report.requirements.map((r) => [r.id, r])), documents: report.documents.map(documentReview) };
}

export interface ReviewOptions {
  /** the review's title (default: "Safeguarding policy review: <organisation>") */
  title?: string;
}

export function defaultTitle(review: Review): string {
  return `Safeguarding policy review: ${organisationsOf(review)}`;
}

/** The organisations the review covers, for its title and running header. */
export function organisationsOf(review: Review): string {
  const names = [...new Set(review.documents.map((d) => d.doc.organisation).filter((o): o is string => o !== undefined && o.trim() !== ''))];
  if (names.length === 0) return review.documents.length === 1 ? review.documents[0]!.doc.path : `${review.documents.length} policies`;
  return names.length <= 2 ? names.join(' and ') : `${names.length} organisations`;
}

export const PROFILE_SOURCE_TEXT: Record<DocumentResult['profileSource'], string> = {
  cli: 'given on the command line (--profile)',
  'front-matter': 'from the policy’s front matter (type:)',
  yaml: 'from the policy file’s header (type:)',
  default: 'assumed: the policy gives no type, so the voluntary and community (vcse) requirements were applied',
  manifest: 'from the pack’s manifest (wt-audit-pack.yaml, profile:)',
};

/** Is the citation as precise as a paragraph, or only a chapter? */
export function precisionOf(info: RequirementInfo | undefined): string {
  if (info?.local) return `a local requirement of the partnership (${info.local.file}), cited as the partnership gives it`;
  const p = info?.referenceDetail.paragraph;
  return p === null || p === undefined || p === ''
    ? 'chapter-level pinpoint: the 2026 paragraph number is not yet verified'
    : `paragraph-level pinpoint (para ${p})`;
}

/** How the run changed the catalogue (local requirements, switch-offs), in words; undefined when it did not. */
export function catalogueChanges(c: AuditReport['catalogue']): string | undefined {
  const parts = [
    ...(c.local ? [`local requirements added from ${c.local.join(', ')}`] : []),
    ...(c.switchedOff ?? []).map((s) => `${s.id} switched off by ${s.source}: ${s.reason}`),
  ];
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** Only web addresses become links: a catalogue from elsewhere (--catalogue) cannot smuggle in another scheme. */
export function safeUrl(url: string | undefined): string | undefined {
  return url !== undefined && /^https?:\/\/[^\s]+$/i.test(url) ? url : undefined;
}

/** Where missing text belongs, in words, or undefined when the result has no anchor. */
export function whereText(r: RequirementResult): string | undefined {
  if (!r.anchor) return undefined;
  // in a pack, the document the text belongs in
  const inDoc = r.anchor.document !== undefined ? ` of ${r.anchor.document}` : '';
  if (r.anchor.kind === 'heading') return `under the heading “${r.anchor.heading ?? ''}” (${r.anchor.where ?? `line ${r.anchor.line}`}${inDoc})`;
  return r.status === 'gap' ? `at the start of the policy (line 1${inDoc}): it has no section for this yet` : `at the start of the policy (line 1${inDoc})`;
}

/** The finding's own note, unless it only repeats the status. */
export function noteOf(r: RequirementResult): string | undefined {
  return r.status === 'met' || r.message === '' || r.message === 'not found in the policy' ? undefined : r.message;
}

export const METHOD_AND_LIMITS: string[] = [
  'Each requirement of the catalogue is checked against the text of the policy. A requirement is met when the policy states what it asks, including its specifics (a timescale, a named role, a contact); partial when the topic is there but a specific is missing or wrong, or it is only named in a glossary, a list of links, a table of contents or an empty heading; a gap when nothing in the policy addresses it (statements that deny it, such as “this policy does not cover …”, do not count); outdated when the policy relies on superseded terms, an older edition of the guidance or a past review date; needs review when the evidence rests on an unfilled placeholder such as “[insert name]”; not applicable when the requirement does not apply to this kind of organisation.',
  'Evidence is quoted as found, with its line in the file. For a gap, the report names the section where the missing text belongs, or the start of the policy when there is no such section.',
  'The tool reads what the policy says, not what the organisation does: a policy that meets every requirement can still be poorly followed, and practice can be better than the document.',
  'References are to Working Together to Safeguard Children 2026. Where only the chapter is verified, the reference says so (chapter-level pinpoint); cite the paragraph only after checking it in the guidance itself.',
  'This review supports, and does not replace, professional judgement: a safeguarding lead, a lawyer or the governing body should read the findings, the quoted evidence and the policy itself before acting on them.',
];
