/**
 * The layers of docs/architecture.md, held against the code: every import in src/ (static,
 * dynamic or type-only) points to the same layer or one below it, and no files import each other
 * in a loop. A new upward import fails here with the line that made it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');

/** From the top down; a layer may import its own and every layer after it in this list. */
export const LAYERS = ['eval', 'cli', 'report', 'audit', 'catalogue', 'match', 'document', 'util'] as const;

/** Files outside the layer folders, and the layer they belong to. */
const LOOSE: Record<string, (typeof LAYERS)[number]> = { 'version.ts': 'util' };

function layerOf(file: string): number {
  const rel = relative(SRC, file).split(/[\\/]/);
  const name = rel.length === 1 ? LOOSE[rel[0]!] : (rel[0] as (typeof LAYERS)[number]);
  const at = LAYERS.indexOf(name!);
  if (at < 0) throw new Error(`${relative(SRC, file)} is in no layer: add its folder to LAYERS (and to docs/architecture.md)`);
  return at;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|mts)$/.test(e.name) ? [p] : [];
  });
}

interface Import {
  from: string;
  to: string;
  line: number;
}

// `import … from '…'`, `export … from '…'`, `import('…')` and `import '…'`, relative specifiers only
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^[ \t]*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;

export function importsOf(file: string, text = readFileSync(file, 'utf8')): Import[] {
  const out: Import[] = [];
  for (const m of text.matchAll(SPECIFIER)) {
    const target = resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts'));
    out.push({ from: file, to: target, line: text.slice(0, m.index).split('\n').length });
  }
  return out;
}

/** Imports that run up the layers. */
export function upwardImports(files: string[], read: (f: string) => Import[] = (f) => importsOf(f)): string[] {
  return files.flatMap((f) =>
    read(f)
      .filter((i) => i.to.startsWith(SRC) && layerOf(i.to) < layerOf(f))
      .map((i) => `${relative(SRC, f)}:${i.line} imports ${relative(SRC, i.to)} (${LAYERS[layerOf(f)]} → ${LAYERS[layerOf(i.to)]})`),
  );
}

/** Every loop of files that import each other, each as "a → b → a". */
export function importCycles(files: string[], read: (f: string) => Import[] = (f) => importsOf(f)): string[] {
  const edges = new Map(files.map((f) => [f, [...new Set(read(f).map((i) => i.to))].filter((t) => files.includes(t))]));
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string): void => {
    state.set(f, 'open');
    stack.push(f);
    for (const t of edges.get(f) ?? []) {
      if (state.get(t) === 'open') cycles.push([...stack.slice(stack.indexOf(t)), t].map((p) => relative(SRC, p)).join(' → '));
      else if (!state.has(t)) visit(t);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of [...edges.keys()].sort()) if (!state.has(f)) visit(f);
  return cycles;
}

describe('layers (docs/architecture.md)', () => {
  const files = sourceFiles(SRC);

  it('finds the source files and their imports', () => {
    expect(files.length).toBeGreaterThan(40);
    expect(files.flatMap((f) => importsOf(f)).length).toBeGreaterThan(100);
  });

  it('no import runs up the layers', () => {
    expect(upwardImports(files)).toEqual([]);
  });

  it('no files import each other in a loop', () => {
    expect(importCycles(files)).toEqual([]);
  });

  it('the checks catch an upward import and a loop (static, dynamic and type-only)', () => {
    const at = (p: string) => join(SRC, p);
    const fake: Record<string, string> = {
      [at('match/x.ts')]: "import type { Profile } from '../catalogue/types.js';\n",
      [at('audit/a.ts')]: "const m = await import('./b.js');\n",
      [at('audit/b.ts')]: "export { y } from './a.js';\n",
      [at('util/z.ts')]: "\nimport '../cli/main.js';\n",
    };
    const read = (f: string) => importsOf(f, fake[f] ?? '');
    const names = Object.keys(fake);
    expect(upwardImports(names, read)).toEqual(['match/x.ts:1 imports catalogue/types.ts (match → catalogue)', 'util/z.ts:2 imports cli/main.ts (util → cli)']);
    expect(importCycles(names, read)).toEqual(['audit/a.ts → audit/b.ts → audit/a.ts']);
  });
});
