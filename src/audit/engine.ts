/**
 * The audit: (compiled catalogue, document, profile, as-of date) → DocumentResult. Pure: it reads
 * nothing and prints nothing.
 */
import type { CompiledCatalogue, CompiledRequirement } from '../catalogue/compiled.js';
import type { Profile } from '../catalogue/types.js';
import type { PolicyDocument } from '../document/model.js';
import { DocIndex } from '../match/doc-index.js';
import { normaliseWord } from '../match/text.js';
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

/** Does a heading hold every word of a phrase, in any order and with other words between? */
function headingHolds(headingWords: Set<string>, words: string[]): boolean {
  return words.every((w) => (w.endsWith('*') ? [...headingWords].some((h) => h.startsWith(w.slice(0, -1))) : headingWords.has(w)));
}

/**
 * Where missing content belongs: for a partial or outdated finding, the section that holds its
 * evidence; otherwise the first body heading that names the topic's home; else line 1.
 */
function anchorFor(c: CompiledRequirement, index: DocIndex, evidenceLine?: number): Anchor {
  const { doc } = index;
  if (evidenceLine !== undefined) {
    let home: Anchor | undefined;
    for (const s of doc.sections) {
      if (s.line > evidenceLine) break;
      if (s.heading !== null) home = { kind: 'heading', line: s.line, heading: s.heading };
    }
    if (home) return home;
  }
  const wanted = c.req.belongs_under ?? [];
  if (wanted.length > 0) {
    const phrases = wanted.map((p) => p.toLowerCase().split(/[\s-]+/).map(normaliseWord).filter((w) => w !== ''));
    for (let i = 0; i < doc.blocks.length; i++) {
      const block = doc.blocks[i]!;
      if (block.kind !== 'heading' || block.context !== 'body') continue;
      const words = new Set(index.texts[i]!.tokens.map((t) => t.w));
      if (phrases.some((p) => headingHolds(words, p))) {
        return { kind: 'heading', line: block.line, heading: doc.sections[block.section]?.heading ?? block.text };
      }
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
      if (v.status !== 'met') result.anchor = anchorFor(c, index, v.status === 'gap' ? undefined : v.evidence[0]?.line);
    }
    counts[result.status]++;
    results.push(result);
  }
  const applicable = results.filter((r) => r.status !== 'not-applicable' && r.status !== 'waived').length;
  const score = applicable === 0 ? 100 : Math.round((100 * (counts.met + counts.partial / 2)) / applicable);
  return { path: doc.path, format: doc.format, sha256: doc.sha256, profile: opts.profile, profileSource: opts.profileSource, score, counts, results };
}
