/** The type a Markdown policy declares, read from its head before the audit (packs judge each document once with it). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { declaredType } from '../../src/document/declared-type.js';
import { declaredPackProfile } from '../../src/audit/pack.js';

const dir = mkdtempSync(join(tmpdir(), 'wt-audit-declared-'));
function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

describe('declaredType', () => {
  it('reads the type from front matter as the parser does (lower case, BOM and CRLF allowed)', () => {
    expect(declaredType(file('a.md', '---\ntype: School\ntitle: X\n---\n# Policy\n'))).toEqual({ type: 'school' });
    expect(declaredType(file('b.md', '\uFEFF---\r\norganisation_type: sports\r\n---\r\n# Policy\r\n'))).toEqual({ type: 'sports' });
  });

  it('no front matter, or front matter without a type, declares nothing', () => {
    expect(declaredType(file('c.md', '# Policy\n\ntype: school\n'))).toEqual({});
    expect(declaredType(file('d.md', '---\ntitle: X\n---\n# Policy\n'))).toEqual({});
  });

  it('is unknown where only the full parse can tell: not Markdown, invalid YAML, not UTF-8, front matter past the head', () => {
    expect(declaredType(file('e.yaml', 'policy:\n  type: school\n'))).toBe('unknown');
    expect(declaredType(file('f.md', '---\ntype: [school\n---\n'))).toBe('unknown');
    expect(declaredType(file('g.md', Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x74, 0x79, 0x70, 0x65, 0x3a, 0x20, 0xe9, 0x0a, 0x2d, 0x2d, 0x2d, 0x0a])))).toBe(
      'unknown',
    );
    const long = `---\n${'note: x\n'.repeat(10_000)}type: school\n---\n# Policy\n`;
    expect(declaredType(file('h.md', long))).toBe('unknown');
    expect(declaredType(join(dir, 'missing.md'))).toBe('unknown');
  });
});

describe('declaredPackProfile', () => {
  const types: Record<string, ReturnType<typeof declaredType>> = {
    'p/a.md': {},
    'p/b.md': { type: 'no-such-type' },
    'p/c.md': { type: 'club' },
    'p/d.md': { type: 'school' },
    'p/u.md': 'unknown',
  };
  const of = (f: string) => types[f]!;

  it('the first document (in the order given) that declares a type it understands sets the pack profile', () => {
    expect(declaredPackProfile(['p/a.md', 'p/b.md', 'p/c.md', 'p/d.md'], of)).toEqual({ profile: 'sports', source: 'front-matter' });
  });

  it('nothing when no document declares one, or when a document before it cannot be read ahead', () => {
    expect(declaredPackProfile(['p/a.md', 'p/b.md'], of)).toBeUndefined();
    expect(declaredPackProfile(['p/a.md', 'p/u.md', 'p/d.md'], of)).toBeUndefined();
  });
});
