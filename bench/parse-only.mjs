/**
 * The parsing floor: read every Markdown file of a folder and parse it with remark-parse, in one
 * thread, and nothing else. `--gfm` adds the GFM extensions the tool itself uses (dist/document/gfm.js:
 * tables, footnotes, strikethrough, task lists; run `npm run build` first).
 *
 *   node bench/parse-only.mjs <dir> [--gfm]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node bench/parse-only.mjs <dir> [--gfm]');
const processor = unified().use(remarkParse);
if (process.argv.includes('--gfm')) processor.use((await import('../dist/document/gfm.js')).remarkGfmWithoutAutolinks);
processor.freeze();
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.md'))
  .sort();
const t0 = performance.now();
let nodes = 0;
for (const f of files) {
  const tree = processor.parse(readFileSync(join(dir, f), 'utf8'));
  nodes += tree.children.length;
}
process.stdout.write(`${JSON.stringify({ files: files.length, nodes, loopMs: performance.now() - t0 })}\n`);
