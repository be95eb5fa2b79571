/**
 * --file-timeout: a file that runs past its time is an error entry for that file, its thread is
 * stopped (or its worker ended and replaced), and every other file is audited as it would be
 * without it. The runaway file is a test hook (WT_AUDIT_TEST_HANG names a file whose audit waits
 * until stopped), so that the test does not depend on how slow some input is on this machine.
 */
import { cpSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runWithin, awaitWithin, FileTimeoutError } from '../../src/audit/deadline.js';
import { AuditPool, workerBackstopMs } from '../../src/audit/pool.js';
import type { FileResult } from '../../src/audit/audit-file.js';
import { loadCatalogue } from '../../src/catalogue/load.js';
import { ROOT, runCli } from '../helpers/run-cli.js';

/** 20 policies: enough that --jobs 2 audits on a worker thread as well as this one. */
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wt-timeout-'));
  for (const from of ['samples', 'test/eval/policies']) {
    for (const f of readdirSync(join(ROOT, from))) if (!/^readme/i.test(f) && statSync(join(ROOT, from, f)).isFile()) cpSync(join(ROOT, from, f), join(dir, f));
  }
  return dir;
}
const dir = folder();
const files = readdirSync(dir).sort();
const SLOW = 'a-harbour-rugby-club.md';

interface Report {
  documents: Array<{ path: string }>;
  errors: Array<{ path: string; message: string; line?: number }>;
}

describe('deadline', () => {
  it('stops synchronous code that runs past its time, and passes a result through', () => {
    const t = performance.now();
    expect(() =>
      runWithin(200, () => {
        for (;;);
      }),
    ).toThrow(FileTimeoutError);
    expect(performance.now() - t).toBeGreaterThanOrEqual(190);
    // a regular expression that backtracks for ever is stopped too
    expect(() => runWithin(200, () => /(a+)+$/.test(`${'a'.repeat(40)}b`))).toThrow('took longer than 0.2 s to audit (--file-timeout)');
    expect(runWithin(200, () => 42)).toBe(42);
    expect(runWithin(0, () => 'no limit')).toBe('no limit');
    expect(() =>
      runWithin(200, () => {
        throw new RangeError('own error');
      }),
    ).toThrow(RangeError);
  });

  it('gives up waiting for a promise that takes too long', async () => {
    await expect(awaitWithin(100, new Promise(() => {}))).rejects.toThrow(FileTimeoutError);
    await expect(awaitWithin(100, Promise.resolve(7))).resolves.toBe(7);
  });
});

describe('--file-timeout on the command line', { timeout: 120_000 }, () => {
  // generous beside what a policy takes (~20 ms), so that a busy machine does not time out a good one
  const audit = (jobs: number, env: Record<string, string> = {}) =>
    runCli([dir, '--format', 'json', '--as-of', '2026-11-01', '--jobs', String(jobs), '--file-timeout', '2.5'], { env });
  const expected = JSON.parse(audit(1).stdout) as Report;
  expect(expected.documents).toHaveLength(files.length);

  for (const jobs of [1, 2]) {
    it(`--jobs ${jobs}: the runaway file is an error entry, exit 2, every other file audited as without it`, () => {
      const run = audit(jobs, { WT_AUDIT_TEST_HANG: SLOW });
      expect(run.code).toBe(2);
      const report = JSON.parse(run.stdout) as Report;
      expect(report.errors).toEqual([
        { path: join(dir, SLOW), message: 'took longer than 2.5 s to audit (--file-timeout); the rest of the batch was audited' },
      ]);
      expect(report.documents).toEqual(expected.documents.filter((d) => !d.path.endsWith(SLOW)));
    });
  }

  it('names the file in the terminal report too, and --file-timeout 0 means no limit', () => {
    const run = runCli([join(dir, 'a-oakfield-primary.md'), join(dir, SLOW), '--as-of', '2026-11-01', '--file-timeout', '2.5'], {
      env: { WT_AUDIT_TEST_HANG: SLOW },
    });
    expect(run.code).toBe(2);
    // the terminal report wraps lines
    expect(run.stdout.replace(/\s+/g, ' ')).toContain(`${join(dir, SLOW)}: took longer than 2.5 s to audit (--file-timeout)`);
    expect(run.stdout).toContain('a-oakfield-primary.md');
    expect(runCli([dir, '--file-timeout', 'soon']).stderr).toMatch(/"soon" is not a number of seconds/);
    const unlimited = runCli([join(dir, 'a-oakfield-primary.md'), '--format', 'json', '--file-timeout', '0']);
    expect((JSON.parse(unlimited.stdout) as Report).documents).toHaveLength(1);
  });
});

describe('the pool ends a worker that does not answer in time', { timeout: 60_000 }, () => {
  const pools: AuditPool[] = [];
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
    delete process.env.WT_AUDIT_TEST_HANG_WORKER;
  });

  it('and replaces it: the file is an error entry, the others are audited by workers', async () => {
    // stuck before its audit begins, where the worker's own deadline does not reach
    process.env.WT_AUDIT_TEST_HANG_WORKER = SLOW; // workers copy the environment when they start
    const ms = 1000;
    const pool = new AuditPool({
      workers: 1,
      here: false,
      fileTimeoutMs: ms,
      run: { asOf: '2026-11-01', failOn: 'must', fileTimeoutMs: ms },
      form: 'document',
    });
    pools.push(pool);
    const out: FileResult[] = [];
    const t = performance.now();
    await pool.run(
      files.map((f) => join(dir, f)),
      loadCatalogue(),
      (r) => {
        out.push(r);
      },
    );
    expect(performance.now() - t).toBeGreaterThanOrEqual(workerBackstopMs(ms));
    expect(out.map((r) => r.path)).toEqual(files.map((f) => join(dir, f)));
    const slow = out.find((r) => r.path.endsWith(SLOW))!;
    expect(slow.errors[0]?.message).toMatch(/^took longer than 1 s to audit/);
    expect(slow.document).toBeUndefined();
    // here: false, so a worker (the replacement) audited every file after the stuck one
    expect(out.filter((r) => r.document)).toHaveLength(files.length - 1);
  });
});
