import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { unified } from 'unified';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
function noAuto() { const d = this.data(); (d.micromarkExtensions ??= []).push(gfmTable(), gfmFootnote(), gfmStrikethrough(), gfmTaskListItem()); (d.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTaskListItemFromMarkdown()); }
function only(ext, from) { return function () { const d = this.data(); (d.micromarkExtensions ??= []).push(ext); (d.fromMarkdownExtensions ??= []).push(from); }; }
const P = { plain: unified().use(remarkParse).freeze(), gfm: unified().use(remarkParse).use(remarkGfm).freeze(), gfmNoAutolink: unified().use(remarkParse).use(noAuto).freeze(), tableOnly: unified().use(remarkParse).use(only(gfmTable(), gfmTableFromMarkdown())).freeze() };
const dir = process.argv[2]; const files = readdirSync(dir).filter(f => f.endsWith('.md')).sort().slice(0, +process.argv[3] || 200).map(f => readFileSync(join(dir, f), 'utf8'));
for (let round = 0; round < 3; round++) for (const [k, p] of Object.entries(P)) { const t = performance.now(); for (const f of files) p.parse(f); console.log(round, k.padEnd(14), (performance.now() - t).toFixed(0), 'ms'); }
