/**
 * End to end: --pack-by dir over the fixture packs (test/fixtures/packs): one with a manifest, one
 * with an invalid manifest, one whose documents contradict each other on a timescale, one whose
 * two documents meet different requirements, and a file in no pack. Three CLI runs in all.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/audit/result.js';
import { planPacks } from '../../src/cli/packs.js';
import { reportValidator } from '../helpers/report.js';
import { parseCsv, validateSarif } from '../helpers/reports.js';
import { ROOT, runCli, type CliRun } from '../helpers/run-cli.js';

const REPORTS = ['json', 'sarif', 'junit', 'csv', 'md', 'terminal', 'markdown'] as const;
const OUT: Record<(typeof REPORTS)[number], string> = {
  json: 'r.json',
  sarif: 'r.sarif',
  junit: 'r.xml',
  csv: 'r.csv',
  md: 'r.md',
  terminal: 'r.txt',
  markdown: 'summary.md',
};

/**
 * A repository holding the fixture packs under packs/, with a configuration that turns packs on
 * and waives one finding of one pack; with copies, each pack again as "<name>-2" … (whose files
 * sort before "<name>/…": "-" comes before "/"), enough files for the worker pool to start.
 */
function repo(copies = 1): string {
  const dir = mkdtempSync(join(tmpdir(), 'wt-audit-packs-'));
  mkdirSync(join(dir, '.git'));
  cpSync(join(ROOT, 'test/fixtures/packs'), join(dir, 'packs'), { recursive: true });
  for (let i = 2; i <= copies; i++)
    for (const name of readdirSync(join(ROOT, 'test/fixtures/packs'), { withFileTypes: true }))
      if (name.isDirectory()) cpSync(join(ROOT, 'test/fixtures/packs', name.name), join(dir, 'packs', `${name.name}-${i}`), { recursive: true });
  writeFileSync(
    join(dir, '.wt-audit.yaml'),
    [
      'pack-by: dir',
      'as-of: 2026-10-01',
      'waivers:',
      '  - requirement: WT26-C4-TRAINING',
      '    scope: packs/split-charity',
      '    reason: training records seen at the visit',
      '    approved_by: Partnership officer',
      '',
    ].join('\n'),
  );
  return dir;
}

function run(dir: string, jobs: number): CliRun {
  return runCli(['packs', '--jobs', String(jobs), ...REPORTS.flatMap((f) => ['--report', `${f}=${jobs}-${OUT[f]}`]), '--report', 'github'], { cwd: dir });
}

