/** The policy diff: classification by requirement id, order, the fail rule, and reading saved reports. */
import { describe, expect, it } from 'vitest';
import type { Status } from '../../src/audit/result.js';
import { diffAudits, fails, isImprovement, isRegression, type DiffResultIn, type DiffSide } from '../../src/report/diff.js';
import { DiffInputError, sideFromAudit, sideFromReportJson } from '../../src/report/diff-input.js';
import { renderDiffJson, renderDiffMarkdown, renderDiffTerminal } from '../../src/report/diff-render.js';
import { renderJson } from '../../src/report/json.js';
import { auditText } from '../helpers/audit-text.js';
import { reportOf } from '../helpers/report.js';

function result(id: string, status: Status, strength: 'must' | 'should' = 'must', evidence: Array<[number, string]> = []): DiffResultIn {
  return { id, title: `Title of ${id}`, strength, chapter: 'C1', status, evidence: evidence.map(([line, excerpt]) => ({ line, excerpt })) };
}

function side(results: DiffResultIn[], more: Partial<DiffSide> = {}): DiffSide {
  return {
    source: 'x.md',
    kind: 'policy',
    path: 'x.md',
    sha256: 'a'.repeat(64),
    profile: 'vcse',
    score: 50,
    asOf: '2026-11-01',
    catalogue: { edition: '2026', sha256: 'c'.repeat(64) },
    results,
    ...more,
  };
}

describe('regression and improvement', () => {
  it('orders met, then partial (and outdated, needs review), then gap', () => {
    expect(isRegression('met', 'partial')).toBe(true);
    expect(isRegression('partial', 'gap')).toBe(true);
    expect(isRegression('met', 'outdated')).toBe(true);
    expect(isRegression('met', 'needs-review')).toBe(true);
    expect(isRegression('not-applicable', 'gap')).toBe(true);
    expect(isRegression('waived', 'partial')).toBe(true);
    expect(isRegression('gap', 'partial')).toBe(false);
    expect(isRegression('partial', 'outdated')).toBe(false);
    expect(isRegression('gap', 'gap')).toBe(false);
    expect(isRegression('met', 'not-applicable')).toBe(false);
    expect(isImprovement('gap', 'met')).toBe(true);
    expect(isImprovement('gap', 'partial')).toBe(true);
    expect(isImprovement('not-applicable', 'met')).toBe(true);
    expect(isImprovement('partial', 'outdated')).toBe(false);
    expect(isImprovement('met', 'met')).toBe(false);
  });
});

describe('diffAudits', () => {
  const before = side([
    result('A', 'met', 'must', [[10, 'We call 999.']]),
    result('B', 'gap', 'should'),
    result('C', 'partial', 'should', [[20, 'Tell the lead.']]),
    result('D', 'met', 'should', [[30, 'Old words.']]),
    result('E', 'met', 'must', [[40, 'Same words.']]),
    result('F', 'partial', 'must', [[50, 'Some.']]),
    result('OLD', 'gap'),
    result('G', 'met', 'must', [[60, 'Named lead.']]),
  ]);
  const after = side([
    result('A', 'gap', 'must'),
    result('B', 'met', 'should', [[12, 'Now here.']]),
    result('C', 'gap', 'should'),
    result('D', 'met', 'should', [[31, 'New words.']]),
    // the same quote on another line: not a change
    result('E', 'met', 'must', [[90, 'Same words.']]),
    result('F', 'outdated', 'must', [[50, 'Some.']]),
    result('NEW', 'gap', 'must'),
    result('G', 'partial', 'must', [[60, 'Named lead.']]),
  ]);
  const d = diffAudits(before, after, 'must');

  it('lists regressions first, must before should and the worst first', () => {
    expect(d.regressions.map((e) => `${e.id}:${e.from}>${e.to}`)).toEqual(['A:met>gap', 'G:met>partial', 'C:partial>gap']);
  });

  it('lists improvements, other status changes, changed evidence and catalogue changes', () => {
    expect(d.improvements.map((e) => e.id)).toEqual(['B']);
    expect(d.statusChanged.map((e) => `${e.id}:${e.from}>${e.to}`)).toEqual(['F:partial>outdated']);
    expect(d.evidenceChanged.map((e) => e.id)).toEqual(['D']);
    expect(d.evidenceChanged[0]!.evidenceFrom).toEqual([{ line: 30, excerpt: 'Old words.' }]);
    expect(d.newInCatalogue.map((e) => `${e.id}:${e.from}>${e.to}`)).toEqual(['NEW:null>gap']);
    expect(d.removedFromCatalogue.map((e) => `${e.id}:${e.from}>${e.to}`)).toEqual(['OLD:gap>null']);
  });

  it('matches by id, not by line: a policy whose paragraphs only moved has no change', () => {
    const moved = side(before.results.map((r) => ({ ...r, evidence: r.evidence.map((e) => ({ ...e, line: e.line + 7 })) })).reverse());
    const same = diffAudits(before, moved, 'should');
    expect([same.regressions, same.improvements, same.statusChanged, same.evidenceChanged, same.newInCatalogue, same.removedFromCatalogue].flat()).toEqual([]);
    expect(same.failing).toBe(false);
  });

  it('fails on a regression at or above --fail-on', () => {
    expect(d.failing).toBe(true);
    const shouldOnly = d.regressions.filter((r) => r.strength === 'should');
    expect(fails(shouldOnly, 'must')).toBe(false);
    expect(fails(shouldOnly, 'should')).toBe(true);
    expect(fails(d.regressions, 'none')).toBe(false);
    expect(diffAudits(before, after, 'none').failing).toBe(false);
  });

  it('renders regressions before improvements', () => {
    for (const render of [renderDiffTerminal, renderDiffMarkdown, renderDiffJson]) {
      const text = render(d);
      const lower = text.toLowerCase();
      expect(lower.indexOf('regressions')).toBeGreaterThanOrEqual(0);
      expect(lower.indexOf('regressions')).toBeLessThan(lower.indexOf('improvements'));
    }
    const json = JSON.parse(renderDiffJson(d)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      'diffVersion',
      'old',
      'new',
      'failOn',
      'failing',
      'regressions',
      'improvements',
      'statusChanged',
      'evidenceChanged',
      'newInCatalogue',
      'removedFromCatalogue',
    ]);
  });

  it('warns when the two sides were judged differently', () => {
    const other = { ...after, profile: 'school', catalogue: { edition: '2026', sha256: 'd'.repeat(64) } };
    const text = renderDiffTerminal(diffAudits(before, other, 'must'), { width: 200 });
    expect(text).toContain('judged as different kinds of organisation (vcse, school)');
    expect(text).toContain('audited with different catalogues');
  });

  it('keeps a quote with a pipe or markup inside its Markdown table cell', () => {
    const hostile = side([result('A', 'gap', 'must')]);
    const was = side([result('A', 'met', 'must', [[3, 'a | b <script>x</script> [l](javascript:y)']])]);
    const md = renderDiffMarkdown(diffAudits(was, hostile, 'must'));
    expect(md).toContain('line 3: “a \\| b \\<script\\>x\\</script\\> \\[l\\](javascript\\:y)”');
  });
});

