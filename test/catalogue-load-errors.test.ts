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
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]'].join('\n');
    const cat = loadCatalogue(catalogueWith((d) => writeFileSync(join(d, 'bomb.yaml'), bomb)), { useCache: false });
    expect(cat.requirements.map((r) => r.req.id)).toEqual(['WT26-C3-FGM']);
    expect(cat.errors).toHaveLength(1);
    expect(cat.errors[0]!.path).toMatch(/bomb\.yaml$/);
  });
  it('a folder named like a requirement file is an error for that name', () => {
    const cat = loadCatalogue(catalogueWith((d) => mkdirSync(join(d, 'folder.yaml'))), { useCache: false });
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
    const cat = loadCatalogue(catalogueWith((d) => writeFileSync(join(d, 'except.yaml'), lines.join('\n'))), { useCache: false });
    expect(cat.requirements.map((r) => r.req.id)).toEqual(['WT26-C3-FGM']);
    expect(cat.errors).toHaveLength(1);
    expect(cat.errors[0]).toMatchObject({ line: at + 1, message: expect.stringMatching(/: except works only on a mentions or near check$/) as string });
  });
  it('an unknown field is reported at the line where it is written, the file still an error of its own', () => {
    const good = readFileSync(join(ROOT, 'checks/wt2026/c3-fgm.yaml'), 'utf8');
    const lines = good.replace(/\bWT26-C3-FGM\b/g, 'WT26-C3-FGM-COPY').split('\n');
    lines.splice(1, 0, 'colour: blue');
    const cat = loadCatalogue(catalogueWith((d) => writeFileSync(join(d, 'typo.yaml'), lines.join('\n'))), { useCache: false });
    expect(cat.requirements.map((r) => r.req.id)).toEqual(['WT26-C3-FGM']);
    expect(cat.errors).toHaveLength(1);
    expect(cat.errors[0]).toMatchObject({ line: 2, column: 1 });
    expect(cat.errors[0]!.message).toContain("'colour'");
  });
});
