/** The JSON report: the result model as is, keys in a fixed order, so the same input gives the same bytes. */
import type { AuditReport } from '../audit/result.js';

export function renderJson(report: AuditReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
