/** End to end: .wt-audit.yaml discovery, validation with file:line:col, precedence of flags, `wt-audit config`, ignore, and waivers in every report. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parseCsv, validateSarif } from '../helpers/reports.js';
import { ROOT, runCli } from '../helpers/run-cli.js';
import { copySamples } from '../helpers/samples.js';

const AS_OF = '2026-11-01';
const validateReport = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(join(ROOT, 'checks/schema/report.schema.json'), 'utf8')) as object,
);

interface Report {
  documents: Array<{
    path: string;
    counts: Record<string, number>;
    results: Array<{ id: string; status: string; strength: string; message: string; waiver?: { reason: string; approvedBy: string } }>;
  }>;
  warnings: Array<{ path: string; line?: number; message: string }>;
}

/** outer/ holds a .wt-audit.yaml above the repository; outer/repo/ is the repository, with the samples in policies/. */
function layout(config?: string): { outer: string; repo: string } {
  const outer = mkdtempSync(join(tmpdir(), 'wt-audit-cfg-'));
  const repo = join(outer, 'repo');
  mkdirSync(join(repo, '.git'), { recursive: true });
  copySamples(join(repo, 'policies'));
  writeFileSync(join(outer, '.wt-audit.yaml'), 'fail-on: none\n');
  if (config !== undefined) writeFileSync(join(repo, '.wt-audit.yaml'), config);
  return { outer, repo };
}

const json = (stdout: string) => JSON.parse(stdout) as Report;

describe('configuration file', () => {
  it('is found from a subfolder up to the repository root, and not above it', () => {
    const { repo } = layout('fail-on: none\nas-of: 2026-11-01\n');
    expect(runCli(['.', '--report', 'json=/dev/null'], { cwd: join(repo, 'policies') }).code).toBe(0); // fail-on none from the repository's file
    const { repo: bare } = layout();
    // the file above the repository root is not used: the default fail-on must applies
    expect(runCli(['.', '--as-of', AS_OF, '--report', 'json=/dev/null'], { cwd: join(bare, 'policies') }).code).toBe(1);
    expect(runCli(['config'], { cwd: join(bare, 'policies') }).stdout).toContain('configuration file: none');
  });

  it('flags override the file, and `wt-audit config` says where each value came from', () => {
    const { repo } = layout('profile: sports\nfail-on: should\nas-of: 2026-11-01\nreports:\n  - csv=out.csv\njobs: 1\nfile-timeout: 12\n');
    const shown = runCli(['config', '--fail-on', 'none', '--jobs', '2'], { cwd: repo });
    expect(shown.code).toBe(0);
    const lines = shown.stdout.split('\n');
    const row = (k: string) => lines.find((l) => l.startsWith(`${k} `))!.replace(/\s+/g, ' ');
    expect(lines[0]).toBe('configuration file: .wt-audit.yaml');
    expect(row('profile')).toBe('profile sports .wt-audit.yaml:1');
    expect(row('fail-on')).toBe('fail-on none --fail-on');
    expect(row('as-of')).toBe('as-of 2026-11-01 .wt-audit.yaml:3');
    expect(row('reports')).toBe(`reports csv=${join(repo, 'out.csv')} .wt-audit.yaml:4`);
    expect(row('jobs')).toBe('jobs 2 --jobs');
    expect(row('file-timeout')).toBe('file-timeout 12 s .wt-audit.yaml:7');
    expect(runCli(['config', '--file-timeout', '0'], { cwd: repo }).stdout).toMatch(/^file-timeout +0 \(no limit\) +--file-timeout$/m);
    expect(row('catalogue')).toBe('catalogue (bundled wt2026) default');
    // the audit does what config says: should fails from the file; --fail-on none wins over it
    expect(runCli(['policies'], { cwd: repo }).code).toBe(1);
    expect(existsSync(join(repo, 'out.csv'))).toBe(true);
    expect(runCli(['policies', '--fail-on', 'none'], { cwd: repo }).code).toBe(0);
    // a report flag replaces the file's reports
    const r = runCli(['policies', '--format', 'json'], { cwd: repo });
    expect(json(r.stdout).documents.every((d) => d.results.length > 0)).toBe(true);
  });

  it('--config names the file; relative paths in it are relative to its folder', () => {
    const { repo } = layout();
    mkdirSync(join(repo, 'ci'));
    writeFileSync(join(repo, 'ci', 'audit.yaml'), 'as-of: 2026-11-01\nreports: [markdown=summary.md]\nignore: ["../policies/riverside-*"]\n');
    expect(runCli(['policies', '--config', 'ci/audit.yaml'], { cwd: repo }).code).toBe(1);
    const md = readFileSync(join(repo, 'ci', 'summary.md'), 'utf8');
    expect(md).toContain('## wt-audit: 4 policies audited');
    expect(md).not.toContain('riverside');
    const missing = runCli(['policies', '--config', 'nope.yaml'], { cwd: repo });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.yaml: cannot read');
  });

  it('ignore leaves matching files out of the audit', () => {
    const { repo } = layout('ignore:\n  - "policies/*.yaml"\n  - "**/hope-*"\n');
    const r = json(runCli(['policies', '--as-of', AS_OF, '--format', 'json'], { cwd: repo }).stdout);
    expect(r.documents.map((d) => d.path)).toEqual([
      'policies/riverside-juniors-fc-safeguarding.md',
      'policies/st-aidans-primary-child-protection.md',
      'policies/westshire-safeguarding-partnership-arrangements.md',
    ]);
  });

  for (const [name, text, where, what] of [
    ['an unknown key', 'profile: school\nfail_on: must\n', ':2:1:', "(top level): unknown key 'fail_on'"],
    ['a bad value', 'profile: school\nfail-on: sometimes\n', ':2:10:', 'fail-on: must be equal to one of the allowed values: must, should, none'],
    ['a bad report', 'reports:\n  - sarif=x\n  - pdf\n', ':3:5:', 'reports.1'],
    ['a date that does not exist', 'as-of: 2026-02-30\n', ':1:8:', 'as-of: 2026-02-30 is not a date'],
    ['invalid YAML', 'profile: [school\n', ':', 'invalid YAML'],
    [
      'a waiver without an approver',
      'waivers:\n  - requirement: WT26-C4-ALLEGATIONS\n    scope: "**"\n    reason: ok\n',
      ':2:5:',
      "waivers.0: must have required property 'approved_by'",
    ],
    [
      'a waiver with an empty reason',
      'waivers:\n  - requirement: WT26-C4-ALLEGATIONS\n    scope: "**"\n    reason: "  "\n    approved_by: X\n',
      ':4:13:',
      'waivers.0.reason: must match pattern',
    ],
    ['a tag that would build an object', 'profile: !!js/function "function () { return 1 }"\n', ':1:', 'profile'],
  ] as const) {
    it(`${name} is an error at file:line:col, exit 2, and nothing is audited`, () => {
      const { repo } = layout(text);
      const r = runCli(['policies', '--report', 'json=out.json'], { cwd: repo });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`wt-audit: .wt-audit.yaml${where}`);
      expect(r.stderr).toContain(what);
      expect(existsSync(join(repo, 'out.json'))).toBe(false);
    });
  }
});

