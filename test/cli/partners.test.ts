/**
 * The sample partner packs (samples/partners/, one folder per organisation), audited as plain
 * files in one CLI run. samples/partners/README.md says what each pack is for; this checks the
 * properties that make the set useful (every document audited, no errors, the outdated packs
 * outdated, the strong packs ahead of the thin ones, the contradiction really there) without
 * pinning the full result.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROFILES } from '../../src/catalogue/types.js';
import { ROOT, runCli } from '../helpers/run-cli.js';

const PARTNERS = join(ROOT, 'samples', 'partners');
const MANIFEST = 'wt-audit-pack.yaml';

/** pack folder → its files, as the folder holds them */
const packs = new Map(
  readdirSync(PARTNERS, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => [e.name, readdirSync(join(PARTNERS, e.name)).sort()] as const),
);

// a glob by extension, so that a pack's manifest is never taken for a policy, whatever the
// folder walk does with it
const run = runCli(['samples/partners/*/*.{md,html}', '--format', 'json', '--as-of', '2026-11-01']);

interface Doc {
  path: string;
  score: number;
  results: Array<{ id: string; status: string }>;
}
const report = JSON.parse(run.stdout) as { documents: Doc[]; errors: unknown[] };
const docsOf = (pack: string) => report.documents.filter((d) => d.path.startsWith(`samples/partners/${pack}/`));
const statusIn = (d: Doc, id: string) => d.results.find((r) => r.id === id)?.status;
const bestScore = (pack: string) => Math.max(...docsOf(pack).map((d) => d.score));

describe('sample partner packs', () => {
  it('has at least 12 packs of one to four documents, and every document is audited without errors', () => {
    expect(packs.size).toBeGreaterThanOrEqual(12);
    expect(report.errors).toEqual([]);
    expect(run.code).toBe(1); // the thin and outdated packs have gaps at must
    const expected = [...packs].flatMap(([pack, files]) => files.filter((f) => f !== MANIFEST).map((f) => `samples/partners/${pack}/${f}`));
    expect(report.documents.map((d) => d.path).sort()).toEqual(expected.sort());
    for (const [pack] of packs) expect(docsOf(pack).length, pack).toBeGreaterThanOrEqual(1);
    for (const [pack] of packs) expect(docsOf(pack).length, pack).toBeLessThanOrEqual(4);
  });

  it('the outdated packs are found outdated: the edition, superseded terms and a past review date', () => {
    for (const pack of ['st-columbas-church', 'step-up-dance-academy']) {
      const main = docsOf(pack).find((d) => /policy/.test(d.path))!;
      for (const id of ['WT26-GEN-CURRENT-EDITION', 'WT26-GEN-SUPERSEDED-TERMS', 'WT26-GEN-REVIEW-DATE'])
        expect(statusIn(main, id), `${pack} ${id}`).toBe('outdated');
    }
  });

  it('every strong pack scores higher than every thin one', () => {
    const strong = ['oakfield-primary-school', 'westshire-dolphins-sc', 'millbrook-medical-practice', 'harbour-fostering'].map(bestScore);
    const thin = ['little-acorns-nursery', 'al-noor-madrasah', 'brainbox-tutoring'].map(bestScore);
    expect(Math.min(...strong)).toBeGreaterThan(Math.max(...thin));
  });

  it('the contradictory pack: one document refers allegations to the LADO in time, the other too late', () => {
    const [conduct, policy] = ['code-of-conduct.md', 'safeguarding-policy.md'].map((f) => docsOf('brightpath-youth-project').find((d) => d.path.endsWith(f))!);
    expect(statusIn(policy!, 'WT26-C4-ALLEGATIONS')).toBe('met');
    expect(statusIn(conduct!, 'WT26-C4-ALLEGATIONS')).toBe('partial');
  });

  it('the manifest names its organisation, a catalogue profile, a date and exactly the files of its pack', () => {
    const withManifest = [...packs].filter(([, files]) => files.includes(MANIFEST));
    expect(withManifest.length).toBeGreaterThanOrEqual(1);
    for (const [pack, files] of withManifest) {
      const m = parse(readFileSync(join(PARTNERS, pack, MANIFEST), 'utf8')) as Record<string, unknown>;
      expect(Object.keys(m).sort()).toEqual(['documents', 'organisation', 'profile', 'submitted']);
      expect(PROFILES).toContain(m.profile);
      expect(m.submitted).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect([...(m.documents as string[])].sort()).toEqual(files.filter((f) => f !== MANIFEST));
    }
  });
});
