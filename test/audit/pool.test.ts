/**
 * The worker pool gives what auditing in this thread gives: the same results, in sorted path
 * order, with errors kept to their own file. (Speed is measured by `npm run bench`, never here.)
 * The workers run the build (dist/audit/pool-worker.js); `npm test` builds first.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.js';
import { AuditPool } from '../../src/audit/pool.js';
import type { FileResult, RunOptions } from '../../src/audit/audit-file.js';
import { threadsFor } from '../../src/audit/jobs.js';
import { auditInThread } from '../../src/audit/run.js';
import { documentJson } from '../../src/audit/document-json.js';
import type { AuditReport } from '../../src/audit/result.js';
import { ROOT, runCli } from '../helpers/run-cli.js';

const OPTS: RunOptions = { asOf: '2026-11-01', failOn: 'must' };
const catalogue = loadCatalogue();

/** A folder of real policies (samples and evaluation policies) plus files that must fail on their own. */
function corpus(): { dir: string; files: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'wt-pool-'));
  // the samples and the first two evaluation sets: Markdown and YAML, every profile, 20-odd files
  for (const from of ['samples', 'test/eval/policies']) {
    for (const f of readdirSync(join(ROOT, from)))
      if (!/^readme/i.test(f) && statSync(join(ROOT, from, f)).isFile() && (from === 'samples' || /^[ab]-/.test(f))) cpSync(join(ROOT, from, f), join(dir, f));
  }
  writeFileSync(join(dir, 'broken.yaml'), 'policy: [unclosed\n');
  writeFileSync(join(dir, 'empty.md'), '---\ntype: school\n---\n');
  writeFileSync(join(dir, 'unknown-type.md'), '---\ntype: bakery\n---\n# Policy\n\nReport concerns to the DSL.\n');
  mkdirSync(join(dir, 'folder.md'));
  const files = readdirSync(dir).map((f) => join(dir, f));
  files.push(join(dir, 'missing.md'));
  // deliberately not in path order: results must come out sorted whatever the input order
  return { dir, files: files.reverse() };
}

const { files } = corpus();
const pools: AuditPool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

let inThreadOnce: Promise<FileResult[]> | undefined;

/** The corpus audited in this thread: what every pool run must give. Audited once for the file. */
function inThread(): Promise<FileResult[]> {
  inThreadOnce ??= (async () => {
    const out: FileResult[] = [];
    await auditInThread(files, catalogue, OPTS, 'document', (r) => {
      out.push(r);
    });
    return out;
  })();
  return inThreadOnce;
}

async function onPool(
  workers: number,
  form: 'document' | 'json',
  window?: number,
  during?: (pool: AuditPool, n: number) => void,
  here = true,
): Promise<FileResult[]> {
  const pool = new AuditPool({ workers, here, run: OPTS, form, ...(window ? { window } : {}) });
  pools.push(pool);
  const out: FileResult[] = [];
  await pool.run(files, catalogue, (r) => {
    out.push(r);
    during?.(pool, out.length);
  });
  return out;
}

const sorted = (xs: string[]) => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

describe('audit pool', { timeout: 120_000 }, () => {
  it('gives the same results as auditing in this thread, in sorted path order', async () => {
    const expected = await inThread();
    expect(expected.map((r) => r.path)).toEqual(sorted(files));
    // workers alone (one, and more than the cores), and workers with this thread (the window and
    // worker-death tests below run the other mixes)
    expect(await onPool(1, 'document', undefined, undefined, false)).toEqual(expected);
    expect(await onPool(3, 'document', undefined, undefined, false)).toEqual(expected);
    expect(await onPool(2, 'document')).toEqual(expected);
  });

  it('renders JSON in the workers exactly as this thread would', async () => {
    const expected = await inThread();
    const got = await onPool(2, 'json');
    expect(got.map((r) => r.path)).toEqual(expected.map((r) => r.path));
    got.forEach((r, i) => {
      const doc = expected[i]!.document;
      expect(r.json ? new TextDecoder().decode(r.json) : undefined).toBe(doc ? documentJson(doc) : undefined);
      expect({ ...r, json: undefined }).toEqual({ ...expected[i], document: undefined, json: undefined });
    });
  });

  it('keeps order through a small reorder window', async () => {
    const expected = await inThread();
    expect(await onPool(3, 'document', 1)).toEqual(expected);
    expect(await onPool(2, 'document', 2)).toEqual(expected);
  });

  it('keeps errors to their own file', async () => {
    const got = await onPool(2, 'document');
    const byName = new Map(got.map((r) => [r.path.replace(/.*[\\/]/, ''), r]));
    expect(byName.get('broken.yaml')!.errors[0]!.message).toMatch(/YAML/);
    expect(byName.get('empty.md')!.errors[0]!.message).toBe('no policy text (only front matter)');
    expect(byName.get('missing.md')!.errors[0]!.message).toBe('file not found');
    expect(byName.get('folder.md')!.errors[0]!.message).toBe('is a directory, not a file');
    expect(byName.get('unknown-type.md')!.warnings).toHaveLength(1);
    expect(byName.get('unknown-type.md')!.document).toBeDefined();
    const audited = got.filter((r) => r.document);
    expect(audited.length).toBe(files.length - 4);
  });

  it('when a worker thread dies, its file is audited again here and the report is unchanged', async () => {
    const expected = await inThread();
    type Inside = { slots: Array<{ dead: boolean; worker: { terminate(): Promise<number> } }>; respawns: number };
    let pool: Inside | undefined;
    const kill = (p: AuditPool, n: number) => {
      pool = p as unknown as Inside;
      if (n !== 3 && n !== 9) return;
      void pool.slots.find((s) => !s.dead)?.worker.terminate();
    };
    // the workers really died (and were replaced), and the report is the one a single thread gives
    expect(await onPool(2, 'document', undefined, kill, false)).toEqual(expected);
    expect(pool!.respawns).toBeGreaterThanOrEqual(2);
    expect(await onPool(1, 'document', undefined, kill, true)).toEqual(expected);
    expect(pool!.respawns).toBeGreaterThanOrEqual(1);
  });

  it('uses worker threads only when there are enough files to pay for them', () => {
    expect(threadsFor(1, 8)).toBe(1);
    expect(threadsFor(10, 2)).toBe(1);
    expect(threadsFor(16, 2)).toBe(2);
    expect(threadsFor(1000, 2)).toBe(2);
    expect(threadsFor(1000, 1)).toBe(1);
  });

  it('the CLI writes the same JSON report whatever --jobs is', () => {
    const { dir } = corpus();
    const a = runCli([dir, '--format', 'json', '--as-of', '2026-11-01', '--jobs', '1']);
    const b = runCli([dir, '--format', 'json', '--as-of', '2026-11-01', '--jobs', '2']);
    const c = runCli([dir, '--format', 'json', '--as-of', '2026-11-01', '--jobs', '3']);
    expect(a.code).toBe(2); // the broken files are errors
    expect(b.stdout).toBe(a.stdout);
    expect(c.stdout).toBe(a.stdout);
    expect(b.code).toBe(a.code);
    expect((JSON.parse(a.stdout) as AuditReport).documents.length).toBe(files.length - 4);
  });

  it('--jobs takes a whole number of threads', () => {
    const r = runCli(['samples', '--jobs', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a number of threads/);
  });
});
