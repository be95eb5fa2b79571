/** Local requirements and switch-offs (local.ts): loading, refusals with file and line, the hash, and what the engine makes of them. */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditDocument } from '../src/audit/engine.js';
import { loadRunCatalogue, type LocalCatalogue, type SwitchOffEntry } from '../src/catalogue/local.js';
import { parseMarkdown } from '../src/document/markdown.js';
import { localRequirement } from './helpers/local-requirement.js';
import { ROOT } from './helpers/run-cli.js';

/** A small base catalogue (two built-in requirements) and an empty local folder beside it. */
function setup(): { base: string; local: string } {
  const root = mkdtempSync(join(tmpdir(), 'wt-local-'));
  const base = join(root, 'base');
  const local = join(root, 'local');
  mkdirSync(base);
  mkdirSync(local);
  for (const f of ['c3-fgm.yaml', 'c4-whistleblowing.yaml']) copyFileSync(join(ROOT, 'checks/wt2026', f), join(base, f));
  return { base, local };
}

const folder = (dir: string): LocalCatalogue['folders'][number] => ({ dir, shown: 'local' });
const off = (id: string, reason = 'covered by the county review', line = 4): SwitchOffEntry => ({ id, reason, file: '.wt-audit.yaml', line });

describe('local requirements', () => {
  it('are added after the built-in ones, marked local, grouped apart, cited as the partnership gives it', () => {
    const { base, local } = setup();
    writeFileSync(join(local, 'panel.yaml'), localRequirement('WESTSHIRE-ESCALATION-PANEL', 'escalation panel'));
    const cat = loadRunCatalogue(base, { folders: [folder(local)], switchOff: [] });
    expect(cat.errors).toEqual([]);
    expect(cat.requirements.map((c) => c.req.id)).toEqual(['WT26-C3-FGM', 'WT26-C4-WHISTLEBLOWING', 'WESTSHIRE-ESCALATION-PANEL']);
    const info = cat.requirements[2]!.info;
    expect(info).toMatchObject({ chapter: 'LOCAL', local: { file: join('local', 'panel.yaml') } });
    // no WT pinpoint note on somebody else's procedures
    expect(info.reference).toBe('Westshire partnership procedures 2025, chapter 7, "Resolving disagreements"');
    expect(cat.local).toEqual(['local']);
    // the edition of the report is the guidance's, whatever the local files say
    expect(cat.edition).toBe('2026');
  });

  it('are judged like any other: met where the policy says it, a gap where it does not', () => {
    const { base, local } = setup();
    writeFileSync(join(local, 'panel.yaml'), localRequirement('WESTSHIRE-ESCALATION-PANEL', 'escalation panel'));
    const cat = loadRunCatalogue(base, { folders: [folder(local)], switchOff: [] });
    const judge = (text: string) =>
      auditDocument(
        cat,
        { ...parseMarkdown('p.md', text), sha256: '0'.repeat(64) },
        { profile: 'vcse', profileSource: 'cli', asOf: '2026-11-01' },
      ).results.find((r) => r.id === 'WESTSHIRE-ESCALATION-PANEL')!;
    expect(judge('# Disagreements\n\nWe refer any unresolved disagreement to the escalation panel.\n').status).toBe('met');
    expect(judge('# Disagreements\n\nWe talk it through with the other agency.\n').status).toBe('gap');
  });

  it('cannot change how a built-in requirement reads a sentence: a local phrase over a denial leaves the denial standing', () => {
    const { base, local } = setup();
    copyFileSync(join(ROOT, 'checks/wt2026/c4-named-lead.yaml'), join(base, 'c4-named-lead.yaml'));
    // a longer phrase starting at the negator: in a shared trie, the built-in match inside it would take
    // its negation from the negator's own position, and so miss it
    writeFileSync(join(local, 'odd.yaml'), localRequirement('WESTSHIRE-ODD', 'not currently have a designated'));
    const text = '# Roles\n\nWe do not currently have a designated safeguarding lead; the chair deals with any issues.\n';
    const status = (c: ReturnType<typeof loadRunCatalogue>) =>
      auditDocument(c, { ...parseMarkdown('p.md', text), sha256: '0'.repeat(64) }, { profile: 'vcse', profileSource: 'cli', asOf: '2026-11-01' }).results.find(
        (r) => r.id === 'WT26-C4-NAMED-LEAD',
      )!.status;
    const plain = status(loadRunCatalogue(base, undefined));
    expect(plain).toBe('gap');
    const withLocal = loadRunCatalogue(base, { folders: [folder(local)], switchOff: [] });
    expect(withLocal.errors).toEqual([]);
    expect(status(withLocal)).toBe(plain);
  });

  it('refuses the built-in prefix and an id given twice, at the id line of the later file, and keeps the rest', () => {
    const { base, local } = setup();
    writeFileSync(join(local, 'a.yaml'), localRequirement('WESTSHIRE-PANEL', 'escalation panel'));
    writeFileSync(join(local, 'b.yaml'), `# the same id again\n${localRequirement('WESTSHIRE-PANEL', 'panel')}`);
    writeFileSync(join(local, 'c.yaml'), localRequirement('WT26-C3-FGM', 'escalation panel'));
    const cat = loadRunCatalogue(base, { folders: [folder(local)], switchOff: [] });
    expect(cat.requirements.map((c) => c.req.id)).toEqual(['WT26-C3-FGM', 'WT26-C4-WHISTLEBLOWING', 'WESTSHIRE-PANEL']);
    expect(cat.errors).toEqual([
      { path: join('local', 'b.yaml'), line: 2, message: `duplicate requirement id WESTSHIRE-PANEL (also in ${join('local', 'a.yaml')})` },
      { path: join('local', 'c.yaml'), line: 1, message: expect.stringContaining("WT26- is the built-in catalogue's prefix") as string },
    ]);
  });

  it('an invalid file is an error at its line; an id of no prefix at all fails the schema', () => {
    const { base, local } = setup();
    writeFileSync(join(local, 'typo.yaml'), localRequirement('WESTSHIRE-PANEL', 'escalation panel').replace('strength: must', 'strength: must\ncolour: blue'));
    writeFileSync(join(local, 'noprefix.yaml'), localRequirement('PANEL', 'escalation panel'));
    const cat = loadRunCatalogue(base, { folders: [folder(local)], switchOff: [] });
    expect(cat.requirements).toHaveLength(2);
    expect(cat.errors).toHaveLength(2);
    expect(cat.errors[0]).toMatchObject({ path: join('local', 'noprefix.yaml'), line: 1, message: expect.stringMatching(/^id: /) as string });
    expect(cat.errors[1]).toMatchObject({ path: join('local', 'typo.yaml'), line: 11, message: expect.stringContaining("'colour'") as string });
  });

  it('a folder that cannot be read is an error naming it as the configuration does', () => {
    const { base, local } = setup();
    const cat = loadRunCatalogue(base, { folders: [{ dir: join(local, 'missing'), shown: 'local/missing' }], switchOff: [] });
    expect(cat.errors).toEqual([{ path: 'local/missing', message: expect.stringContaining('cannot read local requirement folder') as string }]);
  });
});

