/** End to end: the built CLI on real files, as users run it. */
import { spawn } from 'node:child_process';
import { linkSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/run-cli.js';
import { reportValidator } from '../helpers/report.js';
import { SAMPLE_FILES } from '../helpers/samples.js';

const AS_OF = '2026-11-01';
const validateReport = reportValidator();

function tmp(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'wt-audit-'));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  return dir;
}

const GOOD = `---
type: sports
---
# Safeguarding policy

Our club welfare officer is Jane Smith (07700 900123). Report any concern about a child to her.
`;

describe('wt-audit CLI', () => {
  it('--version and --help exit 0 and say what they should', () => {
    const v = runCli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const h = runCli(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('Examples:');
    expect(h.stdout).toContain('--fail-on');
  });

  it('bad flags are usage errors (exit 2) with a clear message', () => {
    const p = runCli(['samples/', '--profile', 'bogus']);
    expect(p.code).toBe(2);
    expect(p.stderr).toContain('unknown profile "bogus"');
    const f = runCli(['samples/', '--format', 'xml']);
    expect(f.code).toBe(2);
    expect(f.stderr).toContain('unknown format "xml"');
    expect(runCli(['samples/', '--as-of', '2026-13-01']).code).toBe(2);
  });

  it('JSON output validates against its schema and is byte-for-byte deterministic', () => {
    const a = runCli([...SAMPLE_FILES, '--format', 'json', '--as-of', AS_OF]);
    const b = runCli([...SAMPLE_FILES, '--format', 'json', '--as-of', AS_OF]);
    expect(a.stdout).toBe(b.stdout);
    const report = JSON.parse(a.stdout) as {
      documents: Array<{ path: string; results: Array<Record<string, unknown>> }>;
      catalogue: { requirements: number };
      requirements: Array<{ id: string; remediation: string; reference: string }>;
    };
    const ok = validateReport(report);
    expect(validateReport.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(report.documents.length).toBeGreaterThanOrEqual(5);
    expect(report.catalogue.requirements).toBeGreaterThanOrEqual(20);
    // the catalogue's side once, in catalogue order; every result finds its requirement by id
    expect(report.requirements).toHaveLength(report.catalogue.requirements);
    const ids = new Set(report.requirements.map((r) => r.id));
    for (const r of report.requirements) expect(r.remediation.length).toBeGreaterThan(20);
    for (const d of report.documents) {
      expect(d.results.map((r) => r.id)).toEqual(report.requirements.map((r) => r.id));
      for (const r of d.results) {
        expect(ids.has(r.id as string)).toBe(true);
        expect(r).not.toHaveProperty('remediation');
      }
    }
  });

  it('exit codes follow --fail-on', () => {
    const dir = tmp({ 'club.md': GOOD });
    expect(runCli(['club.md', '--as-of', AS_OF], { cwd: dir }).code).toBe(1);
    expect(runCli(['club.md', '--as-of', AS_OF, '--fail-on', 'none'], { cwd: dir }).code).toBe(0);
  });

  it('a bad file is an error (exit 2) while the other files are still audited and reported', () => {
    const dir = tmp({ 'good.md': GOOD, 'broken.yaml': 'policy:\n  organisation: [unclosed\nsections: []\n', 'empty.md': '' });
    const r = runCli(['.', '--format', 'json', '--as-of', AS_OF], { cwd: dir });
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as { documents: Array<{ path: string }>; errors: Array<{ path: string; line?: number }> };
    expect(report.documents.map((d) => d.path)).toEqual(['good.md']);
    expect(report.errors.map((e) => e.path).sort()).toEqual(['broken.yaml', 'empty.md']);
    expect(report.errors.find((e) => e.path === 'broken.yaml')!.line).toBeGreaterThanOrEqual(2);
  });

  it('--output naming one of the inputs (or a hard link to it) is refused and the input left as it was', () => {
    const dir = tmp({ 'good.md': GOOD, 'other.md': GOOD });
    linkSync(join(dir, 'good.md'), join(dir, 'alias.md'));
    for (const target of ['good.md', 'alias.md']) {
      const r = runCli(['.', '--format', 'json', '-o', target, '--as-of', AS_OF], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('is one of the policies being audited');
      expect(readFileSync(join(dir, 'good.md'), 'utf8')).toBe(GOOD);
    }
    // nothing left behind, and a report to a new file still works
    expect(readdirSync(dir).sort()).toEqual(['alias.md', 'good.md', 'other.md']);
    expect(runCli(['good.md', '-o', 'report.txt', '--as-of', AS_OF], { cwd: dir }).code).toBe(1); // findings, no error
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toContain('good.md');
  });

  it('a reader that closes the pipe early (| head) ends no run in a crash, and the exit code still counts findings', async () => {
    const policy = readFileSync(join(ROOT, 'samples', 'hope-community-trust-2018.md'), 'utf8');
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`p${i}.md`] = policy;
    const dir = tmp(files);
    const runs: Array<[string[], number]> = [
      [['.', '--as-of', AS_OF], 1],
      [['.', '--format', 'json', '--as-of', AS_OF], 1],
    ];
    for (const [args, expected] of runs) {
      const child = spawn(process.execPath, [join(ROOT, 'bin', 'wt-audit.js'), ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const ended = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.stdout.once('data', () => child.stdout.destroy());
      const code = await ended;
      expect(stderr).not.toContain('EPIPE');
      expect(code).toBe(expected);
    }
  });

  it('a path that does not exist is an error, others still audited', () => {
    const dir = tmp({ 'good.md': GOOD });
    const r = runCli(['good.md', 'missing.md', '--as-of', AS_OF], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('good.md');
    expect(r.stdout).toContain('missing.md: no such file or directory');
  });

  it('the terminal report shows the profile source, evidence lines, anchors, references and remediation', () => {
    const dir = tmp({ 'club.md': GOOD });
    const r = runCli(['club.md', '--as-of', AS_OF], { cwd: dir });
    expect(r.stdout).toContain('Profile: sports (from front matter)');
    expect(r.stdout).toMatch(/club\.md:6 +“Our club welfare officer is Jane Smith \(07700 900123\)\.”/);
    expect(r.stdout).toContain('Working Together to Safeguard Children 2026, chapter');
    expect(r.stdout).toContain('Fix: ');
    expect(r.stdout).toMatch(/Summary: 1 policy audited/);
    // readable at 80 columns
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('with no type, vcse is assumed and the report says so; --quiet hides what is met', () => {
    const dir = tmp({ 'p.md': '# Policy\n\nOur welfare officer is Jane Smith (07700 900123).\n' });
    const r = runCli(['p.md', '--as-of', AS_OF], { cwd: dir });
    expect(r.stdout).toContain('Profile: vcse (assumed: no type given)');
    const q = runCli(['p.md', '--quiet', '--as-of', AS_OF], { cwd: dir });
    expect(q.stdout).not.toContain('✓ WT26-C4-NAMED-LEAD');
    expect(r.stdout).toContain('✓ WT26-C4-NAMED-LEAD');
  });

  it('colour follows NO_COLOR and FORCE_COLOR', () => {
    const dir = tmp({ 'club.md': GOOD });
    expect(runCli(['club.md'], { cwd: dir }).stdout).not.toContain('\u001b[');
    expect(runCli(['club.md'], { cwd: dir, env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout).toContain('\u001b[');
  });

  it('list filters by profile and by what changed in 2026', () => {
    const all = runCli(['list']);
    expect(all.code).toBe(0);
    const changed = runCli(['list', '--changed-in', '2026', '--format', 'json']);
    const rows = JSON.parse(changed.stdout) as Array<{ change: string }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.change === 'new-2026' || r.change === 'strengthened-2026')).toBe(true);
    const sports = JSON.parse(runCli(['list', '--profile', 'sports', '--format', 'json']).stdout) as Array<{ id: string; applies_to: string[] }>;
    expect(sports.every((r) => r.applies_to.includes('all') || r.applies_to.includes('sports'))).toBe(true);
    expect(sports.some((r) => r.id.startsWith('WT26-C2-'))).toBe(false);
  });

  it('explain shows reference, applicability, change, remediation and model wording', () => {
    const r = runCli(['explain', 'WT26-C4-ALLEGATIONS']);
    expect(r.code).toBe(0);
    for (const s of ['Reference:', 'Applies to:', 'Change:', 'Remediation:', 'Model wording:', 'ch. 4 para 223']) expect(r.stdout).toContain(s);
    const bad = runCli(['explain', 'WT26-NOPE']);
    expect(bad.code).toBe(2);
  });
});
