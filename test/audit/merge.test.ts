/** wt-audit merge, in process: reports of disjoint runs joined as one run over all their files would report. */
import { describe, expect, it } from 'vitest';
import { MergeError, mergeReports, type MergeInput } from '../../src/audit/merge.js';
import type { AuditReport } from '../../src/audit/result.js';
import { waiverWarnings, type Waiver } from '../../src/audit/waivers.js';
import { auditText } from '../helpers/audit-text.js';
import { reportOf } from '../helpers/report.js';

const strong = auditText('# Policy\n\nReport any concern to the designated safeguarding lead.\n', 'vcse', '2026-11-01', 'partners/a/policy.md');
const other = auditText('# Policy\n\nThe designated safeguarding lead keeps records.\n', 'vcse', '2026-11-01', 'partners/b/policy.md');
const third = auditText('# Policy\n\nNothing much.\n', 'vcse', '2026-11-01', 'partners/c/policy.md');

const input = (source: string, report: AuditReport): MergeInput => ({ source, report });
const sharded = (report: AuditReport, index: number, count: number): AuditReport => ({ ...report, shard: { index, count } });

function waiver(requirement: string, line: number, expires?: string): Waiver {
  return {
    requirement,
    scope: 'partners/**',
    base: '/repo',
    reason: 'accepted',
    approvedBy: 'J. Reviewer',
    source: { path: '.wt-audit.yaml', line },
    ...(expires ? { expires } : {}),
  };
}

describe('mergeReports', () => {
  it('joins the documents in path order, keeps each file error once and the run-level ones once, and drops the shard', () => {
    const runError = { path: 'checks/local/x.yaml', line: 3, message: 'bad requirement' };
    const a = sharded(reportOf([other], [runError, { path: 'partners/z/broken.md', message: 'cannot read' }]), 1, 2);
    const b = sharded(reportOf([third, strong], [runError]), 2, 2);
    const { report, exit, notes } = mergeReports([input('a.json', a), input('b.json', b)]);
    expect(report.documents.map((d) => d.path)).toEqual(['partners/a/policy.md', 'partners/b/policy.md', 'partners/c/policy.md']);
    expect(report.errors).toEqual([runError, { path: 'partners/z/broken.md', message: 'cannot read' }]);
    expect(report.shard).toBeUndefined();
    expect(Object.keys(report)).toEqual(Object.keys(reportOf([])));
    expect(exit).toBe(2);
    expect(notes).toEqual([]);
  });

  it('works the waiver warnings out again: unused only if unused everywhere, expired documents added up', () => {
    const set = { list: [waiver('WT26-A', 4), waiver('WT26-B', 9), waiver('WT26-C', 14, '2026-01-31'), waiver('WT26-D', 19, '2026-01-31')], cwd: '/repo' };
    // shard 1: A unused, B used, C expired in one document, D expired in one; shard 2: A unused, B unused, C expired in two, D unused
    const one = waiverWarnings(
      set,
      new Set([1]),
      new Map([
        [2, 1],
        [3, 1],
      ]),
    );
    const two = waiverWarnings(set, new Set(), new Map([[2, 2]]));
    const whole = waiverWarnings(
      set,
      new Set([1]),
      new Map([
        [2, 3],
        [3, 1],
      ]),
    );
    const fileWarning = { path: 'partners/a/policy.md', line: 2, message: 'unknown organisation type' };
    const merged = mergeReports([input('1.json', reportOf([strong], [], [fileWarning, ...one])), input('2.json', reportOf([other], [], two))]);
    expect(merged.report.warnings).toEqual([...whole, fileWarning]);
    expect(merged.report.warnings.map((w) => w.message).join('\n')).toContain(
      'WT26-C (partners/**) expired on 2026-01-31: its finding is reported again in 3 documents',
    );
  });

  it('says which shards are missing, and refuses two reports of one shard or of different shard counts', () => {
    const base = reportOf([]);
    expect(mergeReports([input('1.json', sharded(base, 1, 3)), input('3.json', sharded(base, 3, 3))]).notes).toEqual([
      'warning: 1 of 3 shards missing (2/3): the merged report covers only the files of the others',
    ]);
    expect(() => mergeReports([input('1.json', sharded(base, 1, 3)), input('again.json', sharded(base, 1, 3))])).toThrow(
      '1.json and again.json are both shard 1/3',
    );
    expect(() => mergeReports([input('1.json', sharded(base, 1, 3)), input('x.json', sharded(base, 2, 4))])).toThrow(/not the same sharding/);
  });

  it('refuses reports of different runs, and a document in two reports', () => {
    const a = reportOf([strong]);
    const cases: Array<[AuditReport, RegExp]> = [
      [{ ...reportOf([other]), asOf: '2027-01-01' }, /differ in as-of date \(2027-01-01 and 2026-11-01\)/],
      [{ ...reportOf([other]), tool: { name: 'wt-audit', version: '9.9.9' } }, /differ in tool/],
      [{ ...reportOf([other]), schemaVersion: '2.0.0' }, /differ in schema version/],
      [{ ...reportOf([other]), catalogue: { ...a.catalogue, sha256: 'f'.repeat(64) } }, /differ in catalogue/],
      [{ ...reportOf([other]), baseline: { findings: 3 } }, /differ in baseline/],
      [{ ...reportOf([other]), failOn: 'should' }, /differ in fail-on .*give --fail-on/],
      [reportOf([strong]), /partners\/a\/policy.md is in both a.json and b.json/],
    ];
    for (const [b, message] of cases) expect(() => mergeReports([input('a.json', a), input('b.json', b)])).toThrow(message);
    expect(() => mergeReports([])).toThrow(MergeError);
  });

  it('decides the exit code by the merged documents, with --fail-on over the reports’ own', () => {
    const a = reportOf([strong]);
    const b = reportOf([other]);
    expect(mergeReports([input('a.json', a), input('b.json', b)]).exit).toBe(1);
    const none = mergeReports([input('a.json', a), input('b.json', { ...b, failOn: 'should' })], 'none');
    expect(none.exit).toBe(0);
    expect(none.report.failOn).toBe('none');
  });
});
