/**
 * The audit: (compiled catalogue, document, profile, as-of date) → DocumentResult. Pure: it reads
 * nothing and prints nothing.
 */
import type { CompiledCatalogue } from '../catalogue/compiled.js';
import type { Profile } from '../catalogue/types.js';
import type { PolicyDocument } from '../document/model.js';
import { placeOf } from '../document/place.js';
import { DocIndex } from '../match/doc-index.js';
import type { EvidenceItem, FigureConflict, MatchContext } from '../match/outcome.js';
import { AnchorFinder } from './anchors.js';
import { evaluateRequirement } from './evaluate-requirement.js';
import { applies } from './profile.js';
import { emptyCounts, scoreOf, type Anchor, type DocumentResult, type ProfileSource, type RequirementResult, type Status } from './result.js';

export interface AuditOptions {
  profile: Profile;
  profileSource: ProfileSource;
  asOf: string;
}

/** Evidence from a Word or PDF document, with its page or paragraph and its heading trail. */
function placedEvidence(doc: PolicyDocument, e: EvidenceItem): EvidenceItem {
  const block = blockAtLine(doc, e.line);
  const trail = block ? doc.sections[block.section]?.trail : undefined;
  return { ...e, ...placeOf(doc, e.line), ...(trail && trail.length > 0 ? { section: trail.join(' › ') } : {}) };
}

/** The block a line falls in (blocks of Word and PDF documents come in line order). */
function blockAtLine(doc: PolicyDocument, line: number): PolicyDocument['blocks'][number] | undefined {
  let lo = 0;
  let hi = doc.blocks.length - 1;
  let found: PolicyDocument['blocks'][number] | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = doc.blocks[mid]!;
    if (b.line <= line) {
      found = b;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The place in words of a line of a Word or PDF document ("p. 3, line 12"), when it has one. */
function whereOf(doc: PolicyDocument, line: number): { where?: string } {
  const w = placeOf(doc, line).where;
  return w ? { where: w } : {};
}

export function auditDocument(catalogue: CompiledCatalogue, doc: PolicyDocument, opts: AuditOptions): DocumentResult {
  const index = new DocIndex(doc, catalogue.phrases);
  // local requirements read the document through their own phrases (compiled.ts: localPhrases)
  let localIndex: DocIndex | undefined;
  const indexOf = (local: boolean): DocIndex => (local && catalogue.localPhrases ? (localIndex ??= new DocIndex(doc, catalogue.localPhrases)) : index);
  const results: RequirementResult[] = [];
  const counts = emptyCounts();
  const anchors = new AnchorFinder(index);
  for (const c of catalogue.requirements) {
    const { info, belongsUnder } = c;
    const req = c.req;
    let status: Status;
    let evidence: EvidenceItem[] = [];
    let message: string;
    let anchor: Anchor | undefined;
    let conflict: FigureConflict | undefined;
    if (c.switchedOff) {
      // the reviewer's configuration turned it off: not judged, and every report says by whom and why
      status = 'not-applicable';
      message = `switched off by ${c.switchedOff.source}: ${c.switchedOff.reason}`;
    } else if (!applies(req, opts.profile)) {
      status = 'not-applicable';
      message = `does not apply to the ${opts.profile} profile (applies to: ${req.applies_to.join(', ')})`;
    } else {
      const ctx: MatchContext = { index: indexOf(info.local !== undefined), asOf: opts.asOf, glossaryCounts: req.evidence.glossary_counts ?? false };
      const v = evaluateRequirement(c, opts.profile, ctx);
      ({ status, evidence, message, conflict } = v);
      if (status !== 'met') anchor = anchors.anchorFor(belongsUnder, status === 'gap' ? undefined : evidence[0]?.line);
      if (doc.placing) {
        evidence = evidence.map((e) => placedEvidence(doc, e));
        if (anchor) anchor = { ...anchor, ...placeOf(doc, anchor.line) };
        if (conflict) conflict = { ...conflict, ...whereOf(doc, conflict.line) };
      }
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
      ...(conflict ? { conflict } : {}),
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
