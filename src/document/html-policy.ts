/**
 * HTML page → PolicyDocument. The page's content (<main>, else the first <article>, else the
 * body) is read; navigation, headers, footers, cookie banners and scripts are left out. Positions
 * are the file's own lines, as a reader sees them in the source.
 */
import { countLines, DocumentBuilder } from './builder.js';
import { contentRoot, HtmlWalker, parseHtmlDocument } from './html.js';
import { emptyMeta, type PolicyDocument } from './model.js';

export function parseHtml(path: string, text: string): Omit<PolicyDocument, 'sha256'> {
  const source = text.replace(/^\uFEFF/, '');
  const { nodes, chosen } = contentRoot(parseHtmlDocument(source));
  const builder = new DocumentBuilder();
  new HtmlWalker(builder, 'source').walk(nodes, chosen);
  return { path, format: 'html', meta: emptyMeta(), sections: builder.sections, blocks: builder.blocks, lineCount: countLines(source) };
}
