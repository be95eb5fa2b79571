/**
 * Waivers: findings a reviewer has accepted, with a reason and an approver, for the documents a
 * scope glob covers, until an optional expiry day. They come from the reviewer's configuration,
 * never from the policy being judged. A waived finding is reported as `waived` with its reason and
 * approver; a waiver past its expiry (judged at --as-of) leaves the finding as it was, and the run
 * warns; a waiver that waives nothing is warned about too (run.ts gathers those over all files).
 */
import { isAbsolute, posix, relative, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import { ACTIONABLE_STATUSES, scoreOf, type DocumentResult, type InputErrorReport, type RequirementResult, type WaiverNote } from './result.js';

export interface Waiver {
  requirement: string;
  /** glob of document paths, relative to `base` */
  scope: string;
  /** absolute folder the scope is relative to: that of the file the waiver is written in */
  base: string;
  reason: string;
  approvedBy: string;
  /** last day it holds, YYYY-MM-DD */
  expires?: string;
  /** where it is written */
  source: { path: string; line: number };
}

/** The waivers of a run, and the folder document paths are relative to. */
export interface WaiverSet {
  list: Waiver[];
  cwd: string;
}

/** Statuses a waiver can accept: the findings. */

const require = createRequire(import.meta.url);
const matchers = new WeakMap<Waiver, (path: string) => boolean>();

function covers(w: Waiver, docPath: string, cwd: string): boolean {
  let m = matchers.get(w);
  if (!m) {
    // required only by a run with waivers (most runs have none)
    const picomatch = require('picomatch') as typeof import('picomatch');
    m = picomatch(w.scope, { dot: true });
    matchers.set(w, m);
  }
  const abs = isAbsolute(docPath) ? docPath : resolve(cwd, docPath);
  return m(relative(w.base, abs).split(sep).join(posix.sep));
}

export function isExpired(w: Pick<Waiver, 'expires'>, asOf: string): boolean {
  return w.expires !== undefined && w.expires < asOf;
}

export interface WaiverOutcome {
  document: DocumentResult;
  /** indexes (in the run's list) of waivers that waived something here */
  used: number[];
  /** indexes of expired waivers that would have waived something here */
  expired: number[];
}

/** Apply the run's waivers to one document's results (a new result; the given one is left as it was). */
export function applyWaivers(doc: DocumentResult, set: WaiverSet, asOf: string): WaiverOutcome {
  const used = new Set<number>();
  const expired = new Set<number>();
  const applying = set.list.map((w, i) => ({ w, i })).filter(({ w }) => covers(w, doc.path, set.cwd));
  if (applying.length === 0) return { document: doc, used: [], expired: [] };
  const counts = { ...doc.counts };
  const results = doc.results.map((r): RequirementResult => {
    if (!ACTIONABLE_STATUSES.has(r.status)) return r;
    for (const { w, i } of applying) {
      if (w.requirement !== r.id) continue;
      if (isExpired(w, asOf)) {
        expired.add(i);
        continue;
      }
      used.add(i);
      counts[r.status]--;
      counts.waived++;
      const waiver: WaiverNote = {
        reason: w.reason,
        approvedBy: w.approvedBy,
        ...(w.expires ? { expires: w.expires } : {}),
        source: `${w.source.path}:${w.source.line}`,
      };
      return {
        ...r,
        status: 'waived',
        message: `waived: ${w.reason} (approved by ${w.approvedBy}${w.expires ? `, until ${w.expires}` : ''}; was ${r.status === 'needs-review' ? 'needs review' : r.status}: ${r.message})`,
        waiver,
      };
    }
    return r;
  });
  return { document: { ...doc, counts, score: scoreOf(counts, results.length), results }, used: [...used], expired: [...expired] };
}

/** The waiver as its warnings name it. */
function subjectOf(w: Pick<Waiver, 'requirement' | 'scope'>): string {
  return `waiver for ${w.requirement} (${w.scope})`;
}

const UNUSED = ' matches no finding: no audited document in its scope has that requirement as a finding';

export function unusedWaiverMessage(subject: string): string {
  return `${subject}${UNUSED}`;
}

export function expiredWaiverMessage(subject: string, expires: string | undefined, documents: number): string {
  return `${subject} expired on ${expires}: its finding is reported again in ${documents} ${documents === 1 ? 'document' : 'documents'}`;
}

const EXPIRED = /^(waiver for .+) expired on (\S+): its finding is reported again in (\d+) documents?$/s;

/**
 * A warning of waiverWarnings() read back from its message (wt-audit merge recomputes them over
 * every shard's report): the waiver it names, and whether it was unused or expired. Undefined for
 * any other warning.
 */
export function readWaiverWarning(message: string): { subject: string; unused: true } | { subject: string; expires: string; documents: number } | undefined {
  if (message.startsWith('waiver for ') && message.endsWith(UNUSED)) return { subject: message.slice(0, -UNUSED.length), unused: true };
  const m = EXPIRED.exec(message);
  return m ? { subject: m[1]!, expires: m[2]!, documents: Number(m[3]) } : undefined;
}

/** The run's warnings about its waivers: expired ones that met a finding, and ones that waived nothing. */
export function waiverWarnings(set: WaiverSet, used: ReadonlySet<number>, expired: ReadonlyMap<number, number>): InputErrorReport[] {
  const out: InputErrorReport[] = [];
  set.list.forEach((w, i) => {
    const at = { path: w.source.path, line: w.source.line };
    const n = expired.get(i);
    if (n !== undefined) out.push({ ...at, message: expiredWaiverMessage(subjectOf(w), w.expires, n) });
    else if (!used.has(i)) out.push({ ...at, message: unusedWaiverMessage(subjectOf(w)) });
  });
  return out;
}
