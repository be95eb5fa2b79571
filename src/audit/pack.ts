/**
 * A pack: one organisation's documents (its child protection policy, online safety policy, code
 * of conduct …) judged together as one result (--pack-by dir). Pure: it combines the documents'
 * results, already judged with the pack's one profile, and reads nothing.
 *
 * A requirement is met when any document meets it with evidence. Otherwise the pack takes the
 * best finding among its documents, in this order (nearest to met first):
 *
 *   needs-review  everything is there, but a specific rests on a placeholder a person must fill
 *                 (the verdict one document holding both texts would get, too);
 *   partial       a current statement that lacks a specific, or holds a wrong one;
 *   outdated      what is written is superseded or stale, so it must be rewritten, not extended;
 *   gap           no document addresses it.
 *
 * Three rules keep a pack from being called met when it is not (a false "met" is the worst bug):
 * - a "met" with no evidence quoted is met by absence (no superseded term was found, say): it says
 *   nothing for the other documents, so another document's finding stands;
 * - for a requirement that judges how current a document is (its topic only review dates, editions
 *   cited or superseded terms: `currency`), one document out of date makes the pack outdated, as a
 *   current date or edition in one document does not bring another up to date;
 * - when one document meets a timescale and another states a different figure for it (its result
 *   carries `conflict`), the documents contradict each other: the pack is partial, never met.
 * Not applicable is the same in every document (one profile for the pack); waivers are applied to
 * the pack's result afterwards, so documents are never waived here.
 */
import { createHash } from 'node:crypto';
import type { CompiledCatalogue, CompiledCheck } from '../catalogue/compiled.js';
import type { Profile } from '../catalogue/types.js';
import type { EvidenceItem } from '../match/outcome.js';
import type { DeclaredType } from '../document/declared-type.js';
import { DEFAULT_PROFILE, parseProfile } from './profile.js';
import { emptyCounts, scoreOf, type Anchor, type DocumentResult, type PackInfo, type ProfileSource, type RequirementResult, type Status } from './result.js';

/** What the manifest (wt-audit-pack.yaml) says, once validated. */
export interface PackManifest {
  /** the manifest file, as reports show paths */
  path: string;
  organisation?: string;
  profile?: Profile;
  /** YYYY-MM-DD */
  submitted?: string;
  /** paths relative to the pack folder: when given, exactly these files form the pack */
  documents?: string[];
}

/** A pack to audit: its folder and its files (as reports show paths, sorted), and its manifest. */
export interface PackSpec {
  path: string;
  files: string[];
  manifest?: PackManifest;
  /** the type its first document declares, read before the audit (declaredPackProfile) */
  declared?: { profile: Profile; source: ProfileSource };
}

/**
 * The profile the first of a pack's files (in path order) declares, read from their heads before
 * the audit, so that each is judged once with it; undefined when a file's head cannot settle it
 * (the pack stage then judges again any document judged with another profile).
 */
export function declaredPackProfile(files: string[], typeOf: (path: string) => DeclaredType): { profile: Profile; source: ProfileSource } | undefined {
  for (const f of files) {
    const t = typeOf(f);
    if (t === 'unknown') return undefined;
    // a type that is not understood counts as none, as for a document on its own
    const p = t.type !== undefined ? parseProfile(t.type) : undefined;
    if (p) return { profile: p, source: 'front-matter' };
  }
  return undefined; // nothing declared: every document is judged with the default already
}

/**
 * The requirements that judge how current a document is: every check of their topic is a review
 * date, an edition cited or superseded terms. Each document of a pack must be current for them.
 */
export function currencyRequirements(catalogue: CompiledCatalogue): Set<string> {
  const currencyCheck = (t: CompiledCheck) => t.type === 'date' || t.type === 'edition' || t.type === 'terms';
  return new Set(catalogue.requirements.filter((c) => c.topic.length > 0 && c.topic.every(currencyCheck)).map((c) => c.info.id));
}

