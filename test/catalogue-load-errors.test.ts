/** A broken requirement file is an error entry for that file; the rest of the catalogue still loads. */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../src/catalogue/load.js';
import { ROOT } from './helpers/run-cli.js';

function catalogueWith(extra: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'wt-cat-'));
  copyFileSync(join(ROOT, 'checks/wt2026/c3-fgm.yaml'), join(dir, 'c3-fgm.yaml'));
  extra(dir);
  return dir;
}

describe('catalogue load errors', () => {
  it('an alias bomb in a requirement file is an error for that file', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    ].join('\n');
    const cat = loadCatalogue(
      catalogueWith((d) => writeFileSync(join(d, 'bomb.yaml'), bomb)),
      { useCache: false },
    );
    expect(cat.requirements.map((r) => r.req.id)).toEqual(['WT26-C3-FGM']);
    expect(cat.errors).toHaveLength(1);
    expect(cat.errors[0]!.path).toMatch(/bomb\.yaml$/);
  });
  it('a folder named like a requirement file is an error for that name', () => {
    const cat = loadCatalogue(
      catalogueWith((d) => mkdirSync(join(d, 'folder.yaml'))),
      { useCache: false },
    );
    expect(cat.requirements.map((r) => r.req.id)).toEqual(['WT26-C3-FGM']);
    expect(cat.errors[0]!.message).toContain('cannot read requirement file');
  });
  it('except on a check type that does not read it is refused at its line', () => {
    const good = readFileSync(join(ROOT, 'checks/wt2026/c3-fgm.yaml'), 'utf8').replace(/\bWT26-C3-FGM\b/g, 'WT26-C3-FGM-COPY');
    const lines = good.split('\n');
    const at = lines.findIndex((l) => /^\s+- (heading|mentions|near):/.test(l));
    expect(at).toBeGreaterThan(0);
    const indent = /^(\s+)- /.exec(lines[at]!)![1]!;
    lines.splice(at, 1, `${indent}- date: { role: next-review }`, `${indent}  except: [in extremis]`);
    const cat = loadCatalogue(
      catalogueWith((d) => writeFileSync(join(d, 'except.yaml'), lines.join('\n'))),
      { useCache: false },
    );
    expect(cat.requirements.map((r) => r.req.id)).toEqual(['WT26-C3-FGM']);
    expect(cat.errors).toHaveLength(1);
    expect(cat.errors[0]).toMatchObject({
      line: at + 1,
      message: expect.stringMatching(/: except works only on a mentions, near or outdated terms check$/) as string,
    });
  });
  it('unless on a check type that does not read it is refused at its line', () => {
    const good = readFileSync(join(ROOT, 'checks/wt2026/c3-fgm.yaml'), 'utf8').replace(/\bWT26-C3-FGM\b/g, 'WT26-C3-FGM-COPY');
    const lines = good.split('\n');
    const at = lines.findIndex((l) => /^\s+- (heading|mentions|near):/.test(l));
    const indent = /^(\s+)- /.exec(lines[at]!)![1]!;
    lines.splice(at, 1, `${indent}- heading: { any: [female genital mutilation] }`, `${indent}  unless: [this policy]`);
    const cat = loadCatalogue(
      catalogueWith((d) => writeFileSync(join(d, 'unless.yaml'), lines.join('\n'))),
      { useCache: false },
    );
    expect(cat.errors).toHaveLength(1);
    expect(cat.errors[0]).toMatchObject({ line: at + 1, message: expect.stringMatching(/: unless works only on a mentions or near check$/) as string });
  });
  it('an unknown field is reported at the line where it is written, the file still an error of its own', () => {
    const good = readFileSync(join(ROOT, 'checks/wt2026/c3-fgm.yaml'), 'utf8');
    const lines = good.replace(/\bWT26-C3-FGM\b/g, 'WT26-C3-FGM-COPY').split('\n');
    lines.splice(1, 0, 'colour: blue');
    const cat = loadCatalogue(
      catalogueWith((d) => writeFileSync(join(d, 'typo.yaml'), lines.join('\n'))),
      { useCache: false },
    );
    expect(cat.requirements.map((r) => r.req.id)).toEqual(['WT26-C3-FGM']);
    expect(cat.errors).toHaveLength(1);
    expect(cat.errors[0]).toMatchObject({ line: 2, column: 1 });
    expect(cat.errors[0]!.message).toContain("'colour'");
  });
  it('editions.yaml beside the catalogue folder is used, and a broken one is an error naming the file', () => {
    const parent = mkdtempSync(join(tmpdir(), 'wt-ed-'));
    const dir = join(parent, 'cat');
    mkdirSync(dir);
    copyFileSync(join(ROOT, 'checks/wt2026/gen-current-edition.yaml'), join(dir, 'gen-current-edition.yaml'));
    writeFileSync(
      join(parent, 'editions.yaml'),
      'working-together:\n  name: Working Together\n  short: WT\n  source: https://example.org\n  editions:\n    - { edition: 2026, in_force: "2026-13-01" }\n',
    );
    const cat = loadCatalogue(dir, { useCache: false });
    expect(cat.errors[0]!.path).toMatch(/editions\.yaml$/);
    expect(cat.errors[0]!.message).toContain('in_force');
    // and the requirement naming an instrument it does not have is an error of its own
    expect(cat.errors.some((e) => /gen-current-edition\.yaml$/.test(e.path) && e.message.includes('working-together'))).toBe(true);
    writeFileSync(
      join(parent, 'editions.yaml'),
      'working-together:\n  name: Working Together\n  short: WT\n  source: https://example.org\n  editions:\n    - { edition: 2030, in_force: "2030-01-01" }\n',
    );
    const ok = loadCatalogue(dir, { useCache: false });
    expect(ok.errors).toEqual([]);
    const check = ok.requirements[0]!.topic[0]!;
    expect(check.type === 'edition' && check.instrument.editions.map((e) => e.edition)).toEqual([2030]);
  });
  it('editions out of order are an error', () => {
    const parent = mkdtempSync(join(tmpdir(), 'wt-ed-'));
    const dir = join(parent, 'cat');
    mkdirSync(dir);
    copyFileSync(join(ROOT, 'checks/wt2026/c3-fgm.yaml'), join(dir, 'c3-fgm.yaml'));
    writeFileSync(
      join(parent, 'editions.yaml'),
      'kcsie:\n  name: KCSIE\n  short: KCSIE\n  source: https://example.org\n  editions:\n    - { edition: 2025, in_force: "2025-09-01" }\n    - { edition: 2024, in_force: "2024-09-01" }\n',
    );
    expect(loadCatalogue(dir, { useCache: false }).errors[0]!.message).toContain('must come after');
  });
});
