/**
 * The sample partner packs (samples/partners/, one folder per organisation), audited as plain
 * files in one CLI run. samples/partners/README.md says what each pack is for; this checks the
 * properties that make the set useful (every document audited, no errors, the outdated packs
 * outdated, the strong packs ahead of the thin ones, the contradiction really there) without
 * pinning the full result.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROFILES } from '../../src/catalogue/types.js';
import { ROOT, runCli } from '../helpers/run-cli.js';
import { parseCsv, validateSarif } from '../helpers/reports.js';

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

describe("the partner packs as a partnership audits them (issue 10's done-when command)", () => {
  const out = mkdtempSync(join(tmpdir(), 'wt-audit-partners-'));
  const file = (name: string) => join(out, name);
  const packed = runCli([
    'samples/partners',
    '--pack-by',
    'dir',
    '--as-of',
    '2026-11-01',
    '--report',
    `sarif=${file('r.sarif')}`,
    '--report',
    `junit=${file('r.xml')}`,
    '--report',
    `csv=${file('r.csv')}`,
    '--report',
    'github',
  ]);

  it('writes a SARIF that validates, a JUnit that parses with a suite per pack, a CSV row per pack and annotations in the packs’ documents', () => {
    expect(packed.stderr).toBe('');
    expect(packed.code).toBe(1);
    expect(validateSarif(JSON.parse(readFileSync(file('r.sarif'), 'utf8')))).toEqual([]);
    const xml = readFileSync(file('r.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const suites = (
      new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'testsuite' }).parse(xml) as { testsuites: { testsuite: Array<{ '@_name': string }> } }
    ).testsuites.testsuite;
    expect(suites.map((s) => s['@_name']).sort()).toEqual([...packs.keys()].map((p) => `samples/partners/${p}`).sort());
    const rows = parseCsv(readFileSync(file('r.csv'), 'utf8'));
    expect(rows.slice(1).map((r) => r[0])).toEqual([...packs.keys()].sort().map((p) => `samples/partners/${p}`));
    const annotations = packed.stdout.split('\n').filter((l) => l.startsWith('::error ') || l.startsWith('::warning '));
    expect(annotations.length).toBeGreaterThan(0);
    for (const a of annotations) expect(a).toMatch(/^::(error|warning) file=samples\/partners\/[^/]+\/[^,]+\.(md|html),line=\d+,/);
  });

  it('contradicting timescales across one pack’s documents make the pack partial, naming both documents', () => {
    const rows = parseCsv(readFileSync(file('r.csv'), 'utf8'));
    const header = rows[0]!;
    const brightpath = rows.find((r) => r[0] === 'samples/partners/brightpath-youth-project')!;
    expect(brightpath[header.indexOf('WT26-C4-ALLEGATIONS')]).toBe('partial');
    const sarif = JSON.parse(readFileSync(file('r.sarif'), 'utf8')) as { runs: Array<{ results: Array<{ ruleId: string; message: { text: string } }> }> };
    const finding = sarif.runs[0]!.results.find((r) => r.ruleId === 'WT26-C4-ALLEGATIONS' && /brightpath/.test(r.message.text));
    expect(finding?.message.text).toMatch(/safeguarding-policy\.md.*code-of-conduct\.md|code-of-conduct\.md.*safeguarding-policy\.md/);
  });
});