/** Rank of a finding among a pack's documents: higher is nearer to met. */
const FINDING_RANK: Partial<Record<Status, number>> = { 'needs-review': 4, partial: 3, outdated: 2, gap: 1 };

/** Does the title or the file name read as the organisation's main safeguarding policy? */
function readsAsMain(doc: Pick<DocumentResult, 'path' | 'title'>): boolean {
  const main = /child[\s_-]*protection|safeguarding/i;
  const name = doc.path.slice(doc.path.lastIndexOf('/') + 1);
  return main.test(doc.title ?? '') || main.test(name);
}

/** The pack's main document: the child protection or safeguarding policy, else the first by path. */
export function mainDocument<T extends Pick<DocumentResult, 'path' | 'title'>>(docs: T[]): T {
  return docs.find(readsAsMain) ?? docs[0]!;
}

/**
 * The profile every document of a pack is judged with: the manifest's, else --profile, else the
 * first type a document declares (in path order), else the default.
 */
export function packProfile(
  manifest: Profile | undefined,
  run: Profile | undefined,
  docs: Array<Pick<DocumentResult, 'profile' | 'profileSource'>>,
  beforehand?: { profile: Profile; source: ProfileSource },
): { profile: Profile; source: ProfileSource } {
  if (manifest) return { profile: manifest, source: 'manifest' };
  if (run) return { profile: run, source: 'cli' };
  if (beforehand) return beforehand;
  const declared = docs.find((d) => d.profileSource === 'front-matter' || d.profileSource === 'yaml');
  return declared ? { profile: declared.profile, source: declared.profileSource } : { profile: DEFAULT_PROFILE, source: 'default' };
}

/** sha256 over the members' paths and hashes, in path order: the pack's identity as submitted. */
export function packSha256(docs: Array<Pick<DocumentResult, 'path' | 'sha256'>>): string {
  const h = createHash('sha256');
  for (const d of docs) h.update(`${d.path}\0${d.sha256}\n`);
  return h.digest('hex');
}

function fromDocument(e: EvidenceItem, path: string): EvidenceItem {
  return { ...e, document: path };
}

function anchorIn(a: Anchor | undefined, path: string): Anchor | undefined {
  return a ? { ...a, document: path } : undefined;
}

function placeText(x: { line: number; where?: string | undefined }): string {
  return x.where ?? `line ${x.line}`;
}

interface Judged {
  doc: DocumentResult;
  r: RequirementResult;
}

