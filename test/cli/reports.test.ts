/** End to end: several reports in one run (--report), as CI runs it (docs/ci.md uses these same commands). */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parseCsv, validateSarif } from '../helpers/reports.js';
import { runCli } from '../helpers/run-cli.js';
import { copySamples, SAMPLE_FILES } from '../helpers/samples.js';

const AS_OF = '2026-11-01';

/** A repository (a .git folder) holding the samples under policies/, `copies` times over. */
function repo(copies = 1): string {
  const dir = mkdtempSync(join(tmpdir(), 'wt-audit-ci-'));
  mkdirSync(join(dir, '.git'));
  for (let i = 0; i < copies; i++) copySamples(join(dir, 'policies', copies === 1 ? '' : `batch-${i}`));
  return dir;
}

/** The CI command of docs/ci.md. */
const CI_ARGS = [
  'policies',
  '--as-of',
  AS_OF,
  '--report',
  'sarif=wt-audit.sarif',
  '--report',
  'junit=wt-audit.junit.xml',
  '--report',
  'csv=wt-audit.csv',
  '--report',
  'markdown=wt-audit.md',
  '--report',
  'github',
];

describe('--report', () => {
  it('writes every report of the CI command, valid, with repository-relative paths, and the step summary', () => {
    const dir = repo();
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '# earlier step\n');
    const r = runCli(CI_ARGS, { cwd: join(dir), env: { GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(1); // the samples have findings at must
    expect(r.stderr).toBe('');
    const sarif = JSON.parse(readFileSync(join(dir, 'wt-audit.sarif'), 'utf8')) as {
      runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>;
    };
    expect(validateSarif(sarif)).toEqual([]);
    const uris = new Set(sarif.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri));
    expect([...uris].sort()).toEqual([
      'policies/hope-community-trust-2018.md',
      'policies/northgate-youth-theatre.yaml',
      'policies/riverside-juniors-fc-safeguarding.md',
      'policies/westshire-safeguarding-partnership-arrangements.md',
    ]);
    const xml = readFileSync(join(dir, 'wt-audit.junit.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const suites = (new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'testsuite' }).parse(xml) as { testsuites: { testsuite: unknown[] } })
      .testsuites.testsuite;
    expect(suites).toHaveLength(5);
    expect(parseCsv(readFileSync(join(dir, 'wt-audit.csv'), 'utf8'))).toHaveLength(6);
    const md = readFileSync(join(dir, 'wt-audit.md'), 'utf8');
    expect(md).toContain('## wt-audit: 5 policies audited');
    expect(r.stdout).toMatch(/^::error file=policies\//);
    expect(readFileSync(summary, 'utf8')).toBe(`# earlier step\n${md}`);
    // nothing else written: no temporary files left
    expect(readdirSync(dir).sort()).toEqual(['.git', 'policies', 'summary.md', 'wt-audit.csv', 'wt-audit.junit.xml', 'wt-audit.md', 'wt-audit.sarif']);
  });

  it('gives the same bytes whatever --jobs is, run after run', () => {
    const dir = repo(4); // 20 files: enough for the worker pool
    const runs = ['1', '2', '2'].map((jobs, i) => {
      const out = `out-${i}`;
      mkdirSync(join(dir, out));
      const args = [
        'policies',
        '--as-of',
        AS_OF,
        '--jobs',
        jobs,
        ...['sarif', 'junit', 'csv', 'markdown', 'json', 'github', 'terminal'].flatMap((f) => ['--report', `${f}=${out}/r.${f}`]),
      ];
      expect(runCli(args, { cwd: dir }).code).toBe(1);
      return readdirSync(join(dir, out))
        .sort()
        .map((f) => readFileSync(join(dir, out, f), 'utf8'));
    });
    expect(runs[0]).toHaveLength(7);
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
    // the JSON rendered here for several reporters is the JSON the workers render for a JSON-only run
    expect(runCli(['policies', '--as-of', AS_OF, '--jobs', '2', '--report', 'json=alone.json'], { cwd: dir }).code).toBe(1);
    expect(readFileSync(join(dir, 'out-0', 'r.json'), 'utf8')).toBe(readFileSync(join(dir, 'alone.json'), 'utf8'));
  }, 60_000);

  it('--format and --output keep working, alone and beside --report', () => {
    const dir = repo();
    expect(runCli(['policies', '--as-of', AS_OF, '--format', 'json', '-o', 'a.json'], { cwd: dir }).code).toBe(1);
    expect(runCli(['policies', '--as-of', AS_OF, '--report', 'json=b.json'], { cwd: dir }).code).toBe(1);
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe(readFileSync(join(dir, 'a.json'), 'utf8'));
    const both = runCli(['policies', '--as-of', AS_OF, '--format', 'sarif', '--report', 'csv=c.csv'], { cwd: dir });
    expect(both.code).toBe(1);
    expect(validateSarif(JSON.parse(both.stdout))).toEqual([]);
    expect(existsSync(join(dir, 'c.csv'))).toBe(true);
    // --report alone replaces the default terminal report on standard output
    expect(runCli(['policies', '--as-of', AS_OF, '--report', 'csv=d.csv'], { cwd: dir }).stdout).toBe('');
  });

  it('refuses, before auditing, two reports on standard output, two on one file, an unknown format', () => {
    const dir = repo();
    const two = runCli(['policies', '--report', 'sarif', '--report', 'github'], { cwd: dir });
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('only one report can go to standard output, but --report sarif and --report github both would');
    const same = runCli(['policies', '--report', 'sarif=x.out', '--report', `junit=${join(dir, 'x.out')}`], { cwd: dir });
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('would write the same file');
    const unknown = runCli(['policies', '--report', 'pdf=x.pdf'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown report format "pdf"');
    expect(runCli(['policies', '--report', 'sarif='], { cwd: dir }).code).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['.git', 'policies']);
  });

  it('a report onto an input, or into a missing folder, is an error (exit 2) and writes no report at all', () => {
    const dir = repo();
    const input = join(dir, 'policies', 'hope-community-trust-2018.md');
    const before = readFileSync(input, 'utf8');
    const r = runCli(['policies', '--report', 'csv=ok.csv', '--report', 'sarif=policies/hope-community-trust-2018.md'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--report sarif=policies/hope-community-trust-2018.md is one of the policies being audited');
    expect(readFileSync(input, 'utf8')).toBe(before);
    const m = runCli(['policies', '--report', 'csv=ok.csv', '--report', 'junit=missing/r.xml'], { cwd: dir });
    expect(m.code).toBe(2);
    expect(m.stderr).toContain('cannot write missing/r.xml');
    expect(readdirSync(dir).sort()).toEqual(['.git', 'policies']);
    expect(readdirSync(join(dir, 'policies')).sort()).toEqual(
      SAMPLE_FILES.map((f) => f.slice('samples/'.length))
        .concat('README.md')
        .sort(),
    );
  });
});
