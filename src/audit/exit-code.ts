/** The one place the exit code is decided: errors first, then findings at or above --fail-on. */
import type { DocumentResult, RequirementResult } from './result.js';
import { FINDING_STATUSES } from './result.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

export type FailOn = 'must' | 'should' | 'none';

export function exitCode(errors: number, failing: boolean): number {
  if (errors > 0) return EXIT_ERROR;
  return failing ? EXIT_FINDINGS : EXIT_OK;
}

/** Is this result a finding at or above the threshold (one that fails the run)? A finding the baseline knows does not. */
export function resultFails(r: Pick<RequirementResult, 'status' | 'strength' | 'known'>, failOn: FailOn): boolean {
  if (failOn === 'none' || r.known) return false;
  return FINDING_STATUSES.has(r.status) && (failOn === 'should' || r.strength === 'must');
}

/** Does this document alone hold a finding at or above the threshold? */
export function documentFails(d: DocumentResult, failOn: FailOn): boolean {
  return d.results.some((r) => resultFails(r, failOn));
}
