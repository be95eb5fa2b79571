/** The result model every reporter reads. Reporters never re-evaluate; they only format this. */
import type { RequirementInfo, SwitchedOff } from '../catalogue/compiled.js';
import type { Profile } from '../catalogue/types.js';
import type { Place } from '../document/place.js';
import type { EvidenceItem, FigureConflict } from '../match/outcome.js';

export type { RequirementInfo };

export type Status = 'met' | 'partial' | 'gap' | 'outdated' | 'not-applicable' | 'waived' | 'needs-review';

/** Statuses that are findings: they count towards --fail-on. */
export const FINDING_STATUSES: ReadonlySet<Status> = new Set(['gap', 'partial', 'outdated']);

/** Statuses that ask someone to act: the findings and needs review (reported, waivable, kept in a baseline, in the action plan). */
export const ACTIONABLE_STATUSES: ReadonlySet<Status> = new Set(['gap', 'partial', 'outdated', 'needs-review']);

export type ProfileSource = 'cli' | 'front-matter' | 'yaml' | 'default' | 'manifest';

export interface Anchor extends Place {
  /** 'heading': the section where the missing content belongs; 'document-start': no such section */
  kind: 'heading' | 'document-start';
  line: number;
  heading: string | null;
  /** the headings from the top of the document down to the anchor's ([] at the document start): where it is, whatever its line */
  trail: string[];
  /** in a pack: the document the anchor is in */
  document?: string;
}

/**
 * One requirement judged in one document. It repeats the few catalogue fields a reader of a single
 * result needs (title, strength, citation); the long ones (remediation, model wording, the
 * reference's parts) are in the report's `requirements`, looked up by id.
 */
export interface RequirementResult extends Pick<RequirementInfo, 'id' | 'title' | 'chapter' | 'strength' | 'severity' | 'change' | 'reference'> {
  status: Status;
  evidence: EvidenceItem[];
  anchor?: Anchor;
  message: string;
  /** set when the status is `waived`: the reviewer's waiver that accepted the finding */
  waiver?: WaiverNote;
  /** the finding is in the run's baseline (--baseline): reported, but it does not fail the run */
  known?: true;
  /** a timescale stated with the wrong figure (one of the reasons it is not met) */
  conflict?: FigureConflict;
}

/** What a waived result says about its waiver. */
export interface WaiverNote {
  reason: string;
  approvedBy: string;
  /** last day it holds, YYYY-MM-DD */
  expires?: string;
  /** where the waiver is written, file:line */
  source: string;
}

export interface DocumentResult {
  path: string;
  format: string;
  sha256: string;
  /** the organisation and policy title the policy gives of itself (front matter or YAML header), when it does */
  organisation?: string | undefined;
  title?: string | undefined;
  profile: Profile;
  profileSource: ProfileSource;
  /** percentage of applicable requirements evidenced (met = 1, partial = ½) */
  score: number;
  counts: Record<Status, number>;
  results: RequirementResult[];
  /** a pack (--pack-by dir): one organisation's documents judged together; `path` is its folder */
  pack?: PackInfo;
}

/** What a pack's result says of the pack: its manifest and its documents, in path order. */
export interface PackInfo {
  /** the manifest's path (wt-audit-pack.yaml), when the pack has one */
  manifest?: string;
  /** the day the pack was submitted, from the manifest (YYYY-MM-DD) */
  submitted?: string;
  documents: Array<{ path: string; format: string; sha256: string; title?: string }>;
}

export interface InputErrorReport {
  path: string;
  line?: number;
  column?: number;
  message: string;
}

export interface AuditReport {
  schemaVersion: string;
  tool: { name: string; version: string };
  catalogue: {
    id: string;
    edition: string;
    sha256: string;
    requirements: number;
    /** local requirement folders added to the catalogue (local-requirements) */
    local?: string[];
    /** requirements the configuration switched off: their results are not applicable, saying why */
    switchedOff?: SwitchedOff[];
  };
  asOf: string;
  failOn: 'must' | 'should' | 'none';
  /** the baseline compared with (--baseline): how many known findings it holds */
  baseline?: { findings: number };
  /** the slice of the inputs this report covers (--shard i/n), for `wt-audit merge` */
  shard?: { index: number; count: number };
  /** every requirement of the catalogue, in catalogue order */
  requirements: RequirementInfo[];
  documents: DocumentResult[];
  errors: InputErrorReport[];
  /** problems that do not stop the audit (an unknown organisation type, say) */
  warnings: InputErrorReport[];
}

/**
 * 2.0.0: remediation, model wording and reference parts moved from each result to `requirements`.
 * 2.1.0: an anchor carries its heading trail; a waived result carries its waiver; a finding in
 * the baseline is marked known; a document carries the organisation and title the policy gives
 * of itself.
 * 2.2.0: formats html, docx and pdf; evidence and anchors of Word and PDF documents carry their
 * place as a reader finds it (paragraph, or page and line on the page) and evidence its heading trail.
 * 2.3.0: packs (--pack-by dir): a document of format 'pack' with `pack` (manifest, submitted date,
 * member documents), profile source 'manifest', evidence and anchors naming their `document`;
 * evidence gives the time `figure` it states and a result the timescale `conflict` that made it partial.
 */
export const REPORT_SCHEMA_VERSION = '2.3.0';

export function emptyCounts(): Record<Status, number> {
  return { met: 0, partial: 0, gap: 0, outdated: 0, 'not-applicable': 0, waived: 0, 'needs-review': 0 };
}

/** A document's score: met 1, partial ½, out of the applicable requirements (not applicable and waived left out). */
export function scoreOf(counts: Record<Status, number>, total: number): number {
  const applicable = total - counts['not-applicable'] - counts.waived;
  return applicable === 0 ? 100 : Math.round((100 * (counts.met + counts.partial / 2)) / applicable);
}
