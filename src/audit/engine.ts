/**
 * The audit: (compiled catalogue, document, profile, as-of date) → DocumentResult. Pure: it reads
 * nothing and prints nothing.
 */
import type { CompiledCatalogue, CompiledRequirement } from '../catalogue/compiled.js';
import type { Profile } from '../catalogue/types.js';
import type { PolicyDocument } from '../document/model.js';
import { DocIndex } from '../match/doc-index.js';
import { normaliseWord } from '../match/text.js';
import type { EvidenceItem, MatchContext } from '../match/outcome.js';
import { evaluateRequirement } from './evaluate-requirement.js';
import { formatReference } from './reference.js';
import { applies } from './profile.js';
import { emptyCounts, scoreOf, type Anchor, type DocumentResult, type ProfileSource, type RequirementInfo, type RequirementResult, type Status } from './result.js';

export interface AuditOptions {
  profile: Profile;
  profileSource: ProfileSource;
  asOf: string;
}

export function chapterOf(id: string): string {
  return id.split('-')[1] ?? 'GEN';
}

/** The catalogue's side of a requirement's result, and its belongs_under headings as words. */
interface Fixed {
  info: RequirementInfo;
  belongsUnder: string[][];
}

/** Worked out once per compiled requirement, not once per document. */
const fixedParts = new WeakMap<CompiledRequirement, Fixed>();

export function requirementInfo(c: CompiledRequirement): RequirementInfo {
  return fixedOf(c).info;
}

function fixedOf(c: CompiledRequirement): Fixed {
  let f = fixedParts.get(c);
  if (f) return f;
  const req = c.req;
  const info: RequirementInfo = {
    id: req.id,
    title: req.title,
    chapter: chapterOf(req.id),
    strength: req.strength,
    severity: req.strength === 'must' ? 'error' : 'warning',
    change: req.change,
    reference: formatReference(req.reference),
    referenceDetail: req.reference,
    remediation: req.remediation,
    ...(req.model_wording ? { modelWording: req.model_wording } : {}),
  };
  const belongsUnder = (req.belongs_under ?? []).map((p) => p.toLowerCase().split(/[\s-]+/).map(normaliseWord).filter((w) => w !== ''));
  f = { info, belongsUnder };
  fixedParts.set(c, f);
  return f;
}

/** Does a heading hold every word of a phrase, in any order and with other words between? */
function headingHolds(headingWords: Set<string>, words: string[]): boolean {
  return words.every((w) => (w.endsWith('*') ? [...headingWords].some((h) => h.startsWith(w.slice(0, -1))) : headingWords.has(w)));
}

/** A body heading of the document and its words, for anchoring. */
interface HeadingWords {
  line: number;
  heading: string;
  trail: string[];
  words: Set<string>;
}

function bodyHeadings(index: DocIndex): HeadingWords[] {
  const { doc } = index;
  const out: HeadingWords[] = [];
  for (let i = 0; i < doc.blocks.length; i++) {
    const block = doc.blocks[i]!;
    if (block.kind !== 'heading' || block.context !== 'body') continue;
    const section = doc.sections[block.section];
    out.push({ line: block.line, heading: section?.heading ?? block.text, trail: section?.trail ?? [block.text], words: new Set(index.texts[i]!.tokens.map((t) => t.w)) });
  }
  return out;
}

/**
 * Where missing content belongs: for a partial or outdated finding, the section that holds its
 * evidence; otherwise the first body heading that names the topic's home; else line 1.
 */
function anchorFor(phrases: string[][], index: DocIndex, headings: () => HeadingWords[], evidenceLine?: number): Anchor {
  if (evidenceLine !== undefined) {
    let home: Anchor | undefined;
    for (const s of index.doc.sections) {
      if (s.line > evidenceLine) break;
      if (s.heading !== null) home = { kind: 'heading', line: s.line, heading: s.heading, trail: s.trail };
    }
    if (home) return home;
  }
  if (phrases.length > 0) {
    for (const h of headings()) {
      if (phrases.some((p) => headingHolds(h.words, p))) return { kind: 'heading', line: h.line, heading: h.heading, trail: h.trail };
    }
  }
  return { kind: 'document-start', line: 1, heading: null, trail: [] };
}

export function auditDocument(catalogue: CompiledCatalogue, doc: PolicyDocument, opts: AuditOptions): DocumentResult {
  const index = new DocIndex(doc, catalogue.phrases);
  const results: RequirementResult[] = [];
  const counts = emptyCounts();
  // the body headings' words, worked out once for the document when a first anchor needs them
  let headings: HeadingWords[] | undefined;
  const headingsOnce = (): HeadingWords[] => (headings ??= bodyHeadings(index));
  for (const c of catalogue.requirements) {
    const { info, belongsUnder } = fixedOf(c);
    const req = c.req;
    let status: Status;
    let evidence: EvidenceItem[] = [];
    let message: string;
    let anchor: Anchor | undefined;
    if (!applies(req, opts.profile)) {
      status = 'not-applicable';
      message = `does not apply to the ${opts.profile} profile (applies to: ${req.applies_to.join(', ')})`;
    } else {
      const ctx: MatchContext = { index, asOf: opts.asOf, glossaryCounts: req.evidence.glossary_counts ?? false };
      const v = evaluateRequirement(c, opts.profile, ctx);
      ({ status, evidence, message } = v);
      if (status !== 'met') anchor = anchorFor(belongsUnder, index, headingsOnce, status === 'gap' ? undefined : evidence[0]?.line);
    }
    // one object shape for every result; JSON.stringify leaves out an undefined anchor
    results.push({
      id: info.id,
      title: info.title,
      chapter: info.chapter,
      strength: info.strength,
      severity: info.severity,
      change: info.change,
      reference: info.reference,
      status,
      evidence,
      anchor,
      message,
    });
    counts[status]++;
  }
  const score = scoreOf(counts, results.length);
  return { path: doc.path, format: doc.format, sha256: doc.sha256, profile: opts.profile, profileSource: opts.profileSource, score, counts, results };
}
