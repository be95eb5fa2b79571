/**
 * `wt-audit merge`: the reports of several runs over disjoint files (the shards of `--shard i/n`)
 * joined into the report one run over all the files gives: documents in path order, errors and
 * warnings in report order, and the waiver warnings worked out again over all of them (a waiver is
 * unused only if no shard used it; an expired one counts the documents of every shard).
 *
 * Reports are joined only when they can be: the same schema version, tool and version, catalogue,
 * as-of date, baseline and requirements, and no document in two of them.
 */
import { byPath } from '../util/order.js';
import { documentFails, exitCode, type FailOn } from './exit-code.js';
import type { AuditReport, InputErrorReport } from './result.js';
import { expiredWaiverMessage, readWaiverWarning, unusedWaiverMessage } from './waivers.js';

/** The reports cannot be joined: the message names the files. */
export class MergeError extends Error {}

export interface MergeInput {
  /** the file it was read from, for messages */
  source: string;
  report: AuditReport;
}

export interface Merged {
  report: AuditReport;
  exit: number;
  /** said on standard error: shards that seem to be missing */
  notes: string[];
}

function byPlace(a: InputErrorReport, b: InputErrorReport): number {
  return byPath(a.path, b.path) || (a.line ?? 0) - (b.line ?? 0);
}

const placeKey = (e: InputErrorReport): string => JSON.stringify([e.path, e.line ?? null, e.column ?? null, e.message]);

/**
 * The entries of every report, each as often as the report that has it most often: a file's entries
 * are in one report only, while those of the run itself (the catalogue's, a path that matched
 * nothing, a cache folder that could not be used) are in each.
 */
function union(lists: InputErrorReport[][]): InputErrorReport[] {
  const taken = new Map<string, number>();
  const out: InputErrorReport[] = [];
  for (const list of lists) {
    const seen = new Map<string, number>();
    for (const e of list) {
      const k = placeKey(e);
      const n = (seen.get(k) ?? 0) + 1;
      seen.set(k, n);
      if (n > (taken.get(k) ?? 0)) {
        taken.set(k, n);
        out.push(e);
      }
    }
  }
  return out;
}

/** The waiver warnings of all the reports, worked out again as one run would give them. */
function waiverWarningsOf(reports: AuditReport[]): { plain: InputErrorReport[][]; waivers: InputErrorReport[] } {
  const groups = new Map<string, { at: InputErrorReport; subject: string; unused: number; expires?: string; documents: number; expired: boolean }>();
  const plain = reports.map((r) =>
    r.warnings.filter((w) => {
      const read = readWaiverWarning(w.message);
      if (!read) return true;
      const k = JSON.stringify([w.path, w.line ?? null, read.subject]);
      const g = groups.get(k) ?? { at: w, subject: read.subject, unused: 0, documents: 0, expired: false };
      groups.set(k, g);
      if ('unused' in read) g.unused++;
      else {
        g.expired = true;
        g.expires ??= read.expires;
        g.documents += read.documents;
      }
      return false;
    }),
  );
  const waivers: InputErrorReport[] = [];
  for (const g of groups.values()) {
    const at = { path: g.at.path, ...(g.at.line !== undefined ? { line: g.at.line } : {}) };
    if (g.expired) waivers.push({ ...at, message: expiredWaiverMessage(g.subject, g.expires, g.documents) });
    else if (g.unused === reports.length) waivers.push({ ...at, message: unusedWaiverMessage(g.subject) });
  }
  return { plain, waivers };
}

/** The fields that must be the same in every report, each with its name for the message. */
function sameness(r: AuditReport): Array<[string, unknown]> {
  return [
    ['schema version', r.schemaVersion],
    ['tool', `${r.tool.name} ${r.tool.version}`],
    ['catalogue', `${r.catalogue.id} ${r.catalogue.edition} (sha256 ${r.catalogue.sha256.slice(0, 12)})`],
    ['as-of date', r.asOf],
    ['baseline', r.baseline ? `${r.baseline.findings} findings` : 'none'],
    ['requirements', JSON.stringify(r.requirements)],
  ];
}

/** Notes on the shards: missing ones; an error for two reports claiming the same shard or different counts. */
function checkShards(inputs: MergeInput[]): string[] {
  const sharded = inputs.filter((i) => i.report.shard);
  if (sharded.length === 0) return [];
  const count = sharded[0]!.report.shard!.count;
  const seen = new Map<number, string>();
  for (const { source, report } of sharded) {
    const s = report.shard!;
    if (s.count !== count)
      throw new MergeError(`${source} is shard ${s.index}/${s.count} but ${sharded[0]!.source} is one of ${count}: they are not the same sharding`);
    const other = seen.get(s.index);
    if (other !== undefined) throw new MergeError(`${other} and ${source} are both shard ${s.index}/${count}`);
    seen.set(s.index, source);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  return missing.length > 0
    ? [
        `warning: ${missing.length} of ${count} shards missing (${missing.map((i) => `${i}/${count}`).join(', ')}): the merged report covers only the files of the others`,
      ]
    : [];
}

/** Join the reports; `failOn` (--fail-on) overrides theirs. @throws MergeError */
export function mergeReports(inputs: MergeInput[], failOn?: FailOn): Merged {
  if (inputs.length === 0) throw new MergeError('no reports to merge');
  const first = inputs[0]!;
  const expected = sameness(first.report);
  for (const { source, report } of inputs.slice(1)) {
    sameness(report).forEach(([what, value], i) => {
      if (value !== expected[i]![1])
        throw new MergeError(
          what === 'requirements'
            ? `${source} and ${first.source} list different requirements: they were not made with the same catalogue`
            : `${source} and ${first.source} differ in ${what} (${String(value)} and ${String(expected[i]![1])}): reports of different runs cannot be merged`,
        );
    });
    if (failOn === undefined && report.failOn !== first.report.failOn)
      throw new MergeError(`${source} and ${first.source} differ in fail-on (${report.failOn} and ${first.report.failOn}): give --fail-on to choose one`);
  }
  const notes = checkShards(inputs);
  const owner = new Map<string, string>();
  for (const { source, report } of inputs)
    for (const d of report.documents) {
      const other = owner.get(d.path);
      if (other !== undefined) throw new MergeError(`${d.path} is in both ${other} and ${source}: the reports overlap`);
      owner.set(d.path, source);
    }
  const reports = inputs.map((i) => i.report);
  const documents = reports.flatMap((r) => r.documents).sort((a, b) => byPath(a.path, b.path));
  const { plain, waivers } = waiverWarningsOf(reports);
  const errors = union(reports.map((r) => r.errors)).sort(byPlace);
  const warnings = [...union(plain), ...waivers].sort(byPlace);
  const { shard: _shard, ...header } = first.report;
  const threshold = failOn ?? first.report.failOn;
  const report: AuditReport = { ...header, failOn: threshold, documents, errors, warnings };
  return {
    report,
    exit: exitCode(
      errors.length,
      documents.some((d) => documentFails(d, threshold)),
    ),
    notes,
  };
}
