/**
 * How a status reads to people, the same in every report: a label, a symbol (never colour alone)
 * and the words of a sentence ("needs review", "not applicable").
 */
import type { Status } from '../audit/result.js';

/** How statuses are shown in words and a symbol: never by colour alone. */
export const STATUS_LABEL: Record<Status, string> = {
  met: 'Met',
  partial: 'Partial',
  gap: 'Gap',
  outdated: 'Outdated',
  'needs-review': 'Needs review',
  waived: 'Waived',
  'not-applicable': 'Not applicable',
};

export const STATUS_SYMBOL: Record<Status, string> = {
  met: '✓',
  partial: '◐',
  gap: '✗',
  outdated: '↻',
  'needs-review': '?',
  waived: '~',
  'not-applicable': '–',
};

/** Report order of the statuses in counts and tables. */
export const STATUS_ORDER: Status[] = ['met', 'partial', 'gap', 'outdated', 'needs-review', 'waived', 'not-applicable'];

/** How a result's status reads in a sentence: "needs review", "not applicable". */
export function statusWords(s: Status): string {
  return STATUS_LABEL[s].toLowerCase();
}
