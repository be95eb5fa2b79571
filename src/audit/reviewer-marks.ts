/**
 * What the reviewer's own files do to a judged document (a file's, or a pack's once combined):
 * waivers first, since a waived finding is no longer a finding, known or not; then the baseline
 * marks the findings already known.
 */
import { markKnown, type BaselineSet } from './baseline.js';
import type { DocumentResult } from './result.js';
import { applyWaivers, type WaiverSet } from './waivers.js';

export interface Reviewed {
  document: DocumentResult;
  /** waivers (by index) that waived a finding here, and expired ones that would have; absent without waivers */
  waivers?: { used: number[]; expired: number[] };
}

export function applyReviewerMarks(judged: DocumentResult, waivers: WaiverSet | undefined, baseline: BaselineSet | undefined, asOf: string): Reviewed {
  const waived = waivers && waivers.list.length > 0 ? applyWaivers(judged, waivers, asOf) : undefined;
  const document = baseline ? markKnown(waived?.document ?? judged, baseline) : (waived?.document ?? judged);
  return { document, ...(waived ? { waivers: { used: waived.used, expired: waived.expired } } : {}) };
}
