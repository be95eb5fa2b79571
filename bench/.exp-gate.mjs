import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { performance } from 'node:perf_hooks';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { unified } from 'unified';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
const FEATS = [
  ['autolink', (t) => /www\.|https?:\/\/|@/i.test(t), gfmAutolinkLiteral, gfmAutolinkLiteralFromMarkdown],
  ['footnote', (t) => t.includes('[^'), gfmFootnote, gfmFootnoteFromMarkdown],
  ['strike', (t) => t.includes('~'), gfmStrikethrough, gfmStrikethroughFromMarkdown],
  ['table', (t) => t.includes('|') || t.includes(':-') || t.includes('-:'), gfmTable, gfmTableFromMarkdown],
  ['task', (t) => t.includes('['), gfmTaskListItem, gfmTaskListItemFromMarkdown],
];
const cache = new Map();
function proc(t) {
  let key = 0; FEATS.forEach(([, test], i) => { if (test(t)) key |= 1 << i; });
  let p = cache.get(key);
  if (!p) {
    const feats = FEATS.filter((_, i) => key & (1 << i));
    p = unified().use(remarkParse).use(function () { const d = this.data(); (d.micromarkExtensions ??= []).push(...feats.map(f => f[2]())); (d.fromMarkdownExtensions ??= []).push(...feats.map(f => f[3]())); }).freeze();
    cache.set(key, p);
  }
  return p;
}
const full = unified().use(remarkParse).use(remarkGfm).freeze();
const dirs = process.argv.slice(2);
const texts = dirs.flatMap(d => readdirSync(d).filter(f => f.endsWith('.md')).map(f => readFileSync(join(d, f), 'utf8')));
let diff = 0;
for (const t of texts) if (!isDeepStrictEqual(full.parse(t), proc(t).parse(t))) diff++;
console.log('files', texts.length, 'different trees', diff, 'variants', cache.size);
for (let r = 0; r < 2; r++) {
  let t0 = performance.now(); for (const t of texts) full.parse(t); const a = performance.now() - t0;
  t0 = performance.now(); for (const t of texts) proc(t).parse(t); const b = performance.now() - t0;
  console.log('full', a.toFixed(0), 'gated', b.toFixed(0));
}
const plain = unified().use(remarkParse).freeze();
const cpu = (f) => { const c = process.cpuUsage(); f(); const d = process.cpuUsage(c); return ((d.user + d.system) / 1000).toFixed(0); };
for (let r = 0; r < 3; r++) console.log('cpu ms: full', cpu(() => { for (const t of texts) full.parse(t); }), 'gated', cpu(() => { for (const t of texts) proc(t).parse(t); }), 'plain', cpu(() => { for (const t of texts) plain.parse(t); }));
