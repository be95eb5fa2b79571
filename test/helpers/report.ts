/** Test helpers for reports: one built around given documents, and the report schema's validator. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import type { AuditReport } from '../../src/audit/result.js';
import { emptyReport } from '../../src/audit/run.js';
import { catalogue, TEST_AS_OF } from './audit-text.js';
import { ROOT } from './run-cli.js';

/** A report of the bundled catalogue, as a run would start it, holding these documents, errors and warnings. */
export function reportOf(documents: AuditReport['documents'], errors: AuditReport['errors'] = [], warnings: AuditReport['warnings'] = []): AuditReport {
  return { ...emptyReport(catalogue(), { asOf: TEST_AS_OF, failOn: 'must' }), documents, errors, warnings };
}

let validate: ValidateFunction | undefined;

/** checks/schema/report.schema.json compiled once, with every error reported. */
export function reportValidator(): ValidateFunction {
  validate ??= new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(ROOT, 'checks/schema/report.schema.json'), 'utf8')) as object);
  return validate;
}
