/**
 * --cache: a warm run gives the same bytes as a cold one and takes its judgements from the cache;
 * an entry that is corrupt, truncated, foreign or for another key is never trusted, but judged
 * again and rewritten; a folder that cannot be used is one warning.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditFiles, type AuditRun } from '../../src/audit/run.js';
import type { AuditReport } from '../../src/audit/result.js';
import { JsonReportWriter } from '../../src/report/json.js';
import { SAMPLE_FILES } from '../helpers/samples.js';

const AS_OF = '2026-11-01';
const SAMPLES = SAMPLE_FILES;

/** The JSON report of a run, as the CLI writes it (documents in the rendered form, where a cache hit is used as it is). */
async function jsonOf(files: string[], run: Partial<AuditRun> = {}): Promise<string> {
  const chunks: Buffer[] = [];
  const writer = new JsonReportWriter((...parts: Array<string | Uint8Array>) => {
    for (const p of parts) chunks.push(Buffer.from(p));
    return Promise.resolve();
  });
  await auditFiles({ files, errors: [] }, { asOf: AS_OF, failOn: 'must', jobs: 1, ...run }, writer);
  return Buffer.concat(chunks).toString('utf8');
}

async function reportOf(files: string[], run: Partial<AuditRun> = {}): Promise<AuditReport> {
  return (await auditFiles({ files, errors: [] }, { asOf: AS_OF, failOn: 'must', jobs: 1, ...run })).report;
}

/** Every entry file of a cache folder. */
function entries(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(dir, f))
    .sort();
}

const fresh = (): string => mkdtempSync(join(tmpdir(), 'wt-audit-cache-'));

describe('--cache', () => {
  let plain: string;
  beforeAll(async () => {
    plain = await jsonOf(SAMPLES);
  });

  it('a cold run and a warm run give the bytes of a run without a cache, in either result form', async () => {
    const dir = fresh();
    expect(await jsonOf(SAMPLES, { cache: dir })).toBe(plain);
    expect(entries(dir)).toHaveLength(SAMPLES.length);
    expect(await jsonOf(SAMPLES, { cache: dir })).toBe(plain);
    // the document form (terminal and other reporters) parses the kept JSON back
    expect(await reportOf(SAMPLES, { cache: dir })).toEqual(await reportOf(SAMPLES));
  });

  it('takes a judgement from the cache instead of judging again, and keeps the warnings with it', async () => {
    const dir = fresh();
    const policy = join(fresh(), 'untyped.md');
    // a type that is no profile: vcse is assumed, with a warning
    writeFileSync(policy, '---\ntype: widget club\n---\n# Safeguarding policy\n\nReport any concern to the designated safeguarding lead the same day.\n');
    const cold = await reportOf([policy], { cache: dir });
    expect(cold.warnings.length).toBeGreaterThan(0);
    const [entry] = entries(dir);
    const text = readFileSync(entry!, 'utf8');
    const nl = text.indexOf('\n');
    // an entry edited with a digest to match: the run reports what it says, so it was read, not judged again
    const payload = text.slice(nl + 1).replace(/"score": \d+/, '"score": 77');
    const header = JSON.parse(text.slice(0, nl)) as { digest: string };
    header.digest = createHash('sha256').update(payload).digest('hex');
    writeFileSync(entry!, `${JSON.stringify(header)}\n${payload}`);
    const warm = await reportOf([policy], { cache: dir });
    expect(warm.documents[0]!.score).toBe(77);
    expect(warm.warnings).toEqual(cold.warnings);
  });

  it("applies the run's waivers to a cached judgement as to a fresh one (they are not part of what is kept)", async () => {
    const dir = fresh();
    const gap = (JSON.parse(plain) as AuditReport).documents[0]!.results.find((r) => r.status === 'gap')!;
    const waivers = {
      list: [
        {
          requirement: gap.id,
          scope: 'samples/**',
          base: process.cwd(),
          reason: 'accepted',
          approvedBy: 'J. Reviewer',
          source: { path: '.wt-audit.yaml', line: 3 },
        },
      ],
      cwd: process.cwd(),
    };
    const waived = await jsonOf(SAMPLES, { waivers });
    expect(waived).toContain('"status": "waived"');
    await jsonOf(SAMPLES, { cache: dir });
    expect(await jsonOf(SAMPLES, { cache: dir, waivers })).toBe(waived);
    // and the kept judgements are still the unwaived ones
    expect(await jsonOf(SAMPLES, { cache: dir })).toBe(plain);
  });

  const spoilers: Array<[string, (entry: string, other: string) => string]> = [
    ['corrupt (a changed byte)', (e) => e.replace(/"status": "gap"/, '"status": "met"')],
    ['truncated', (e) => e.slice(0, Math.floor(e.length / 2))],
    ['a foreign JSON file', () => '{"documents": []}\n'],
    ['empty', () => ''],
    ["another file's entry", (_e, other) => other],
  ];

  it.each(spoilers)('an entry that is %s is ignored, judged again and rewritten', async (_what, spoil) => {
    const dir = fresh();
    await jsonOf(SAMPLES.slice(0, 2), { cache: dir });
    const [first, second] = entries(dir);
    const good = readFileSync(first!, 'utf8');
    const spoiled = spoil(good, readFileSync(second!, 'utf8'));
    expect(spoiled).not.toBe(good);
    writeFileSync(first!, spoiled);
    expect(await jsonOf(SAMPLES.slice(0, 2), { cache: dir })).toBe(await jsonOf(SAMPLES.slice(0, 2)));
    expect(readFileSync(first!, 'utf8')).toBe(good);
  });

  it('a judgement is kept per as-of date and profile override: another of either is a miss', async () => {
    const dir = fresh();
    const one = SAMPLES.slice(0, 1);
    await jsonOf(one, { cache: dir });
    await jsonOf(one, { cache: dir, asOf: '2027-06-01' });
    await jsonOf(one, { cache: dir, profile: 'school' });
    expect(entries(dir)).toHaveLength(3);
    expect(await jsonOf(one, { cache: dir, asOf: '2027-06-01' })).toBe(await jsonOf(one, { asOf: '2027-06-01' }));
  });

  it('a folder that cannot be made is one warning, and the run goes on without a cache', async () => {
    const blocker = join(fresh(), 'a-file');
    writeFileSync(blocker, 'not a folder');
    const report = await reportOf(SAMPLES, { cache: blocker });
    expect(report.documents).toHaveLength(SAMPLES.length);
    expect(report.warnings).toEqual([{ path: blocker, message: expect.stringContaining('cannot use the cache folder') as string }]);
  });
});
