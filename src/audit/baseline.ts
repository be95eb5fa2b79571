/**
 * Baselines: the findings a partnership already knows about, so that a run fails only on new
 * ones. An entry is keyed by the document's identity (its path relative to the repository root,
 * with forward slashes) and the requirement id, never by a line, so editing a policy above a known
 * gap does not make the gap new. A known finding keeps its status and is marked `known`; it no
 * longer fails the run (exit-code.ts).
 */
import { isAbsolute, posix, relative, resolve, sep } from 'node:path';
import { ACTIONABLE_STATUSES, type DocumentResult, type RequirementResult, type Status } from './result.js';

export const BASELINE_VERSION = 1;

/** Statuses a baseline records: the findings. */

export interface BaselineEntry {
  document: string;
  requirement: string;
  /** the status when it was recorded (for the reader; any finding status matches) */
  status: Status;
}

export interface BaselineFile {
  baselineVersion: number;
  tool: string;
  catalogue: { id: string; sha256: string };
  findings: BaselineEntry[];
}

/** The baseline a run compares with: entry keys, and how to turn a document path into its identity. */
export interface BaselineSet {
  keys: string[];
  cwd: string;
  root: string;
}

/** A document's identity: its path relative to the repository root, with forward slashes. */
export function documentIdentity(path: string, cwd: string, root: string): string {
  const abs = isAbsolute(path) ? path : resolve(cwd, path);
  return relative(root, abs).split(sep).join(posix.sep);
}

export function entryKey(document: string, requirement: string): string {
  return `${document}\u0000${requirement}`;
}

const lookups = new WeakMap<string[], Set<string>>();

/** Mark the findings the baseline holds as known (a new result; the given one is left as it was). */
export function markKnown(doc: DocumentResult, set: BaselineSet): DocumentResult {
  let keys = lookups.get(set.keys);
  if (!keys) {
    keys = new Set(set.keys);
    lookups.set(set.keys, keys);
  }
  const id = documentIdentity(doc.path, set.cwd, set.root);
  let changed = false;
  const results = doc.results.map((r): RequirementResult => {
    if (!ACTIONABLE_STATUSES.has(r.status) || !keys.has(entryKey(id, r.id))) return r;
    changed = true;
    return { ...r, known: true };
  });
  return changed ? { ...doc, results } : doc;
}

/** The entries of a run's findings, sorted, as a baseline file records them. */
export function baselineEntries(docs: Iterable<{ identity: string; results: RequirementResult[] }>): BaselineEntry[] {
  const out: BaselineEntry[] = [];
  for (const d of docs)
    for (const r of d.results) if (ACTIONABLE_STATUSES.has(r.status)) out.push({ document: d.identity, requirement: r.id, status: r.status });
  return out.sort((a, b) =>
    a.document < b.document ? -1 : a.document > b.document ? 1 : a.requirement < b.requirement ? -1 : a.requirement > b.requirement ? 1 : 0,
  );
}

export function renderBaseline(file: BaselineFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}
