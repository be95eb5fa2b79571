/**
 * Build step (after tsc and the catalogue precompile): bundles the compiled CLI and the audit
 * pool's worker into dist/bundle/ (wt-audit.js, pool-worker.js and their shared chunks), so that a
 * cold start loads a few files instead of some 250 modules: bin/wt-audit.js prefers the bundle
 * whenever it is at least as new as dist/cli/main.js. Behaviour is the compiled code's own; the
 * bundle changes only how it is loaded.
 *
 * Uses rolldown (a devDependency, the same version vitest's vite uses). Without it, or if bundling fails, there is
 * no bundle and the CLI runs from dist/ as compiled; the build does not fail.
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'dist', 'bundle');

rmSync(OUT, { recursive: true, force: true });
let rolldown;
try {
  ({ rolldown } = await import('rolldown'));
} catch {
  process.stdout.write('no bundler (rolldown) installed: the CLI runs unbundled from dist/\n');
  process.exit(0);
}
try {
  const bundle = await rolldown({
    input: { 'wt-audit': join(ROOT, 'dist', 'cli', 'main.js'), 'pool-worker': join(ROOT, 'dist', 'audit', 'pool-worker.js') },
    platform: 'node',
    // node built-ins stay imports; the precompiled validators are required at run time by path;
    // pdf.js (which loads its own worker module by path) and mammoth load from node_modules, and
    // only when a PDF or Word file comes
    external: [/^node:/, /\.cjs$/, /^pdfjs-dist(?:\/|$)/, /^mammoth(?:\/|$)/],
    logLevel: 'warn',
  });
  // entry names match the compiled files' names, so `new URL('./pool-worker.js', import.meta.url)` finds the worker in both layouts
  await bundle.write({ dir: OUT, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' });
  await bundle.close();
  process.stdout.write('bundled the CLI into dist/bundle/\n');
} catch (e) {
  rmSync(OUT, { recursive: true, force: true });
  process.stdout.write(`bundling failed, the CLI runs unbundled from dist/: ${e?.message ?? e}\n`);
}
