/**
 * The HTML reader, loaded only when a file may hold HTML: its parser (rehype-parse, parse5) would
 * cost a Markdown-only run a tenth of its start-up. The loader awaits loadHtmlReader() before it
 * parses an HTML file or a Markdown file with a `<` in it; code that parses Markdown directly
 * (parseMarkdown, policyFromBytes) awaits it once first.
 */
import type { HtmlPiece } from './html.js';
import type { PolicyDocument } from './model.js';

interface HtmlReader {
  htmlPieces(html: string): HtmlPiece[];
  inlineHtmlText(html: string): string;
  parseHtml(path: string, text: string): Omit<PolicyDocument, 'sha256'>;
}

let reader: HtmlReader | undefined;

export async function loadHtmlReader(): Promise<void> {
  if (reader) return;
  const [pieces, page] = await Promise.all([import('./html.js'), import('./html-policy.js')]);
  reader = { htmlPieces: pieces.htmlPieces, inlineHtmlText: pieces.inlineHtmlText, parseHtml: page.parseHtml };
}

/** The loaded reader. @throws Error when loadHtmlReader() has not been awaited: a bug in the caller, not in the input */
export function htmlReader(): HtmlReader {
  if (!reader) throw new Error('the HTML reader is not loaded: await loadHtmlReader() before parsing Markdown that holds HTML');
  return reader;
}
