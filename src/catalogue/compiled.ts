/**
 * The catalogue in the form the engine runs: every phrase of every requirement in one PhraseSet
 * (compiled once per run), and each check reduced to phrase ids.
 */
import type { PhraseSet } from '../match/phrases.js';
import type { Instrument } from '../match/editions.js';
import type { Change, DateRole, FieldKind, Profile, Reference, Requirement, Scope, Severity, Strength, TimeUnit } from './types.js';

interface CheckBase {
  label: string;
  profiles?: Profile[];
}

export type CompiledCheck = CheckBase &
  (
    | { type: 'near'; groups: number[][]; within: Scope; except?: number[]; unless?: number[]; others?: number[] }
    | { type: 'about'; any: number[] }
    | { type: 'one-holder'; roles: number[] }
    | { type: 'timescale'; concept: number[]; also: number[]; value: number; unit: TimeUnit; shorterOk: boolean; longerContradicts?: boolean }
    | { type: 'heading'; any: number[]; minWords: number }
    | { type: 'field'; path: string; kind: FieldKind }
    | { type: 'date'; role: DateRole; maxAgeMonths?: number; notPast: boolean }
    | { type: 'terms'; terms: Array<{ ids: number[]; replacement: string; name: string }>; except?: number[] }
    | { type: 'edition'; names: number[]; instrument: Instrument; noYear: 'ok' | 'weak' | 'none' }
  );

/** What the catalogue says of a requirement: the same in every document, so in the report once. */
export interface RequirementInfo {
  id: string;
  title: string;
  /** grouping key: "GEN", "C1" … "C6" */
  chapter: string;
  strength: Strength;
  severity: Severity;
  change: Change;
  /** one-line citation, e.g. "Working Together to Safeguard Children 2026, chapter 4 (chapter-level pinpoint)" */
  reference: string;
  referenceDetail: Reference;
  /** what to write when it is missing or weak */
  remediation: string;
  modelWording?: string;
  /** a partnership's own requirement (local-requirements), with the file it is written in as the run names it */
  local?: { file: string };
}

/** A requirement the configuration switches off: not evaluated; every document's result says why. */
export interface SwitchedOff {
  id: string;
  reason: string;
  /** where it is switched off, file:line */
  source: string;
}

export interface CompiledRequirement {
  req: Requirement;
  /** source file, relative to the catalogue root */
  file: string;
  topic: CompiledCheck[];
  specifics: CompiledCheck[];
  outdated: CompiledCheck[];
  partly: CompiledCheck[];
  /** what reports say of it, the same in every document */
  info: RequirementInfo;
  /** its belongs_under headings as normalised words (`word*` kept as a stem), for anchoring a gap */
  belongsUnder: string[][];
  /** set when the configuration switches it off */
  switchedOff?: SwitchedOff;
}

export interface CatalogueError {
  path: string;
  line?: number;
  column?: number;
  message: string;
}

export interface CompiledCatalogue {
  id: string;
  edition: string;
  /** sha256 over every requirement file's name and bytes, in name order (and the local additions: local.ts) */
  sha256: string;
  phrases: PhraseSet;
  /** built-in requirements in id order, then local ones in id order */
  requirements: CompiledRequirement[];
  errors: CatalogueError[];
  /**
   * The local requirements' phrases, apart from the built-in ones: a phrase match inside a longer
   * one takes its negation from where the longer one starts (doc-index.ts), so a partnership's
   * phrase sharing the trie could change how a built-in requirement reads a sentence.
   */
  localPhrases?: PhraseSet;
  /** local requirement folders added to it, as the run names them */
  local?: string[];
  /** requirements switched off, in the order the configuration gives them */
  switchedOff?: SwitchedOff[];
}
