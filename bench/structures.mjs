/**
 * Inputs of one kind of structure each, at any size: what `bench/cost.mjs` measures in cold
 * processes and `test/robustness/linear-time.test.ts` checks for growth and for cost per byte
 * beside a typical policy. Each is a unit of ordinary policy text repeated, so that the large input
 * holds exactly what the small one does, many times over.
 */

const SENTENCE = 'Staff report every concern to the designated safeguarding lead on the same day.';

/** n copies of unit(i), i = 0 … n-1, joined. */
const repeat = (n, unit) => Array.from({ length: n }, (_, i) => unit(i)).join('');
/** How many units of about `unitBytes` make `bytes`. */
const count = (bytes, unitBytes) => Math.max(1, Math.round(bytes / unitBytes));

/** A wide table: a header, a delimiter row and body rows of `cols` one-letter cells. */
export function wideTable(cols, rows) {
  const row = `|${'a|'.repeat(cols)}\n`;
  return `# Table\n\n${row}|${'-|'.repeat(cols)}\n${row.repeat(rows)}`;
}

/** Headings each followed by one line of text (issue 14's heading-heavy file). */
export function headings(n) {
  return repeat(n, (i) => `## Heading ${i}\nSome text.\n`);
}

/**
 * Each kind of structure: its file extension and a function from a size in bytes to a document of
 * about that size.
 */
export const STRUCTURES = {
  paragraphs: { ext: 'md', make: (b) => repeat(count(b, 83), () => `${SENTENCE}\n\n`) },
  headings: { ext: 'md', make: (b) => headings(count(b, 28)) },
  lists: { ext: 'md', make: (b) => `# Reporting\n\n${repeat(count(b, 83), () => `- ${SENTENCE}\n`)}` },
  tables: {
    ext: 'md',
    make: (b) => `| Role | Name | Phone |\n|---|---|---|\n${repeat(count(b, 58), (i) => `| Designated safeguarding lead | Jo Smith ${i} | 01632 960100 |\n`)}`,
  },
  'tables of many columns': { ext: 'md', make: (b) => wideTable(1000, Math.max(1, Math.round(b / 2002))) },
  links: {
    ext: 'md',
    make: (b) =>
      repeat(count(b, 105), () => 'See [the local procedures](https://example.org/procedures) and [the NSPCC](https://www.nspcc.org.uk/) for help.\n\n'),
  },
  emphasis: {
    ext: 'md',
    make: (b) => repeat(count(b, 95), () => 'Staff **must** report *every* concern to the _designated lead_ on the ~~next~~ same day.\n\n'),
  },
  'front matter': {
    ext: 'md',
    make: (b) =>
      `---\norganisation: Northgate Youth Club\ntype: vcse\nleads:\n${repeat(count(b, 100), (i) => `  - role: Deputy Designated Safeguarding Lead\n    name: Jo Smith ${i}\n    phone: "01632 960100"\n`)}---\n\n# Policy\n\n${SENTENCE}\n`,
  },
  'YAML policies': {
    ext: 'yaml',
    make: (b) =>
      `policy:\n  organisation: Northgate Youth Club\n  type: vcse\nsections:\n${repeat(count(b, 118), (i) => `  - heading: Reporting concerns ${i}\n    text: ${SENTENCE}\n`)}`,
  },
};

/** The inputs of issue 14, as measured there (sizes are what these make). */
export const ISSUE_CASES = {
  'a table of 1,000 columns × 200 rows': { ext: 'md', make: () => wideTable(1000, 200) },
  'the same at 5,000 columns': { ext: 'md', make: () => wideTable(5000, 200) },
  '50,000 headings, each with one line of text': { ext: 'md', make: () => headings(50_000) },
  '100,000 headings': { ext: 'md', make: () => headings(100_000) },
};
