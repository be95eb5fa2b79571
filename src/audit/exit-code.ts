/** The one place the exit code is decided, from the report alone. */
import type { AuditReport } from './result.js';
import { FINDING_STATUSES } from './result.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

export type FailOn = 'must' | 'should' | 'none';

export function exitCode(report: AuditReport, failOn: FailOn): number {
  if (report.errors.length > 0) return EXIT_ERROR;
  if (failOn === 'none') return EXIT_OK;
  const failing = report.documents.some((d) =>
    d.results.some((r) => FINDING_STATUSES.has(r.status) && (failOn === 'should' || r.strength === 'must')),
  );
  return failing ? EXIT_FINDINGS : EXIT_OK;
}
