/**
 * The catalogue implements the domain specification (../shared/catalogue-spec.md): every id, with
 * the title, strength, applicability and change the specification gives. Skipped only where the
 * specification is not beside the repository (it is in CI).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from './helpers/audit-text.js';
import { ROOT } from './helpers/run-cli.js';

const SPEC = join(ROOT, '..', 'shared', 'catalogue-spec.md');

interface SpecRow {
  id: string;
  title: string;
  strength: 'must' | 'should';
  applies: string[];
  change: string;
}

function parseSpec(text: string): SpecRow[] {
  const rows: SpecRow[] = [];
  let columns: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('|')) continue;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells[0] === 'id') {
      columns = cells;
      continue;
    }
    if (!cells[0]?.startsWith('WT26-')) continue;
    const get = (name: string) => cells[columns.indexOf(name)] ?? '';
    const applies = columns.includes('applies') ? get('applies').split(/\s*,\s*/) : cells[0].startsWith('WT26-C2-') ? ['partnership'] : ['all'];
    rows.push({ id: cells[0], title: get('title'), strength: get('str') === 'M' ? 'must' : 'should', applies, change: get('change') });
  }
  return rows;
}

describe.skipIf(!existsSync(SPEC))('catalogue matches catalogue-spec.md', () => {
  const spec = existsSync(SPEC) ? parseSpec(readFileSync(SPEC, 'utf8')) : [];
  const byId = new Map(catalogue().requirements.map((c) => [c.req.id, c.req]));

  it('implements every id and no other', () => {
    expect(spec.length).toBeGreaterThan(70);
    expect([...byId.keys()].sort()).toEqual(spec.map((r) => r.id).sort());
  });

  for (const row of spec) {
    it(`${row.id}: title, strength, applicability and change as specified`, () => {
      const req = byId.get(row.id);
      expect(req, 'requirement file missing').toBeDefined();
      expect({ title: req!.title, strength: req!.strength, applies: [...req!.applies_to].sort(), change: req!.change }).toEqual({
        title: row.title,
        strength: row.strength,
        applies: [...row.applies].sort(),
        change: row.change,
      });
    });
  }
});
