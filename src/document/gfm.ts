/**
 * The GitHub-flavoured Markdown the loader needs: tables, footnotes, strikethrough and task lists.
 *
 * Not autolink literals (bare `www.…`, `https://…` and e-mail addresses turned into links): that
 * extension tries a construct at every letter and digit of the text, which made parsing about
 * twice as slow (bench/results.md), and the document model does not need it: a bare address reads
 * the same as text, link share counts bare addresses itself (builder.ts, linkShare), and the
 * tokenizer recognises web and e-mail addresses in plain text.
 */
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import type { Processor } from 'unified';

/** unified plugin: register the four block and inline extensions with remark-parse. */
export function remarkGfmWithoutAutolinks(this: Processor): void {
  const data = this.data();
  data.micromarkExtensions = [...(data.micromarkExtensions ?? []), gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem()];
  data.fromMarkdownExtensions = [
    ...(data.fromMarkdownExtensions ?? []),
    gfmFootnoteFromMarkdown(),
    gfmStrikethroughFromMarkdown(),
    gfmTableFromMarkdown(),
    gfmTaskListItemFromMarkdown(),
  ];
}
