/**
 * The audit: (compiled catalogue, document, profile, as-of date) → DocumentResult. Pure: it reads
 * nothing and prints nothing.
 */
import type { CompiledCatalogue, CompiledRequirement } from '../catalogue/compiled.js';
import type { Profile } from '../catalogue/types.js';
import type { PolicyDocument } from '../document/model.js';
import { DocIndex } from '../match/doc-index.js';
import type { MatchContext } from '../match/outcome.js';
import { evaluateRequirement } from './evaluate-requirement.js';
import { formatReference } from './reference.js';
import { applies } from './profile.js';
import { emptyCounts, type Anchor, type DocumentResult, type ProfileSource, type RequirementResult } from './result.js';

export interface AuditOptions {
  profile: Profile;
  profileSource: ProfileSource;
  asOf: string;
}

export function chapterOf(id: string): string {
  return id.split('-')[1] ?? 'GEN';
}

/** Where missing content belongs: the first body heading naming the topic's home, else line 1. */
function anchorFor(c: CompiledRequirement, index: DocIndex): Anchor {
  for (const h of index.hits(c.belongsUnder)) {
    const block = index.block(h.block);
    if (block.kind === 'heading' && block.context === 'body') {
      return { kind: 'heading', line: block.line, heading: index.doc.sections[block.section]?.heading ?? block.text };
    }
  }
  return { kind: 'document-start', line: 1, heading: null };
}

export function auditDocument(catalogue: CompiledCatalogue, doc: PolicyDocument, opts: AuditOptions): DocumentResult {
  const index = new DocIndex(doc, catalogue.phrases);
  const results: RequirementResult[] = [];
  const counts = emptyCounts();
  for (const c of catalogue.requirements) {
    const req = c.req;
    const base = {
      id: req.id,
      title: req.title,
      chapter: chapterOf(req.id),
      strength: req.strength,
      severity: req.strength === 'must' ? ('error' as const) : ('warning' as const),
      change: req.change,
      reference: formatReference(req.reference),
      referenceDetail: req.reference,
      remediation: req.remediation,
      ...(req.model_wording ? { modelWording: req.model_wording } : {}),
    };
    let result: RequirementResult;
    if (!applies(req, opts.profile)) {
      result = { ...base, status: 'not-applicable', evidence: [], message: `does not apply to the ${opts.profile} profile (applies to: ${req.applies_to.join(', ')})` };
    } else {
      const ctx: MatchContext = { index, asOf: opts.asOf, glossaryCounts: req.evidence.glossary_counts ?? false };
      const v = evaluateRequirement(c, opts.profile, ctx);
      result = { ...base, status: v.status, evidence: v.evidence, message: v.message };
      if (v.status !== 'met') result.anchor = anchorFor(c, index);
    }
    counts[result.status]++;
    results.push(result);
  }
  const applicable = results.filter((r) => r.status !== 'not-applicable' && r.status !== 'waived').length;
  const score = applicable === 0 ? 100 : Math.round((100 * (counts.met + counts.partial / 2)) / applicable);
  return { path: doc.path, format: doc.format, sha256: doc.sha256, profile: opts.profile, profileSource: opts.profileSource, score, counts, results };
}
