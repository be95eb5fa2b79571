/** Tests parse Markdown and HTML directly (parseMarkdown, policyFromBytes): the HTML reader is loaded once for them. */
import { loadHtmlReader } from '../src/document/html-reader.js';

await loadHtmlReader();