describe('switch-off', () => {
  it('makes every result not applicable with its source and reason, and is listed in the catalogue', () => {
    const { base } = setup();
    const cat = loadRunCatalogue(base, { folders: [], switchOff: [off('WT26-C4-WHISTLEBLOWING')] });
    expect(cat.errors).toEqual([]);
    expect(cat.switchedOff).toEqual([{ id: 'WT26-C4-WHISTLEBLOWING', reason: 'covered by the county review', source: '.wt-audit.yaml:4' }]);
    // a policy that plainly meets it: still not judged
    const text = '# Whistleblowing\n\nStaff can raise concerns about colleagues through our whistleblowing procedure or the NSPCC whistleblowing helpline.\n';
    const judge = (c: typeof cat) =>
      auditDocument(c, { ...parseMarkdown('p.md', text), sha256: '0'.repeat(64) }, { profile: 'vcse', profileSource: 'cli', asOf: '2026-11-01' });
    expect(judge(loadRunCatalogue(base, undefined)).results.find((x) => x.id === 'WT26-C4-WHISTLEBLOWING')!.status).toBe('met');
    const doc = judge(cat);
    const r = doc.results.find((x) => x.id === 'WT26-C4-WHISTLEBLOWING')!;
    expect(r).toMatchObject({ status: 'not-applicable', evidence: [], message: 'switched off by .wt-audit.yaml:4: covered by the county review' });
    expect(doc.counts['not-applicable']).toBe(1);
  });

  it('an unknown id, or one switched off twice, is an error at its line in the configuration', () => {
    const { base } = setup();
    const cat = loadRunCatalogue(base, { folders: [], switchOff: [off('WT26-C9-NOPE', 'typo', 5), off('WT26-C3-FGM', 'a', 6), off('WT26-C3-FGM', 'b', 8)] });
    expect(cat.errors).toEqual([
      { path: '.wt-audit.yaml', line: 5, message: 'switch-off: no requirement WT26-C9-NOPE in the catalogue' },
      { path: '.wt-audit.yaml', line: 8, message: 'switch-off: WT26-C3-FGM is already switched off at .wt-audit.yaml:6' },
    ]);
    expect(cat.switchedOff?.map((s) => s.reason)).toEqual(['a']);
  });
});

