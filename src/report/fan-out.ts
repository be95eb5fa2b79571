/**
 * Several reporters in one run: one result sink that hands every document to each of them. A lone
 * reporter is returned as it is, so a JSON-only run keeps taking its documents rendered where they
 * were audited; with several, a JSON reporter gets each document rendered here, once.
 */
import { documentJson } from '../audit/document-json.js';
import type { DocumentResult, InputErrorReport } from '../audit/result.js';
import type { Reporter } from './reporter.js';

const encoder = new TextEncoder();

export function fanOut(reporters: Reporter[]): Reporter {
  if (reporters.length === 1) return reporters[0]!;
  return {
    form: 'document',
    start(report) {
      for (const r of reporters) r.start(report);
    },
    async document(doc: DocumentResult) {
      let json: Uint8Array | undefined;
      await Promise.all(reporters.map((r) => (r.form === 'json' ? r.document((json ??= encoder.encode(documentJson(doc)))) : r.document(doc))));
    },
    async end(errors: InputErrorReport[], warnings: InputErrorReport[]) {
      await Promise.all(reporters.map((r) => r.end(errors, warnings)));
    },
  };
}
