/**
 * --shard and wt-audit merge through the CLI: two shards of a folder, merged, give the bytes one
 * whole run gives (JSON and SARIF); the shards' cache serves a later whole run, which gives them too.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/audit/result.js';
import { reportValidator } from '../helpers/report.js';
import { validateSarif } from '../helpers/reports.js';
import { ROOT, runCli } from '../helpers/run-cli.js';
import { copySamples } from '../helpers/samples.js';

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wt-audit-shard-'));
  mkdirSync(join(dir, '.git'));
  copySamples(join(dir, 'policies'));
  cpSync(join(ROOT, 'samples', 'partners'), join(dir, 'partners'), { recursive: true });
  return dir;
}

const AUDIT = ['policies', '--as-of', '2026-11-01'];

describe('--shard and wt-audit merge', () => {
  it('two shards merged give the JSON and SARIF of one whole run; a warm cache gives them too', () => {
    const dir = repo();
    const read = (f: string) => readFileSync(join(dir, f), 'utf8');
    const whole = runCli([...AUDIT, '--report', 'json=whole.json', '--report', 'sarif=whole.sarif'], { cwd: dir });
    const shards = [1, 2].map((i) => runCli([...AUDIT, '--shard', `${i}/2`, '--report', `json=s${i}.json`, '--cache', '.wt-cache'], { cwd: dir }));
    const merged = runCli(['merge', 's1.json', 's2.json', '--report', 'json=merged.json', '--report', 'sarif=merged.sarif'], { cwd: dir });
    const warm = runCli([...AUDIT, '--cache', '.wt-cache', '--report', 'json=warm.json', '--report', 'sarif=warm.sarif'], { cwd: dir });

    expect(whole.code).toBe(1);
    for (const s of shards) expect(s.stderr).toBe('');
    const parts = [1, 2].map((i) => JSON.parse(read(`s${i}.json`)) as AuditReport);
    for (const [i, part] of parts.entries()) {
      expect(reportValidator()(part)).toBe(true);
      expect(part.shard).toEqual({ index: i + 1, count: 2 });
      expect(part.documents.length).toBeGreaterThan(0);
    }
    const all = (JSON.parse(read('whole.json')) as AuditReport).documents.map((d) => d.path);
    expect(parts.flatMap((p) => p.documents.map((d) => d.path)).sort()).toEqual(all);

    expect(merged).toEqual({ code: whole.code, stdout: '', stderr: '' });
    expect(read('merged.json')).toBe(read('whole.json'));
    expect(read('merged.sarif')).toBe(read('whole.sarif'));
    expect(validateSarif(JSON.parse(read('merged.sarif')))).toEqual([]);

    expect(warm.code).toBe(whole.code);
    expect(read('warm.json')).toBe(read('whole.json'));
    expect(read('warm.sarif')).toBe(read('whole.sarif'));
  });

  it('with --pack-by dir a pack is sliced whole, and the merged packs are the whole run', () => {
    const dir = repo();
    const read = (f: string) => readFileSync(join(dir, f), 'utf8');
    const packs = ['partners', '--pack-by', 'dir', '--as-of', '2026-11-01'];
    runCli([...packs, '--report', 'json=whole.json', '--report', 'csv=whole.csv'], { cwd: dir });
    for (const i of [1, 2]) runCli([...packs, '--shard', `${i}/2`, '--report', `json=p${i}.json`], { cwd: dir });
    const merged = runCli(['merge', 'p1.json', 'p2.json', '--report', 'json=merged.json', '--report', 'csv=merged.csv'], { cwd: dir });
    expect(merged.stderr).toBe('');
    const parts = [1, 2].map((i) => (JSON.parse(read(`p${i}.json`)) as AuditReport).documents.map((d) => d.path));
    for (const part of parts) expect(part.length).toBeGreaterThan(0);
    expect(parts.flat().every((p) => /^partners\/[^/]+$/.test(p))).toBe(true);
    expect(read('merged.json')).toBe(read('whole.json'));
    expect(read('merged.csv')).toBe(read('whole.csv'));
  });

  it('refuses a file that is not a report, and a bad --shard, as errors (exit 2)', () => {
    const dir = repo();
    writeFileSync(join(dir, 'notes.json'), '{"documents": []}');
    writeFileSync(join(dir, 'report.json'), runCli([...AUDIT, '--format', 'json'], { cwd: dir }).stdout);
    const bad = runCli(['merge', 'report.json', 'notes.json'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^wt-audit: notes\.json: not a wt-audit JSON report/);
    const shard = runCli([...AUDIT, '--shard', '3/2'], { cwd: dir });
    expect(shard.code).toBe(2);
    expect(shard.stderr).toContain('"3/2" is not a shard');
  });
});
