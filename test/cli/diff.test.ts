/** `wt-audit diff` end to end: two versions of a policy, saved reports, exit codes and refusals. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/run-cli.js';

const AS_OF = '2026-11-01';

const OLD = `---
organisation: Example Club
type: sports
---
# Safeguarding policy

## Reporting a concern

If you are worried about a child, tell the Club Welfare Officer, Jane Smith (07700 900123), the same day.

If a child is in immediate danger, call the police on 999.

## Types of abuse

Physical abuse, emotional abuse, sexual abuse and neglect are the four categories of abuse.
`;

/** The redraft: the abuse section dropped (regressions), an allegations section added (improvement), the reporting paragraphs moved. */
const NEW = `---
organisation: Example Club
type: sports
---
# Safeguarding policy

## Allegations against adults

Any allegation that a coach or volunteer may have harmed a child is passed straight away to the Club Welfare Officer, who refers it to the local authority designated officer (LADO) within one working day. We do not investigate ourselves first.

## Reporting a concern

If a child is in immediate danger, call the police on 999.

If you are worried about a child, tell the Club Welfare Officer, Jane Smith (07700 900123), the same day.
`;

function tmp(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'wt-audit-diff-'));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  return dir;
}

interface DiffJson {
  failing: boolean;
  regressions: Array<{ id: string; from: string; to: string }>;
  improvements: Array<{ id: string; from: string; to: string }>;
  evidenceChanged: unknown[];
}

describe('wt-audit diff', () => {
  const dir = tmp({ 'old.md': OLD, 'new.md': NEW });
  const oldMd = join(dir, 'old.md');
  const newMd = join(dir, 'new.md');

  it('lists the regressions first and exits 1 on a must regression', () => {
    const r = runCli(['diff', oldMd, newMd, '--as-of', AS_OF]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /Regressions \(\d+\)[\s\S]*WT26-C1-CATEGORIES-OF-ABUSE (met|partial) → gap · must[\s\S]*Improvements \(\d+\)[\s\S]*WT26-C4-ALLEGATIONS gap → met · must/,
    );
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('Fails: a regression at or above --fail-on must.');
  });

  it('matches by requirement id, not line: the same policy with its paragraphs moved has no change', () => {
    const moved = join(dir, 'moved.md');
    const [head, reporting, types] = OLD.split(/(?=## )/);
    writeFileSync(moved, `${head!}\n\n\n${types!}\n${reporting!.replace(/\n\n/g, '\n\n\n')}`);
    const d = JSON.parse(runCli(['diff', oldMd, moved, '--as-of', AS_OF, '--format', 'json']).stdout) as DiffJson & Record<string, unknown[]>;
    for (const group of ['regressions', 'improvements', 'statusChanged', 'evidenceChanged', 'newInCatalogue', 'removedFromCatalogue'])
      expect(d[group], group).toEqual([]);
  });

  it('JSON: deterministic, and the same from a saved report as from the policy', () => {
    const a = runCli(['diff', oldMd, newMd, '--as-of', AS_OF, '--format', 'json']);
    expect(a.code).toBe(1);
    expect(runCli(['diff', oldMd, newMd, '--as-of', AS_OF, '--format', 'json']).stdout).toBe(a.stdout);
    const d = JSON.parse(a.stdout) as DiffJson;
    expect(d.failing).toBe(true);
    expect(d.regressions.map((e) => e.id)).toContain('WT26-C1-CATEGORIES-OF-ABUSE');
    expect(d.improvements.map((e) => e.id)).toContain('WT26-C4-ALLEGATIONS');
    const saved = join(dir, 'old.json');
    expect(runCli([oldMd, '--as-of', AS_OF, '--format', 'json', '-o', saved]).code).toBe(1);
    const b = JSON.parse(runCli(['diff', saved, newMd, '--as-of', AS_OF, '--format', 'json']).stdout) as DiffJson & { old: { kind: string } };
    expect(b.old.kind).toBe('report');
    expect(b.regressions).toEqual(d.regressions);
    expect(b.improvements).toEqual(d.improvements);
  });

  it('--fail-on none exits 0; the reverse diff has only improvements where this one had regressions', () => {
    expect(runCli(['diff', oldMd, newMd, '--as-of', AS_OF, '--fail-on', 'none']).code).toBe(0);
    const back = JSON.parse(runCli(['diff', newMd, oldMd, '--as-of', AS_OF, '--format', 'json']).stdout) as DiffJson;
    expect(back.improvements.map((e) => e.id)).toContain('WT26-C1-CATEGORIES-OF-ABUSE');
    expect(back.regressions.map((e) => e.id)).toContain('WT26-C4-ALLEGATIONS');
  });

  it('a policy against itself: no change, exit 0', () => {
    const r = runCli(['diff', oldMd, oldMd, '--as-of', AS_OF, '--format', 'md']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('## Regressions (0)');
    expect(r.stdout).toContain('The two files are identical (same sha256).');
  });

  it('exits 2 with the file and the reason for what it cannot compare', () => {
    const bad = tmp({
      'bad.json': '{"schemaVersion": "2.0.0", ',
      'v1.json': JSON.stringify({ schemaVersion: '1.2.0', documents: [] }),
      'broken.yaml': 'policy:\n  organisation: [unclosed\nsections: []\n',
    });
    const cases: Array<[string, RegExp]> = [
      [join(bad, 'missing.md'), /missing\.md: .*(no such file|not found)/],
      [join(bad, 'bad.json'), /bad\.json: not valid JSON/],
      [join(bad, 'v1.json'), /v1\.json: a report of schema version 1\.2\.0/],
      [join(bad, 'broken.yaml'), /broken\.yaml:\d+: /],
    ];
    for (const [file, message] of cases) {
      const r = runCli(['diff', file, newMd, '--as-of', AS_OF]);
      expect(r.code, file).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });

  it('-o writes the comparison atomically and never over an input', () => {
    const out = join(dir, 'diff.md');
    expect(runCli(['diff', oldMd, newMd, '--as-of', AS_OF, '--format', 'md', '-o', out]).code).toBe(1);
    expect(readFileSync(out, 'utf8')).toMatch(/^# Policy diff\n/);
    const r = runCli(['diff', oldMd, newMd, '--as-of', AS_OF, '-o', newMd]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is one of the files being compared');
    expect(readFileSync(newMd, 'utf8')).toBe(NEW);
  });

  it('has help that says how it matches and when it fails', () => {
    const r = runCli(['diff', '--help'], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('matched by id, never by line');
    expect(r.stdout).toContain('--fail-on');
  });
});
