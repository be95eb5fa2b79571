/**
 * --file-timeout: a file that runs past its time is an error entry for that file, its thread is
 * stopped (or its worker ended and replaced), and every other file is audited as it would be
 * without it. The runaway file is a test hook (WT_AUDIT_TEST_HANG names a file whose audit waits
 * until stopped), so that the test does not depend on how slow some input is on this machine.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runWithin, awaitWithin, FileTimeoutError } from '../../src/audit/deadline.js';
import { AuditPool, workerBackstopMs } from '../../src/audit/pool.js';
import type { FileResult } from '../../src/audit/audit-file.js';
import { loadCatalogue } from '../../src/catalogue/load.js';
import { threadsFor } from '../../src/audit/jobs.js';
import { ROOT, runCli } from '../helpers/run-cli.js';

/** The samples and the first two evaluation sets, 22 policies: enough that --jobs 2 audits on a worker thread as well as this one. */
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wt-timeout-'));
  for (const from of ['samples', 'test/eval/policies']) {
    for (const f of readdirSync(join(ROOT, from)))
      if (!/^readme/i.test(f) && statSync(join(ROOT, from, f)).isFile() && (from === 'samples' || /^[ab]-/.test(f))) cpSync(join(ROOT, from, f), join(dir, f));
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
  // ~50× what a policy takes (~20 ms), so that a busy machine does not time out a good one; each
  // runaway run waits this long
  const LIMIT = '1.5';
  const out = mkdtempSync(join(tmpdir(), 'wt-timeout-out-'));
  const audit = (jobs: number, reports: string[], env: Record<string, string> = {}) =>
    runCli([dir, ...reports, '--as-of', '2026-11-01', '--jobs', String(jobs), '--file-timeout', LIMIT], { env });
  const expected = JSON.parse(audit(1, ['--format', 'json']).stdout) as Report;
  expect(expected.documents).toHaveLength(files.length);
  expect(threadsFor(files.length, 2)).toBe(2); // --jobs 2 does start a worker thread

  for (const jobs of [1, 2]) {
    it(`--jobs ${jobs}: the runaway file is an error entry, exit 2, every other file audited as without it`, () => {
      // the terminal report of the same run, to a file: it names the runaway file too
      const terminal = join(out, `terminal-${jobs}.txt`);
      const run = audit(jobs, ['--report', 'json', '--report', `terminal=${terminal}`], { WT_AUDIT_TEST_HANG: SLOW });
      expect(run.code).toBe(2);
      const report = JSON.parse(run.stdout) as Report;
      expect(report.errors).toEqual([
        { path: join(dir, SLOW), message: `took longer than ${LIMIT} s to audit (--file-timeout); the rest of the batch was audited` },
      ]);
      expect(report.documents).toEqual(expected.documents.filter((d) => !d.path.endsWith(SLOW)));
      // the terminal report wraps lines
      const text = readFileSync(terminal, 'utf8');
      expect(text.replace(/\s+/g, ' ')).toContain(`${join(dir, SLOW)}: took longer than ${LIMIT} s to audit (--file-timeout)`);
      expect(text).toContain('a-oakfield-primary.md');
    });
  }

  it('takes seconds only, and --file-timeout 0 means no limit', () => {
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