describe('waivers', () => {
  it('a waived finding is reported as waived, with reason and approver, in every report, and no longer fails the run', () => {
    const { repo } = layout();
    const before = json(runCli(['policies/riverside-juniors-fc-safeguarding.md', '--as-of', AS_OF, '--format', 'json'], { cwd: repo }).stdout).documents[0]!;
    const failing = before.results.filter((r) => r.strength === 'must' && ['gap', 'partial', 'outdated'].includes(r.status));
    expect(failing.length).toBeGreaterThan(1);
    // a waivers file the configuration names: a list at the top level
    const waivers = failing
      .map(
        (r) =>
          `- requirement: ${r.id}\n  scope: "policies/riverside-*.md"\n  reason: "Agreed at the March panel: ${r.id}"\n  approved_by: "P. Officer"\n  expires: 2027-03-31\n`,
      )
      .join('');
    writeFileSync(join(repo, 'waivers.yaml'), waivers);
    writeFileSync(join(repo, '.wt-audit.yaml'), 'as-of: 2026-11-01\nwaivers: waivers.yaml\n');
    const args = [
      'policies/riverside-juniors-fc-safeguarding.md',
      ...['json', 'sarif', 'junit', 'csv', 'markdown', 'terminal'].flatMap((f) => ['--report', `${f}=out.${f}`]),
    ];
    const run = runCli(args, { cwd: repo });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0); // every must finding waived
    const report = JSON.parse(readFileSync(join(repo, 'out.json'), 'utf8')) as Report;
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    const doc = report.documents[0]!;
    expect(doc.counts.waived).toBe(failing.length);
    for (const f of failing) {
      const r = doc.results.find((x) => x.id === f.id)!;
      expect(r.status).toBe('waived');
      expect(r.waiver).toMatchObject({ reason: `Agreed at the March panel: ${f.id}`, approvedBy: 'P. Officer', expires: '2027-03-31' });
    }
    const sarif = JSON.parse(readFileSync(join(repo, 'out.sarif'), 'utf8')) as {
      runs: Array<{ results: Array<{ ruleId: string }>; properties: { waived: Array<{ ruleId: string; reason: string; approvedBy: string }> } }>;
    };
    expect(validateSarif(sarif)).toEqual([]);
    expect(sarif.runs[0]!.results.map((r) => r.ruleId)).not.toContain(failing[0]!.id);
    expect(sarif.runs[0]!.properties.waived.map((w) => w.ruleId)).toEqual(failing.map((f) => f.id));
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(readFileSync(join(repo, 'out.junit'), 'utf8')) as {
      testsuites: { testsuite: { testcase: Array<{ name: string; skipped?: { message: string } }> } };
    };
    const tc = xml.testsuites.testsuite.testcase.find((c) => c.name.startsWith(`${failing[0]!.id}:`))!;
    expect(tc.skipped!.message).toContain(`waived: Agreed at the March panel: ${failing[0]!.id} (approved by P. Officer, until 2027-03-31`);
    const rows = parseCsv(readFileSync(join(repo, 'out.csv'), 'utf8'));
    expect(rows[1]![rows[0]!.indexOf(failing[0]!.id)]).toBe('waived');
    expect(rows[1]![rows[0]!.indexOf('waivers')]).toContain(
      `${failing[0]!.id}: Agreed at the March panel: ${failing[0]!.id} (approved by P. Officer, until 2027-03-31)`,
    );
    expect(readFileSync(join(repo, 'out.markdown'), 'utf8')).toContain(
      `| ${failing[0]!.id} | Agreed at the March panel: ${failing[0]!.id} | P. Officer | 2027-03-31 |`,
    );
    expect(readFileSync(join(repo, 'out.terminal'), 'utf8')).toContain('approved by P. Officer');
  });

  it('an expired waiver gives the finding back with a warning; one that matches nothing is a warning too', () => {
    const { repo } = layout();
    const before = json(runCli(['policies/riverside-juniors-fc-safeguarding.md', '--as-of', AS_OF, '--format', 'json'], { cwd: repo }).stdout).documents[0]!;
    const gap = before.results.find((r) => r.status === 'gap')!;
    writeFileSync(
      join(repo, '.wt-audit.yaml'),
      `as-of: 2026-11-01\nwaivers:\n  - requirement: ${gap.id}\n    scope: "policies/**"\n    reason: old\n    approved_by: X\n    expires: 2026-10-31\n  - requirement: ${gap.id}\n    scope: "elsewhere/**"\n    reason: unused\n    approved_by: Y\n`,
    );
    const r = json(runCli(['policies/riverside-juniors-fc-safeguarding.md', '--format', 'json'], { cwd: repo }).stdout);
    expect(r.documents[0]!.results.find((x) => x.id === gap.id)!.status).toBe('gap');
    expect(r.warnings).toEqual([
      { path: '.wt-audit.yaml', line: 3, message: `waiver for ${gap.id} (policies/**) expired on 2026-10-31: its finding is reported again in 1 document` },
      {
        path: '.wt-audit.yaml',
        line: 8,
        message: `waiver for ${gap.id} (elsewhere/**) matches no finding: no audited document in its scope has that requirement as a finding`,
      },
    ]);
  });
});

describe('the README examples', () => {
  it('the configuration and waivers shown in the README load as they are', async () => {
    const { loadConfig } = await import('../../src/cli/config-file.js');
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const blockAfter = (heading: string) => /```yaml\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf(heading)))![1]!;
    const dir = mkdtempSync(join(tmpdir(), 'wt-audit-readme-'));
    writeFileSync(join(dir, '.wt-audit.yaml'), blockAfter('### Configuration file'));
    writeFileSync(join(dir, 'waivers.yaml'), blockAfter('### Waivers'));
    const config = loadConfig(join(dir, '.wt-audit.yaml'), '.wt-audit.yaml');
    expect(config.failOn?.value).toBe('should');
    expect(config.reports?.value.map((r) => r.format)).toEqual(['sarif', 'github']);
    expect(config.waivers?.value.list).toEqual([
      expect.objectContaining({
        requirement: 'WT26-C1-COERCIVE-CONTROL',
        approvedBy: 'A. Reviewer, partnership officer',
        expires: '2027-03-31',
        source: { path: 'waivers.yaml', line: 1 },
      }),
    ]);
  });
});