describe('reading the sides', () => {
  const doc = auditText('# Policy\n\nTell the designated safeguarding lead, Jane Smith, on 01632 960000.\n');
  const report = reportOf([doc]);

  it('reads a saved JSON report as the audit that made it', () => {
    const fromAudit = sideFromAudit(report, 'p.md');
    const fromJson = sideFromReportJson(renderJson(report), 'r.json');
    expect(fromJson.results).toEqual(fromAudit.results);
    expect(fromJson).toMatchObject({ kind: 'report', path: doc.path, sha256: doc.sha256, profile: doc.profile, score: doc.score, asOf: report.asOf });
  });

  it('compares the first of several documents, and says so', () => {
    const notes: string[] = [];
    const s = sideFromReportJson(renderJson(reportOf([doc, { ...doc, path: 'other.md' }])), 'r.json', (n) => notes.push(n));
    expect(s.path).toBe(doc.path);
    expect(notes).toEqual([`r.json holds 2 policies; comparing the first, ${doc.path}`]);
  });

  it('refuses what it cannot compare, naming the file and the reason', () => {
    const refusal = (text: string) => {
      try {
        sideFromReportJson(text, 'r.json');
      } catch (e) {
        expect(e).toBeInstanceOf(DiffInputError);
        return (e as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refusal('{"schemaVersion": ')).toMatch(/^r\.json: not valid JSON: /);
    expect(refusal('[]')).toBe('r.json: not a wt-audit JSON report: the top level is not an object');
    expect(refusal(JSON.stringify({ ...report, schemaVersion: '1.4.0' }))).toMatch(
      /^r\.json: a report of schema version 1\.4\.0; this wt-audit compares reports of version 2\.x/,
    );
    expect(refusal(JSON.stringify({ ...report, schemaVersion: '3.0.0' }))).toMatch(/schema version 3\.0\.0/);
    expect(refusal(JSON.stringify({ ...report, documents: [], errors: [{ path: 'p.md', message: 'binary file' }] }))).toBe(
      'r.json: the report holds no audited policy: p.md: binary file',
    );
    const broken = JSON.parse(renderJson(report)) as { documents: Array<{ results: Array<Record<string, unknown>> }> };
    broken.documents[0]!.results[3]!.status = 'fine';
    expect(refusal(JSON.stringify(broken))).toBe('r.json: not a wt-audit JSON report: documents[0].results[3].status is not a status');
  });

  it('refuses an audit that failed, with the file’s own error', () => {
    expect(() => sideFromAudit(reportOf([], [{ path: 'p.md', line: 2, message: 'invalid YAML' }]), 'p.md')).toThrow('p.md:2: invalid YAML');
  });
});
