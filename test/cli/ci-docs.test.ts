/** docs/ci.md's commands, run as written: the CI examples are the ones the tests exercise. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parseCsv, validateSarif } from '../helpers/reports.js';
import { ROOT, runCli } from '../helpers/run-cli.js';
import { copySamples } from '../helpers/samples.js';

const doc = readFileSync(join(ROOT, 'docs', 'ci.md'), 'utf8');

/** The fenced YAML block that follows a heading. */
function blockUnder(heading: string): string {
  const section = doc.slice(doc.indexOf(`## ${heading}`));
  return /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
}

/** The arguments after `npx wt-audit` on each line of the block under a heading that has it, with `${{ matrix.shard }}` given a value. */
function commandsUnder(heading: string, shard?: number): string[][] {
  return blockUnder(heading)
    .split('\n')
    .filter((l) => l.includes('npx wt-audit '))
    .map((line) =>
      line
        .slice(line.indexOf('npx wt-audit ') + 'npx wt-audit '.length)
        .replaceAll('${{ matrix.shard }}', String(shard))
        .trim()
        .split(/\s+/),
    );
}

/** The arguments after `npx wt-audit` in the fenced block that follows a heading. */
function commandUnder(heading: string): string[] {
  return commandsUnder(heading)[0]!;
}

/** File names a block mentions after a key such as `sarif_file:` or `junit:`. */
function fileAfter(heading: string, key: string): string {
  const section = doc.slice(doc.indexOf(`## ${heading}`));
  return new RegExp(`${key}:\\s*(\\S+)`).exec(section)![1]!;
}

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wt-audit-docs-'));
  mkdirSync(join(dir, '.git'));
  copySamples(join(dir, 'policies'));
  writeFileSync(join(dir, '.wt-audit.yaml'), 'as-of: 2026-11-01\n');
  return dir;
}

describe('docs/ci.md', () => {
  it('the GitHub Actions step writes the SARIF, JUnit, Markdown and CSV the later steps upload, annotations and the step summary', () => {
    const args = commandUnder('GitHub Actions');
    expect(args).toContain('github');
    const dir = repo();
    const summary = join(dir, 'step-summary.md');
    const r = runCli(args, { cwd: dir, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(1); // the samples have findings: the job fails after the upload steps ran
    const sarif = fileAfter('GitHub Actions', 'sarif_file');
    expect(validateSarif(JSON.parse(readFileSync(join(dir, sarif), 'utf8')))).toEqual([]);
    const junit = readFileSync(join(dir, fileAfter('GitHub Actions', 'report_paths')), 'utf8');
    expect(XMLValidator.validate(junit)).toBe(true);
    expect(parseCsv(readFileSync(join(dir, 'wt-audit.csv'), 'utf8')).length).toBe(6);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error ')).length).toBe(10);
    expect(readFileSync(summary, 'utf8')).toBe(readFileSync(join(dir, 'wt-audit.md'), 'utf8'));
  });

  it('the GitLab job writes the JUnit report it declares and the artifacts it keeps', () => {
    const args = commandUnder('GitLab CI');
    const dir = repo();
    const r = runCli(args, { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const junit = readFileSync(join(dir, fileAfter('GitLab CI', 'junit')), 'utf8');
    const suites = (new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'testsuite' }).parse(junit) as { testsuites: { testsuite: unknown[] } })
      .testsuites.testsuite;
    expect(suites).toHaveLength(5);
    for (const f of ['wt-audit.sarif', 'wt-audit.md', 'wt-audit.csv']) expect(existsSync(join(dir, f)), f).toBe(true);
  });

  it('the sharded workflow: each slice, then the merge, gives the SARIF and JUnit of one whole run', () => {
    const matrix = /shard: \[([\d, ]+)\]/.exec(blockUnder('Many submissions'))![1]!.split(',').map(Number);
    expect(matrix.length).toBeGreaterThan(1);
    const dir = repo();
    for (const i of matrix) {
      const [slice, merge] = commandsUnder('Many submissions', i);
      expect(merge![0]).toBe('merge');
      const r = runCli(slice!, { cwd: dir });
      expect(r.code).toBe(0); // --fail-on none: a slice hands on its report
      expect(existsSync(join(dir, `wt-audit-${i}.json`))).toBe(true);
    }
    const summary = join(dir, 'step-summary.md');
    const merged = runCli(commandsUnder('Many submissions')[1]!, { cwd: dir, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(merged.code).toBe(1);
    expect(merged.stdout.split('\n').filter((l) => l.startsWith('::error ')).length).toBe(10);
    expect(existsSync(summary)).toBe(true);
    const whole = runCli(['policies', '--report', 'sarif=whole.sarif', '--report', 'junit=whole.junit.xml'], { cwd: dir });
    expect(whole.code).toBe(1);
    expect(readFileSync(join(dir, 'wt-audit.sarif'), 'utf8')).toBe(readFileSync(join(dir, 'whole.sarif'), 'utf8'));
    expect(readFileSync(join(dir, 'wt-audit.junit.xml'), 'utf8')).toBe(readFileSync(join(dir, 'whole.junit.xml'), 'utf8'));
  });

  it('the nightly run with a cache: the second run reads every judgement from it and writes the same reports', () => {
    const args = commandUnder('A nightly run');
    const dir = repo();
    const cold = runCli(args, { cwd: dir });
    const reports = ['wt-audit.csv', 'wt-audit.md'].map((f) => readFileSync(join(dir, f), 'utf8'));
    const cache = join(dir, /path: (\S+)/.exec(blockUnder('A nightly run'))![1]!);
    const entries = readdirSync(cache, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));
    expect(entries).toHaveLength(5);
    // an entry judged again would be written anew (atomically: a new file); a hit leaves it as it is
    const inodes = () => entries.map((e) => statSync(join(cache, e)).ino);
    const before = inodes();
    const warm = runCli(args, { cwd: dir });
    expect(inodes()).toEqual(before);
    expect(warm).toEqual(cold);
    expect(['wt-audit.csv', 'wt-audit.md'].map((f) => readFileSync(join(dir, f), 'utf8'))).toEqual(reports);
  });
});