describe('the catalogue sha256', () => {
  it('changes with a local file, its text, a switch-off and its reason; and is the base one with no changes', () => {
    const { base, local } = setup();
    const plain = loadRunCatalogue(base, undefined).sha256;
    expect(loadRunCatalogue(base, { folders: [], switchOff: [] }).sha256).toBe(plain);
    writeFileSync(join(local, 'panel.yaml'), localRequirement('WESTSHIRE-PANEL', 'escalation panel'));
    const withLocal = loadRunCatalogue(base, { folders: [folder(local)], switchOff: [] }).sha256;
    writeFileSync(join(local, 'panel.yaml'), localRequirement('WESTSHIRE-PANEL', 'disagreement panel'));
    const edited = loadRunCatalogue(base, { folders: [folder(local)], switchOff: [] }).sha256;
    const switched = loadRunCatalogue(base, { folders: [folder(local)], switchOff: [off('WT26-C3-FGM')] }).sha256;
    const otherReason = loadRunCatalogue(base, { folders: [folder(local)], switchOff: [off('WT26-C3-FGM', 'another reason')] }).sha256;
    const all = [plain, withLocal, edited, switched, otherReason];
    expect(new Set(all).size).toBe(all.length);
    // the same changes give the same hash (workers compare theirs with this thread's)
    expect(loadRunCatalogue(base, { folders: [folder(local)], switchOff: [off('WT26-C3-FGM')] }).sha256).toBe(switched);
  });
});

describe("the README's example local requirement", () => {
  it('loads without error and meets its own examples', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /```yaml\n# local\/westshire-escalation-panel\.yaml\n([\s\S]*?)```/.exec(readme);
    expect(block).not.toBeNull();
    const { base, local } = setup();
    writeFileSync(join(local, 'westshire-escalation-panel.yaml'), block![1]!);
    const cat = loadRunCatalogue(base, { folders: [folder(local)], switchOff: [] });
    expect(cat.errors).toEqual([]);
    const c = cat.requirements.find((r) => r.info.local)!;
    const judge = (text: string) =>
      auditDocument(
        cat,
        { ...parseMarkdown('p.md', text), sha256: '0'.repeat(64) },
        { profile: 'vcse', profileSource: 'cli', asOf: '2026-11-01' },
      ).results.find((r) => r.id === c.req.id)!.status;
    expect(c.req.examples.met.map(judge)).toEqual(c.req.examples.met.map(() => 'met'));
    expect(c.req.examples.gap.map(judge)).toEqual(c.req.examples.gap.map(() => 'gap'));
  });
});