/** One requirement across the pack's documents (same profile, same catalogue order). */
function combineRequirement(judged: Judged[], main: DocumentResult, currency: boolean): RequirementResult {
  const base = judged.find((j) => j.doc === main)!.r;
  const info = {
    id: base.id,
    title: base.title,
    chapter: base.chapter,
    strength: base.strength,
    severity: base.severity,
    change: base.change,
    reference: base.reference,
  };
  if (judged.every((j) => j.r.status === 'not-applicable')) return { ...info, status: 'not-applicable', evidence: [], message: base.message };
  const met = judged.find((j) => j.r.status === 'met' && j.r.evidence.length > 0);
  const stale = currency ? (judged.find((j) => j.doc === main && j.r.status === 'outdated') ?? judged.find((j) => j.r.status === 'outdated')) : undefined;
  if (met && stale) {
    return {
      ...info,
      status: 'outdated',
      evidence: stale.r.evidence.map((e) => fromDocument(e, stale.doc.path)),
      ...(stale.r.anchor ? { anchor: anchorIn(stale.r.anchor, stale.doc.path) } : {}),
      message: `${stale.doc.path}: ${stale.r.message} (${met.doc.path} is current, but every document must be)`,
    };
  }
  if (met) {
    const evidence = met.r.evidence.map((e) => fromDocument(e, met.doc.path));
    const against = judged.find((j) => j !== met && j.r.conflict);
    if (!against) return { ...info, status: 'met', evidence, message: `${met.r.message} (${met.doc.path})` };
    // a timescale one document meets and another states differently: the reader cannot tell which applies
    const c = against.r.conflict!;
    const right = met.r.evidence.find((e) => e.figure);
    const wrongEvidence = against.r.evidence.filter((e) => e.line === c.line).map((e) => fromDocument(e, against.doc.path));
    return {
      ...info,
      status: 'partial',
      evidence: [...evidence, ...wrongEvidence],
      anchor: anchorIn(against.r.anchor, against.doc.path),
      message:
        `the pack's documents contradict each other: ${met.doc.path} states ${right?.figure ?? 'the expected figure'} ` +
        `(${placeText(right ?? met.r.evidence[0]!)}), ${against.doc.path} states ${c.stated} (${placeText(c)}); ${c.expected} is expected`,
      conflict: c,
    };
  }
  let best: Judged | undefined;
  for (const j of judged) {
    const rank = FINDING_RANK[j.r.status];
    if (rank === undefined) continue;
    const bestRank = best ? FINDING_RANK[best.r.status]! : 0;
    // on a tie the main document, then the first by path
    if (rank > bestRank || (rank === bestRank && j.doc === main)) best = j;
  }
  if (!best) {
    // met by absence in every document (nothing wrong found anywhere)
    const first = judged.find((j) => j.r.status === 'met') ?? judged[0]!;
    return { ...info, status: first.r.status, evidence: [], message: first.r.message };
  }
  const r = best.r;
  // a gap belongs in the main document (where it has an anchor of its own); anything else where it came closest
  const inMain = judged.find((j) => j.doc === main)!;
  const where = r.status === 'gap' && inMain.r.anchor ? inMain : best;
  const anchor = anchorIn(where.r.anchor, where.doc.path);
  const others = judged.length > 1 ? ` (closest in ${best.doc.path}, of the pack's ${judged.length} documents)` : '';
  return {
    ...info,
    status: r.status,
    evidence: r.evidence.map((e) => fromDocument(e, best.doc.path)),
    ...(anchor ? { anchor } : {}),
    message: `${r.message}${r.status === 'gap' ? ' (in none of the pack’s documents)' : others}`,
    ...(r.conflict ? { conflict: r.conflict } : {}),
  };
}

/**
 * The pack's result from its documents' results (at least one), all judged with `profile`.
 * Documents are taken in path order; the result's path is the pack's folder.
 */
export function combinePack(
  pack: Pick<PackSpec, 'path' | 'manifest'>,
  documents: DocumentResult[],
  profile: { profile: Profile; source: ProfileSource },
  currency: ReadonlySet<string> = new Set(),
): DocumentResult {
  if (documents.length === 0) throw new Error(`combinePack: pack ${pack.path} has no documents`);
  const docs = [...documents].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const main = mainDocument(docs);
  const counts = emptyCounts();
  const results = main.results.map((r, i) => {
    const judged = docs.map((doc) => {
      const own = doc.results[i];
      if (!own || own.id !== r.id) throw new Error(`combinePack: ${doc.path} was judged against another catalogue`);
      return { doc, r: own };
    });
    const combined = combineRequirement(judged, main, currency.has(r.id));
    counts[combined.status]++;
    return combined;
  });
  const info: PackInfo = {
    ...(pack.manifest ? { manifest: pack.manifest.path } : {}),
    ...(pack.manifest?.submitted ? { submitted: pack.manifest.submitted } : {}),
    documents: docs.map((d) => ({ path: d.path, format: d.format, sha256: d.sha256, ...(d.title ? { title: d.title } : {}) })),
  };
  const organisation = pack.manifest?.organisation ?? main.organisation ?? docs.find((d) => d.organisation)?.organisation;
  return {
    path: pack.path,
    format: 'pack',
    sha256: packSha256(docs),
    organisation,
    title: undefined,
    profile: profile.profile,
    profileSource: profile.source,
    score: scoreOf(counts, results.length),
    counts,
    results,
    pack: info,
  };
}