describe('--pack-by dir', () => {
  let dir: string;
  let one: CliRun;
  let report: AuditReport;
  beforeAll(() => {
    dir = repo();
    one = run(dir, 1);
    report = JSON.parse(readFileSync(join(dir, `1-${OUT.json}`), 'utf8')) as AuditReport;
  });

  it('reports each pack as one organisation, valid against the report schema', () => {
    expect(one.code).toBe(2); // the invalid manifest
    const validate = reportValidator();
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.schemaVersion).toBe('2.3.0');
    expect(report.documents.map((d) => [d.path, d.format])).toEqual([
      ['packs/contradicting-club', 'pack'],
      ['packs/oakfield-school', 'pack'],
      ['packs/split-charity', 'pack'],
    ]);
    const oak = report.documents[1]!;
    expect(oak.organisation).toBe('Oakfield Primary School');
    expect([oak.profile, oak.profileSource]).toEqual(['school', 'manifest']);
    expect(oak.pack).toMatchObject({ manifest: 'packs/oakfield-school/wt-audit-pack.yaml', submitted: '2026-09-14' });
    expect(oak.pack!.documents.map((d) => d.path)).toEqual(['packs/oakfield-school/child-protection-policy.md', 'packs/oakfield-school/online-safety.md']);
    // the club's second document declares no type: judged as the first declared one, sports
    const club = report.documents[0]!;
    expect([club.profile, club.profileSource, club.organisation]).toEqual(['sports', 'front-matter', 'Millbrook Cricket Club']);
  });

  it('a timescale one document meets and another contradicts is partial, naming both documents, figures and lines', () => {
    const r = report.documents[0]!.results.find((x) => x.id === 'WT26-C4-ALLEGATIONS')!;
    expect(r.status).toBe('partial');
    expect(r.message).toContain('packs/contradicting-club/safeguarding-policy.md states 1 working day (line 11)');
    expect(r.message).toContain('packs/contradicting-club/code-of-conduct.md states 5 working days (line 5)');
    expect(r.anchor!.document).toBe('packs/contradicting-club/code-of-conduct.md');
  });

  it('two documents meeting different requirements: the pack meets both; a waiver scoped to the pack waives its finding', () => {
    const charity = report.documents[2]!;
    const status = (id: string) => charity.results.find((r) => r.id === id)!;
    expect(status('WT26-C4-WHISTLEBLOWING').status).toBe('met');
    expect(status('WT26-C4-WHISTLEBLOWING').evidence[0]!.document).toBe('packs/split-charity/whistleblowing.md');
    expect(status('WT26-C4-NAMED-LEAD').evidence.every((e) => e.document === 'packs/split-charity/child-protection-policy.md')).toBe(true);
    expect(status('WT26-C4-TRAINING')).toMatchObject({ status: 'waived', waiver: { approvedBy: 'Partnership officer' } });
    expect(report.documents[0]!.results.find((r) => r.id === 'WT26-C4-TRAINING')!.status).not.toBe('waived');
  });

  it('an invalid manifest is an error at its line and column; a file in no pack and an unlisted file are warnings', () => {
    expect(report.errors).toEqual([
      expect.objectContaining({ path: 'packs/broken-manifest/wt-audit-pack.yaml', line: 2, column: 10, message: expect.stringContaining('profile') as string }),
    ]);
    const warned = report.warnings.map((w) => w.path);
    expect(warned).toContain('packs/loose-file.md');
    expect(warned).toContain('packs/oakfield-school/draft-notes.md');
    // the manifest is never audited as a policy, and no document of the broken pack either
    const members = report.documents.flatMap((d) => d.pack!.documents.map((m) => m.path));
    expect(members.filter((m) => m.endsWith('wt-audit-pack.yaml') || m.includes('broken-manifest'))).toEqual([]);
  });

  it('SARIF validates and points into the member documents; JUnit has a suite per pack; CSV a row per pack; annotations name documents', () => {
    const sarif = JSON.parse(readFileSync(join(dir, `1-${OUT.sarif}`), 'utf8')) as {
      runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>;
    };
    expect(validateSarif(sarif)).toEqual([]);
    const uris = new Set(sarif.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri));
    for (const u of uris) expect(u).toMatch(/^packs\/[a-z-]+\/[a-z-]+\.md$/);
    expect(uris).toContain('packs/contradicting-club/code-of-conduct.md');

    const xml = readFileSync(join(dir, `1-${OUT.junit}`), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const suites = (
      new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'testsuite' }).parse(xml) as { testsuites: { testsuite: Array<{ '@_name': string }> } }
    ).testsuites.testsuite.map((s) => s['@_name']);
    expect(suites).toEqual(['packs/contradicting-club', 'packs/oakfield-school', 'packs/split-charity', 'packs/broken-manifest/wt-audit-pack.yaml']);

    const rows = parseCsv(readFileSync(join(dir, `1-${OUT.csv}`), 'utf8'));
    expect(rows.slice(1, 4).map((r) => [r[0], r[1]])).toEqual([
      ['packs/contradicting-club', 'Millbrook Cricket Club'],
      ['packs/oakfield-school', 'Oakfield Primary School'],
      ['packs/split-charity', ''],
    ]);

    const files = [...one.stdout.matchAll(/^::\w+ file=([^,]+),/gm)].map((m) => m[1]!);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(f).toMatch(/\.(md|yaml)$/);

    const review = readFileSync(join(dir, `1-${OUT.md}`), 'utf8');
    for (const d of report.documents[1]!.pack!.documents) expect(review).toContain(d.sha256);

    const terminal = readFileSync(join(dir, `1-${OUT.terminal}`), 'utf8');
    expect(terminal).toContain('Oakfield Primary School (packs/oakfield-school)');
    expect(terminal).toContain('Pack of 2 documents, submitted 2026-09-14:');
    expect(terminal).toMatch(/packs\/contradicting-club\/code-of-conduct\.md:5 +“If there is an allegation/);
    expect(terminal).toContain('Summary: 3 packs audited');

    const summary = readFileSync(join(dir, `1-${OUT.markdown}`), 'utf8');
    expect(summary).toContain('| Oakfield Primary School (packs/oakfield-school) | school |');
  });

  it('wt-audit config shows where pack-by comes from', () => {
    const r = runCli(['config'], { cwd: dir });
    expect(r.stdout).toMatch(/^pack-by +dir +\.wt-audit\.yaml:1$/m);
  });

  it('gives the same bytes on two threads as on one (18 files, so the pool starts)', () => {
    const many = repo(3);
    const [a, b] = [run(many, 1), run(many, 2)];
    expect(b.code).toBe(a.code);
    expect(b.stdout).toBe(a.stdout);
    for (const f of REPORTS) expect(readFileSync(join(many, `2-${OUT[f]}`), 'utf8'), f).toBe(readFileSync(join(many, `1-${OUT[f]}`), 'utf8'));
    const docs = (JSON.parse(readFileSync(join(many, `1-${OUT.json}`), 'utf8')) as AuditReport).documents.map((d) => d.path);
    expect(docs).toHaveLength(9);
    expect(docs.indexOf('packs/oakfield-school-2')).toBeLessThan(docs.indexOf('packs/oakfield-school'));
  });

  it('a baseline records findings by pack, never by file or line', () => {
    const r = runCli(['baseline', 'create', 'known.json', 'packs'], { cwd: dir });
    expect(r.code).toBe(2); // the invalid manifest: its pack has no findings to record
    const findings = (JSON.parse(readFileSync(join(dir, 'known.json'), 'utf8')) as { findings: Array<{ document: string }> }).findings;
    const packs = report.documents.map((d) => d.path);
    expect(new Set(findings.map((f) => f.document))).toEqual(new Set(packs));
    // and the same as the report's findings, one entry per pack and requirement
    const fromReport = report.documents.flatMap((d) => d.results.filter((x) => ['gap', 'partial', 'outdated', 'needs-review'].includes(x.status)));
    expect(findings).toHaveLength(fromReport.length);
  });
});

