/** Test helpers for reporters: a report over audited snippets, a reporter run into a string, the SARIF schema, a CSV reader. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import type { AuditReport, DocumentResult } from '../../src/audit/result.js';
import type { FailOn } from '../../src/audit/exit-code.js';
import { documentJson } from '../../src/audit/document-json.js';
import { createReporter, type Format } from '../../src/report/registry.js';
import type { ReportContext } from '../../src/report/reporter.js';
import { reportOf } from './report.js';
import { ROOT } from './run-cli.js';

const require = createRequire(import.meta.url);

/** A report of the bundled catalogue holding these documents (report.ts's reportOf), judged with this --fail-on. */
export function reportWith(
  documents: DocumentResult[],
  failOn: FailOn = 'must',
  errors: AuditReport['errors'] = [],
  warnings: AuditReport['warnings'] = [],
): AuditReport {
  return { ...reportOf(documents, errors, warnings), failOn };
}

export const CTX: ReportContext = { cwd: '/repo', root: '/repo', quiet: false, color: 0 };

/** Run one reporter over a whole report, a document at a time, and return what it wrote. */
export async function render(format: Format, report: AuditReport, ctx: Partial<ReportContext> = {}): Promise<string> {
  const chunks: string[] = [];
  const dec = new TextDecoder();
  const reporter = await createReporter(format, (c) => void chunks.push(typeof c === 'string' ? c : dec.decode(c)), { ...CTX, ...ctx });
  reporter.start({ ...report, documents: [], errors: [], warnings: [] });
  const enc = new TextEncoder();
  for (const d of report.documents) {
    if (reporter.form === 'json') await reporter.document(enc.encode(documentJson(d)));
    else await reporter.document(d);
  }
  await reporter.end(report.errors, report.warnings);
  return chunks.join('');
}

let sarifValidator: ValidateFunction | undefined;

/** The SARIF 2.1.0 schema shipped in checks/schema, compiled by ajv for its draft (04). */
export function validateSarif(log: unknown): string[] {
  if (!sarifValidator) {
    const schema = JSON.parse(readFileSync(join(ROOT, 'checks', 'schema', 'sarif-2.1.0.schema.json'), 'utf8')) as { $schema: string };
    if (schema.$schema !== 'http://json-schema.org/draft-04/schema#')
      throw new Error(`the SARIF schema's draft changed (${schema.$schema}): configure ajv for it`);
    const Ajv04 = (require('ajv-draft-04') as { default: new (o: object) => import('ajv').Ajv }).default;
    const addFormats = (require('ajv-formats') as { default: (a: unknown) => void }).default;
    // the schema's "language" pattern is not valid as a Unicode regular expression (a stray ]), so ajv compiles patterns without the u flag
    const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    sarifValidator = ajv.compile(schema);
  }
  const ok = sarifValidator(log);
  return ok ? [] : (sarifValidator.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** RFC 4180 reader: quoted fields with doubled quotes, CRLF rows. Strict: a stray quote is an error. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`stray quote at ${i}`);
        field += text[i++];
      }
    }
    row.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else if (i < text.length) throw new Error(`bad line end at ${i}`);
  }
  if (row.length > 0) rows.push(row);
  return rows;
}
