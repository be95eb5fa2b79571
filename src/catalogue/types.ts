/**
 * A requirement as written in checks/<edition>/*.yaml (validated by
 * checks/schema/requirement.schema.json). Behaviour lives in src/match; this is declarative data.
 */
import type { DateRole } from '../match/date.js';
import type { FieldKind } from '../match/field.js';
import type { Scope } from '../match/near.js';
import type { TimeUnit } from '../match/timescale.js';

// the matchers own the words their options are made of; the catalogue's data uses them
export type { DateRole, FieldKind, Scope, TimeUnit };

export const PROFILES = ['school', 'sports', 'vcse', 'health', 'police', 'local-authority', 'residential', 'fostering', 'partnership'] as const;
export type Profile = (typeof PROFILES)[number];

export type Strength = 'must' | 'should';
export type Severity = 'error' | 'warning';
export type Change = 'new-2026' | 'strengthened-2026' | 'new-2023' | 'strengthened-2023' | 'unchanged';

export interface Reference {
  instrument: string;
  edition: string;
  /** "intro", "1" … "6", "appendix-a"; several as "2, 5". */
  chapter: string;
  section?: string | null;
  /** 2026 paragraph, only when verified from the primary source. */
  paragraph?: number | string | null;
  url: string;
  /** Verified 2023 pinpoint, e.g. "para 153" or "ch. 4 para 223". */
  wt2023?: string | null;
  /** Other instruments cited for a detail (e.g. KCSIE part 4 for the LADO timescale). */
  also?: string[];
}

/** A phrase is words separated by spaces; `word*` is a stem; `<number>`, `<email>`, `<phone>`,
 * `<placeholder>`, `<person>`, `<year>` are token classes; `_` is any one word. */
export type Phrase = string;

export interface MentionsSpec {
  any: Phrase[];
}

export interface NearSpec {
  /** Every group must match (one phrase of each) within the scope. */
  all: Phrase[][];
  within: Scope;
  /** Other bodies: a hit of the last group whose nearest name before it is one of these belongs to them. */
  others?: Phrase[];
}

export interface TimescaleSpec {
  /** What the number is about; must be in the same sentence as the number. */
  concept: Phrase[];
  value: number;
  unit: TimeUnit;
  /** Phrases that satisfy the timescale without a number ("immediately", "same day"). */
  also?: Phrase[];
  /** A stated figure shorter than `value` also meets the duty (default: only the exact figure). */
  shorter_ok?: boolean;
  /** A longer figure for the same concept elsewhere contradicts the right one → wrong (partial). */
  longer_contradicts?: boolean;
}

export interface HeadingSpec {
  any: Phrase[];
  /** Minimum words of body text under the heading for it to count (default 8). */
  min_words?: number;
}

export interface FieldSpec {
  /** Path into PolicyMeta: "organisation", "approved", "leads[].name", "leads[].contact". */
  path: string;
  kind?: FieldKind;
}

export interface DateSpec {
  role: DateRole;
  /** last-review: stale when older than this many months before --as-of. */
  max_age_months?: number;
  /** next-review: stale when before --as-of. */
  not_past?: boolean;
}

export interface SupersededTerm {
  any: Phrase[];
  /** What replaced it, shown in the finding. */
  replacement: string;
}

export interface EditionSpec {
  /** Which instrument of checks/editions.yaml ("working-together", "kcsie"): its editions and in-force dates. */
  instrument: string;
  /** Names of the instrument ("working together to safeguard children", "kcsie"). */
  names: Phrase[];
  /** A name with no edition year: `met` (the guidance followed, whichever edition), `partial` or `gap` (default met). */
  no_year?: 'met' | 'partial' | 'gap';
}

export interface OutdatedSpec {
  terms?: SupersededTerm[];
  edition?: EditionSpec;
}

/** One check: exactly one matcher key, plus optional label and profile filter. */
export interface CheckSpec {
  /** Short words naming what this check looks for; shown when it is missing. */
  label?: string;
  /** Only required for these profiles (a specific that applies to schools only, say). */
  profiles?: Profile[];
  /** mentions, near and outdated terms: a phrase found inside one of these does not count ("in extremis" is not extremism). */
  except?: Phrase[];
  /** mentions and near: a hit in a sentence that also says one of these does not count. */
  unless?: Phrase[];
  mentions?: MentionsSpec | Phrase[];
  /** A heading with text under it, or the lead sentence of a paragraph, names the topic. */
  about?: { any: Phrase[] };
  /** Each of these roles is given to one person only (two different names for one role → wrong). */
  one_holder?: { roles: Phrase[] };
  near?: NearSpec;
  timescale?: TimescaleSpec;
  heading?: HeadingSpec;
  field?: FieldSpec;
  date?: DateSpec;
  outdated?: OutdatedSpec;
}

export interface EvidenceSpec {
  /** Any one of these shows the topic is addressed; none → gap. */
  topic: CheckSpec[];
  /** What turns a mention into met; missing → partial. */
  specifics?: CheckSpec[];
  /** How many specifics must hold (default: all that apply to the profile). */
  need?: number;
  /** Old wording that stands in for the topic: when the topic is missing and one of these is found → outdated. */
  outdated?: CheckSpec[];
  /** The topic addressed without what the topic checks need: topic not found, one of these found → partial. */
  partly?: CheckSpec[];
  /** Glossary-only mentions count (for definitional requirements). */
  glossary_counts?: boolean;
}

export interface Examples {
  met: string[];
  partial?: string[];
  gap: string[];
  outdated?: string[];
}

export interface Requirement {
  id: string;
  title: string;
  requirement: string;
  reference: Reference;
  strength: Strength;
  applies_to: Array<Profile | 'all'>;
  change: Change;
  evidence: EvidenceSpec;
  /** Headings under which the missing content belongs (where a gap is anchored). */
  belongs_under?: Phrase[];
  remediation: string;
  model_wording?: string;
  examples: Examples;
  /** Example documents are audited as this profile (default: the first of applies_to, or vcse). */
  example_profile?: Profile;
}
