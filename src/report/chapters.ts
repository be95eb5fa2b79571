/** Chapter names for grouping results, in report order. */
export const CHAPTERS: Array<[string, string]> = [
  ['GEN', 'Policy hygiene and currency'],
  ['C1', 'Chapter 1: a shared responsibility'],
  ['C2', 'Chapter 2: multi-agency safeguarding arrangements'],
  ['C3', 'Chapter 3: providing help, support and protection'],
  ['C4', 'Chapter 4: organisational responsibilities'],
  ['C5', 'Chapter 5: learning from serious child safeguarding incidents'],
  ['C6', 'Chapter 6: child death reviews'],
  // the partnership's own requirements (local-requirements), cited to its own procedures
  ['LOCAL', 'Local requirements of the partnership'],
];

export function chapterName(key: string): string {
  return CHAPTERS.find(([k]) => k === key)?.[1] ?? key;
}
