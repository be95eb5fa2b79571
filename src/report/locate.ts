/**
 * Where a report says a document and a finding are: the document's path relative to the
 * repository root with forward slashes (its identity in SARIF, annotations and baselines, the same
 * on every machine), and the line a finding points at.
 */
import { documentIdentity } from '../audit/baseline.js';
import { ACTIONABLE_STATUSES, type RequirementResult } from '../audit/result.js';

/** Reported as something to fix (SARIF results, annotations): the actionable statuses. */
export function isReported(r: RequirementResult): boolean {
  return ACTIONABLE_STATUSES.has(r.status);
}

/** The document's path relative to `root`, with forward slashes: its identity (as baselines key it). */
export const repoPath = documentIdentity;

/** A half of a UTF-16 surrogate pair standing alone: not a character, and not encodable in a URI. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A relative path as a URI reference: each segment percent-encoded (a lone surrogate as U+FFFD), slashes kept. */
export function pathUri(relPath: string): string {
  return relPath
    .replace(LONE_SURROGATE, '\uFFFD')
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

/** The line a finding points at: its anchor (where the content belongs or the weak text sits), else line 1. */
export function findingLine(r: RequirementResult): number {
  return r.anchor?.line ?? r.evidence[0]?.line ?? 1;
}

/** The anchor's heading trail as one string, e.g. "Policy > Allegations"; "" at the document start. */
export function anchorPath(r: RequirementResult): string {
  return (r.anchor?.trail ?? []).join(' > ');
}

/**
 * Where a Word or PDF finding is, in the words a reader of that format follows ("p. 3, line 12",
 * "¶ 42"): its anchor's place, else its first evidence's; '' for formats whose line is the file's.
 */
export function findingWhere(r: RequirementResult): string {
  return (r.anchor ? r.anchor.where : r.evidence[0]?.where) ?? '';
}

/**
 * The file a finding points into: in a pack, the document its anchor (else its first evidence)
 * is in; otherwise the document's own path. The same choice as findingLine, so the line is that file's.
 */
export function findingDocument(r: RequirementResult, docPath: string): string {
  return (r.anchor ? r.anchor.document : r.evidence[0]?.document) ?? docPath;
}