describe('planPacks', () => {
  it('a listed document that is missing is an error at its manifest line; only listed files form the pack', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wt-audit-plan-'));
    mkdirSync(join(dir, 'in', 'org', 'sub'), { recursive: true });
    writeFileSync(join(dir, 'in', 'org', 'wt-audit-pack.yaml'), 'organisation: Org\ndocuments:\n  - sub/policy.md\n  - missing.md\n');
    writeFileSync(join(dir, 'in', 'org', 'sub', 'policy.md'), '# Policy\n');
    writeFileSync(join(dir, 'in', 'org', 'extra.md'), '# Extra\n');
    const plan = planPacks(['in'], ['in/org/extra.md', 'in/org/sub/policy.md'], dir);
    expect(plan.packs).toEqual([{ path: 'in/org', files: ['in/org/sub/policy.md'], manifest: expect.objectContaining({ organisation: 'Org' }) as object }]);
    expect(plan.errors).toEqual([{ path: 'in/org/wt-audit-pack.yaml', line: 4, message: 'pack in/org: listed document in/org/missing.md is missing' }]);
    expect(plan.warnings.map((w) => w.path)).toEqual(['in/org/extra.md']);
    // a pack folder named on its own is one pack when it holds a manifest
    expect(planPacks(['in/org'], ['in/org/sub/policy.md'], dir).packs.map((p) => [p.path, p.files])).toEqual([['in/org', ['in/org/sub/policy.md']]]);
    writeFileSync(join(dir, 'in', 'org', 'wt-audit-pack.yaml'), 'documents:\n  - ../other/policy.md\n');
    expect(planPacks(['in'], ['in/org/sub/policy.md'], dir).errors[0]).toMatchObject({
      line: 2,
      message: expect.stringContaining('not a file inside the pack folder') as string,
    });
  });

  it('a folder whose policies are all directly in it is one pack; loose files beside pack folders are warnings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wt-audit-plan-'));
    mkdirSync(join(dir, 'club'), { recursive: true });
    const club = ['club/code-of-conduct.md', 'club/policy.md'];
    for (const f of club) writeFileSync(join(dir, f), '# Policy\n');
    // the submission's own folder, named on its own: its two files form one pack, nothing is left out
    const alone = planPacks(['club'], club, dir);
    expect(alone.packs.map((p) => [p.path, p.files])).toEqual([['club', club]]);
    expect(alone.warnings).toEqual([]);
    // the same folder one level down, beside a loose file: the folder is a pack, the file a warning
    mkdirSync(join(dir, 'all', 'club'), { recursive: true });
    const nested = ['all/club/policy.md', 'all/readme-notes.md'];
    for (const f of nested) writeFileSync(join(dir, f), '# Policy\n');
    const plan = planPacks(['all'], nested, dir);
    expect(plan.packs.map((p) => [p.path, p.files])).toEqual([['all/club', ['all/club/policy.md']]]);
    expect(plan.warnings.map((w) => w.path)).toEqual(['all/readme-notes.md']);
  });
});
