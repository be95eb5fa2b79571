/** End to end: baseline create, --baseline failing only on new findings (keyed by document and requirement, not line), baseline prune. */
import { mkdirSync, mkdtempSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { validateSarif } from '../helpers/reports.js';
import { ROOT, runCli } from '../helpers/run-cli.js';
import { copySamples } from '../helpers/samples.js';

const AS_OF = '2026-11-01';
const ajv = new Ajv({ allErrors: true, strict: false });
const validateBaseline = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'checks/schema/baseline.schema.json'), 'utf8')) as object);
const validateReport = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'checks/schema/report.schema.json'), 'utf8')) as object);

interface Baseline {
  findings: Array<{ document: string; requirement: string; status: string }>;
}

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wt-audit-baseline-'));
  mkdirSync(join(dir, '.git'));
  copySamples(join(dir, 'policies'));
  writeFileSync(join(dir, '.wt-audit.yaml'), `as-of: ${AS_OF}\n`);
  return dir;
}

const THIN = '---\ntype: school\n---\n# Child protection\n\nReport any concern to the designated safeguarding lead.\n';
const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');

describe('baselines', () => {
  it('create records every finding by document and requirement, sorted, the same bytes run after run', () => {
    const dir = repo();
    const r = runCli(['baseline', 'create', 'known.json', 'policies', '--jobs', '1'], { cwd: dir });
    expect(r.code).toBe(0);
    const b = JSON.parse(read(dir, 'known.json')) as Baseline;
    expect(validateBaseline(b)).toBe(true);
    expect(r.stdout).toBe(`wt-audit: baseline known.json: ${b.findings.length} findings in 5 documents\n`);
    // the same findings the JSON report has, and no line numbers anywhere
    const report = JSON.parse(runCli(['policies', '--format', 'json'], { cwd: dir }).stdout) as {
      documents: Array<{ path: string; results: Array<{ id: string; status: string }> }>;
    };
    const expected = report.documents.flatMap((d) =>
      d.results
        .filter((x) => ['gap', 'partial', 'outdated', 'needs-review'].includes(x.status))
        .map((x) => ({ document: d.path, requirement: x.id, status: x.status })),
    );
    expect(b.findings).toEqual(expected);
    expect(read(dir, 'known.json')).not.toMatch(/"line"/);
    const again = runCli(['baseline', 'create', 'again.json', 'policies', '--jobs', '2'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(read(dir, 'again.json')).toBe(read(dir, 'known.json'));
  });

  it('--baseline: known findings do not fail the run, even when their lines move; new ones do', () => {
    const dir = repo();
    expect(runCli(['baseline', 'create', 'known.json', 'policies'], { cwd: dir }).code).toBe(0);
    const known = (JSON.parse(read(dir, 'known.json')) as Baseline).findings.length;
    expect(runCli(['policies'], { cwd: dir }).code).toBe(1);
    const same = runCli(['policies', '--baseline', 'known.json', '--format', 'json'], { cwd: dir });
    expect(same.code).toBe(0);
    const report = JSON.parse(same.stdout) as { baseline: { findings: number }; documents: Array<{ results: Array<{ status: string; known?: boolean }> }> };
    expect(validateReport(report)).toBe(true);
    expect(report.baseline).toEqual({ findings: known });
    expect(report.documents.flatMap((d) => d.results).filter((x) => x.known).length).toBe(known);
    // lines move: a note added at the top of every policy with findings
    for (const f of ['hope-community-trust-2018.md', 'riverside-juniors-fc-safeguarding.md']) {
      const p = join(dir, 'policies', f);
      const text = read(dir, join('policies', f));
      writeFileSync(p, text.startsWith('---') ? text.replace(/\n---\n/, '\n---\n\n<!-- reviewed -->\n\n\n') : `<!-- reviewed -->\n\n\n${text}`);
    }
    expect(runCli(['policies', '--baseline', 'known.json'], { cwd: dir }).code).toBe(0);
    // a policy that gets worse has new findings, and only those fail the run
    writeFileSync(join(dir, 'policies', 'st-aidans-primary-child-protection.md'), THIN);
    const worse = runCli(['policies', '--baseline', 'known.json', '--report', 'sarif=r.sarif', '--report', 'markdown'], { cwd: dir });
    expect(worse.code).toBe(1);
    const sarif = JSON.parse(read(dir, 'r.sarif')) as {
      runs: Array<{ results: Array<{ baselineState: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>;
    };
    expect(validateSarif(sarif)).toEqual([]);
    const fresh = sarif.runs[0]!.results.filter((x) => x.baselineState === 'new');
    expect(fresh.length).toBeGreaterThan(0);
    expect(new Set(fresh.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri))).toEqual(
      new Set(['policies/st-aidans-primary-child-protection.md']),
    );
    expect(sarif.runs[0]!.results.filter((x) => x.baselineState === 'unchanged').length).toBe(known);
    expect(worse.stdout).toContain(`Against the baseline: **${fresh.length}** new findings, ${known} known.`);
  });

  it('prune drops entries that no longer occur and keeps those of documents not audited this time', () => {
    const dir = repo();
    expect(runCli(['baseline', 'create', 'known.json', 'policies'], { cwd: dir }).code).toBe(0);
    const before = (JSON.parse(read(dir, 'known.json')) as Baseline).findings;
    const club = 'policies/riverside-juniors-fc-safeguarding.md';
    const charity = 'policies/hope-community-trust-2018.md';
    unlinkSync(join(dir, club));
    // only the charity is audited: its entries stay (they still occur); the club's go (its file is gone); the others stay (not audited, still there)
    const r = runCli(['baseline', 'prune', 'known.json', charity], { cwd: dir });
    expect(r.code).toBe(0);
    const after = (JSON.parse(read(dir, 'known.json')) as Baseline).findings;
    expect(after).toEqual(before.filter((e) => e.document !== club));
    expect(r.stdout).toBe(`wt-audit: baseline known.json: removed ${before.length - after.length} of ${before.length} entries; ${after.length} remain\n`);
    // the charity's policy is fixed down to a thin one of another kind: its old findings that no longer occur go
    writeFileSync(join(dir, charity), '# Empty\n');
    expect(runCli(['baseline', 'prune', 'known.json', 'policies'], { cwd: dir }).code).toBe(0);
    const last = (JSON.parse(read(dir, 'known.json')) as Baseline).findings;
    const nowReport = JSON.parse(runCli(['policies', '--format', 'json'], { cwd: dir }).stdout) as {
      documents: Array<{ path: string; results: Array<{ id: string; status: string }> }>;
    };
    const occurring = new Set(
      nowReport.documents.flatMap((d) =>
        d.results.filter((x) => ['gap', 'partial', 'outdated', 'needs-review'].includes(x.status)).map((x) => `${d.path} ${x.id}`),
      ),
    );
    expect(last.length).toBeGreaterThan(0);
    for (const e of last) expect(occurring.has(`${e.document} ${e.requirement}`)).toBe(true);
    expect(last.every((e) => after.some((a) => a.document === e.document && a.requirement === e.requirement))).toBe(true);
  });

  it('a missing or malformed baseline is an error (exit 2) naming the file', () => {
    const dir = repo();
    const missing = runCli(['policies', '--baseline', 'nope.json'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json: cannot read the baseline');
    writeFileSync(join(dir, 'bad.json'), '{"baselineVersion": 1, "tool": "wt-audit", "findings": [{"document": "a.md"}]}');
    const bad = runCli(['policies', '--baseline', 'bad.json'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.json: not a wt-audit baseline');
    writeFileSync(join(dir, 'broken.json'), '{');
    expect(runCli(['baseline', 'prune', 'broken.json', 'policies'], { cwd: dir }).stderr).toContain('broken.json: not a baseline (invalid JSON');
  });
});
