/**
 * A document's result as JSON text, laid out exactly as it stands inside a whole report's
 * "documents" array (two-space indent at that depth). The audit renders it where the document was
 * audited (a worker thread) and hands the bytes on; the JSON report (report/json.ts) splices them
 * into the report unchanged, so both give the same bytes.
 */
import type { DocumentResult } from './result.js';

const DOC_BEFORE = '{\n  "documents": [\n    ';
const DOC_AFTER = '\n  ]\n}';

export function documentJson(doc: DocumentResult): string {
  // stringified at the depth it has in the report, so JSON.stringify does the indenting
  const text = JSON.stringify({ documents: [doc] }, null, 2);
  return text.slice(DOC_BEFORE.length, text.length - DOC_AFTER.length);
}
