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
import { AnchorFinder } from './anchors.js';
import { evaluateRequirement } from './evaluate-requirement.js';
import { formatReference } from './reference.js';
import { applies } from './profile.js';
import { emptyCounts, type Anchor, type DocumentResult, type ProfileSource, type RequirementInfo, type RequirementResult, type Status } from './result.js';

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

export function auditDocument(catalogue: CompiledCatalogue, doc: PolicyDocument, opts: AuditOptions): DocumentResult {
  const index = new DocIndex(doc, catalogue.phrases);
  const results: RequirementResult[] = [];
  const counts = emptyCounts();
  const anchors = new AnchorFinder(index);
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
      if (status !== 'met') anchor = anchors.anchorFor(belongsUnder, status === 'gap' ? undefined : evidence[0]?.line);
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
  const applicable = results.length - counts['not-applicable'] - counts.waived;
  const score = applicable === 0 ? 100 : Math.round((100 * (counts.met + counts.partial / 2)) / applicable);
  return { path: doc.path, format: doc.format, sha256: doc.sha256, profile: opts.profile, profileSource: opts.profileSource, score, counts, results };
}
