/** Types of bench/structures.mjs, for the tests that import it. */
export interface Structure {
  /** file extension: 'md' or 'yaml' */
  ext: string;
  /** a document of about this many bytes */
  make(bytes: number): string;
}
export function wideTable(cols: number, rows: number): string;
export function headings(n: number): string;
export const STRUCTURES: Record<string, Structure>;
export const ISSUE_CASES: Record<string, { ext: string; make(): string }>;
