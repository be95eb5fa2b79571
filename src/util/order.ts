/** The one order of paths in every report: by UTF-16 code units, as Array.prototype.sort() does by default. */
export function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
