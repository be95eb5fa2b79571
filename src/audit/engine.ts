/**
 * The audit: (compiled catalogue, document, profile, as-of date) → DocumentResult. Pure: it reads
 * nothing and prints nothing.
 */
import type { CompiledCatalogue } from '../catalogue/compiled.js';
import type { Profile } from '../catalogue/types.js';
import type { PolicyDocument } from '../document/model.js';
import { DocIndex } from '../match/doc-index.js';
import type { EvidenceItem, MatchContext } from '../match/outcome.js';
import { evaluateRequirement } from './evaluate-requirement.js';
import { applies } from './profile.js';
import { emptyCounts, scoreOf, type Anchor, type DocumentResult, type ProfileSource, type RequirementResult, type Status } from './result.js';

export interface AuditOptions {
  profile: Profile;
  profileSource: ProfileSource;
  asOf: string;
}

/** Does a heading hold every word of a phrase, in any order and with other words between? */
function headingHolds(headingWords: Set<string>, words: string[]): boolean {
  return words.every((w) => (w.endsWith('*') ? [...headingWords].some((h) => h.startsWith(w.slice(0, -1))) : headingWords.has(w)));
}

/**
 * Where missing content belongs: for a partial or outdated finding, the section that holds its
 * evidence; otherwise the first body heading that names the topic's home; else line 1.
 */
function anchorFor(phrases: string[][], index: DocIndex, evidenceLine?: number): Anchor {
  if (evidenceLine !== undefined) {
    let home: Anchor | undefined;
    for (const s of index.doc.sections) {
      if (s.line > evidenceLine) break;
      if (s.heading !== null) home = { kind: 'heading', line: s.line, heading: s.heading, trail: s.trail };
    }
    if (home) return home;
  }
  if (phrases.length > 0) {
    for (const h of index.bodyHeadings()) {
      if (phrases.some((p) => headingHolds(h.words, p))) return { kind: 'heading', line: h.line, heading: h.heading, trail: h.trail };
    }
  }
  return { kind: 'document-start', line: 1, heading: null, trail: [] };
}

export function auditDocument(catalogue: CompiledCatalogue, doc: PolicyDocument, opts: AuditOptions): DocumentResult {
  const index = new DocIndex(doc, catalogue.phrases);
  const results: RequirementResult[] = [];
  const counts = emptyCounts();
  for (const c of catalogue.requirements) {
    const { info, belongsUnder } = c;
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
      if (status !== 'met') anchor = anchorFor(belongsUnder, index, status === 'gap' ? undefined : evidence[0]?.line);
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
  return {
    path: doc.path,
    format: doc.format,
    sha256: doc.sha256,
    organisation: doc.meta.organisation,
    title: doc.meta.title,
    profile: opts.profile,
    profileSource: opts.profileSource,
    score,
    counts,
    results,
  };
}
