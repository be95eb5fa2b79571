/** docs/ci.md's commands, run as written: the CI examples are the ones the tests exercise. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parseCsv, validateSarif } from '../helpers/reports.js';
import { ROOT, runCli } from '../helpers/run-cli.js';
import { copySamples } from '../helpers/samples.js';

const doc = readFileSync(join(ROOT, 'docs', 'ci.md'), 'utf8');

/** The arguments after `npx wt-audit` in the fenced block that follows a heading. */
function commandUnder(heading: string): string[] {
  const section = doc.slice(doc.indexOf(`## ${heading}`));
  const block = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
  const line = block.split('\n').find((l) => l.includes('npx wt-audit '))!;
  return line
    .slice(line.indexOf('npx wt-audit ') + 'npx wt-audit '.length)
    .trim()
    .split(/\s+/);
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
});
