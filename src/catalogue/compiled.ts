/**
 * The catalogue in the form the engine runs: every phrase of every requirement in one PhraseSet
 * (compiled once per run), and each check reduced to phrase ids.
 */
import type { PhraseSet } from '../match/phrases.js';
import type { Instrument } from './editions.js';
import type { DateRole, FieldKind, Profile, Requirement, Scope, TimeUnit } from './types.js';

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

export interface CompiledRequirement {
  req: Requirement;
  /** source file, relative to the catalogue root */
  file: string;
  topic: CompiledCheck[];
  specifics: CompiledCheck[];
  outdated: CompiledCheck[];
  partly: CompiledCheck[];
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
  /** sha256 over every requirement file's name and bytes, in name order */
  sha256: string;
  phrases: PhraseSet;
  requirements: CompiledRequirement[];
  errors: CatalogueError[];
}
