/**
 * Every kind of broken or hostile policy file, with what the tool must say about it. Written into
 * a folder by writeBadFiles; read by the loader tests (one file at a time) and the batch test (all
 * at once, through the CLI). docs/robustness.md describes the same table.
 */
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BAD_FORMAT_FILES } from './bad-formats.js';

export interface Expect {
  /** the error message, exactly (string) or in shape (RegExp) */
  message: string | RegExp;
  line?: number;
  column?: number;
}

export interface BadFile {
  name: string;
  /** what the case is, in the words of the issue */
  what: string;
  write: (path: string) => void;
  /** an error, or 'document' when the file must be read and audited */
  expect: Expect | 'document';
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');
function utf16(s: string, bigEndian: boolean): Buffer {
  const b = Buffer.from(`\uFEFF${s}`, 'utf16le');
  return bigEndian ? b.swap16() : b;
}
const put = (bytes: string | Uint8Array) => (path: string) => writeFileSync(path, bytes);

/** A "billion laughs" YAML file: ten levels of nine aliases each. */
export function aliasBomb(): string {
  let s = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let i = 1; i < 10; i++) {
    const [name, prev] = [String.fromCharCode(97 + i), String.fromCharCode(96 + i)];
    s += `${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]\n`;
  }
  return s;
}

export const POLICY_TEXT = `# Safeguarding policy

Our club welfare officer is Jane Smith (07700 900123). Report any concern about a child to her at once.
`;

export const BAD_FILES: BadFile[] = [
  {
    name: 'invalid-syntax.yaml',
    what: 'invalid YAML (syntax)',
    write: put('policy:\n  organisation: [unclosed\nsections: []\n'),
    expect: { message: /^YAML syntax error: /, line: 3, column: 1 },
  },
  {
    name: 'breaks-schema.yaml',
    what: 'YAML that breaks the policy schema',
    write: put('policy:\n  organisation: Riverside FC\nsections:\n  - heading: Roles\n    txt: The DSL leads.\n'),
    expect: { message: 'sections[0]: unknown field "txt"', line: 5, column: 5 },
  },
  {
    name: 'alias-bomb.yaml',
    what: 'YAML alias bomb ("billion laughs")',
    write: put(aliasBomb()),
    expect: { message: 'too many YAML aliases (more than 100): refusing to expand what looks like an alias bomb', line: 2, column: 8 },
  },
  {
    name: 'duplicate-keys.yaml',
    what: 'duplicate keys',
    write: put('policy:\n  organisation: Riverside FC\n  organisation: Riverside Juniors\nsections: []\n'),
    expect: { message: 'duplicate key "organisation": each key may appear only once in a mapping', line: 3, column: 3 },
  },
  {
    name: 'duplicate-keys-front-matter.md',
    what: 'duplicate keys in front matter',
    write: put(`---\ntype: sports\ntype: vcse\n---\n${POLICY_TEXT}`),
    expect: { message: /^invalid front matter: Map keys must be unique/, line: 3, column: 1 },
  },
  {
    name: 'image.md',
    what: 'binary file with a policy extension',
    write: put(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52])),
    expect: { message: 'binary file (NUL bytes) – not a Markdown or YAML policy (first NUL at byte 8)' },
  },
  {
    name: 'nul-bytes.md',
    what: 'text with NUL bytes',
    write: put(utf8('# Policy\n\nReport\0 concerns.\n')),
    expect: { message: 'binary file (NUL bytes) – not a Markdown or YAML policy (first NUL at byte 16)' },
  },
  { name: 'empty.md', what: 'empty file', write: put(''), expect: { message: 'empty file' } },
  { name: 'blank.yaml', what: 'file of only spaces and newlines', write: put(' \n\t\n'), expect: { message: 'empty file' } },
  {
    name: 'front-matter-only.md',
    what: 'file of only front matter',
    write: put('---\norganisation: Riverside FC\ntype: sports\n---\n'),
    expect: { message: 'no policy text (only front matter)' },
  },
  {
    name: 'bad-front-matter.md',
    what: 'front matter that is not YAML',
    write: put(`---\norganisation: [Riverside\n---\n${POLICY_TEXT}`),
    expect: { message: /^invalid front matter: /, line: 2 },
  },
  { name: 'utf8-bom.md', what: 'UTF-8 with BOM', write: put(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(POLICY_TEXT)])), expect: 'document' },
  { name: 'utf16-le.md', what: 'UTF-16 LE with BOM', write: put(utf16(POLICY_TEXT, false)), expect: 'document' },
  { name: 'utf16-be.md', what: 'UTF-16 BE with BOM', write: put(utf16(POLICY_TEXT, true)), expect: 'document' },
  {
    name: 'utf16-le.yaml',
    what: 'UTF-16 LE YAML policy',
    write: put(utf16('sections:\n  - heading: Roles\n    text: Report any concern to the DSL.\n', false)),
    expect: 'document',
  },
  {
    name: 'windows-1252.md',
    what: 'Windows-1252 bytes (smart quotes, £)',
    write: put(
      Buffer.concat([utf8('# Policy\n\nThe club'), Buffer.from([0x92]), utf8('s welfare officer is Jane Smith. Fees are '), Buffer.from([0xa3]), utf8('5.\n')]),
    ),
    expect: 'document',
  },
  {
    name: 'too-large.md',
    what: 'a 50 MB file (over the 10 MB default of --max-file-size)',
    // sparse: its size is 50 MB without writing 50 MB; it is refused on its size alone
    write: (path) => {
      writeFileSync(path, '');
      truncateSync(path, 50 * 1024 * 1024);
    },
    expect: { message: 'file is too large (50 MiB; the limit is 10 MiB, set with --max-file-size)' },
  },
  {
    name: 'nested-lists.md',
    what: '10,000-deep nested lists',
    write: put(`# Policy\n\n${'- '.repeat(10000)}deep\n`),
    expect: { message: 'nested too deeply: about 10000 levels of lists or quotes (the limit is 100)', line: 3, column: 1 },
  },
  {
    name: 'nested-quotes.md',
    what: '10,000-deep nested blockquotes',
    write: put(`# Policy\n\nIntro.\n\n${'>'.repeat(10000)} deep\n`),
    expect: { message: 'nested too deeply: about 10000 levels of lists or quotes (the limit is 100)', line: 5, column: 1 },
  },
  {
    name: 'nested-indented-lists.md',
    what: 'lists nested by indentation, 150 deep',
    write: put(`# Policy\n\n${Array.from({ length: 150 }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n')}\n`),
    expect: { message: 'nested too deeply: about 101 levels of lists or quotes (the limit is 100)', line: 103, column: 1 },
  },
  {
    name: 'nested-sections.yaml',
    what: 'YAML sections nested 10,000 deep',
    write: put(`sections: ${'[{heading: a, sections: '.repeat(10000)}[]${'}]'.repeat(10000)}\n`),
    expect: { message: /^YAML syntax error: nested too deeply to read/ },
  },
  {
    name: 'nested-sections-150.yaml',
    what: 'YAML sections nested 150 deep',
    write: put(`sections: ${'[{heading: a, sections: '.repeat(150)}[]${'}]'.repeat(150)}\n`),
    expect: { message: 'nested too deeply: more than 100 levels of mappings or lists', line: 1 },
  },
  {
    name: 'emphasis-flood.md',
    what: 'thousands of emphasis markers in one paragraph',
    write: put(`# Policy\n\nIntro.\n\n${'*a '.repeat(5000)}x\n`),
    expect: {
      message: 'too much inline markup: over 500 emphasis or link markers in one paragraph (from this line); split it with blank lines',
      line: 5,
      column: 1,
    },
  },
  {
    // a fence inside a quote never closes at the top level: it must not switch the guard off
    name: 'quoted-fence-flood.md',
    what: 'an opening fence in a quote, then thousands of emphasis markers',
    write: put(`# Policy\n\n> \`\`\`\n\n${'*a '.repeat(5000)}x\n`),
    expect: {
      message: 'too much inline markup: over 500 emphasis or link markers in one paragraph (from this line); split it with blank lines',
      line: 5,
      column: 1,
    },
  },
  {
    name: 'indented-fence-nesting.md',
    what: 'an indented fence, then 300 nested quotes',
    write: put(`# Policy\n\n    \`\`\`\n\n${'>'.repeat(300)} deep\n`),
    expect: { message: 'nested too deeply: about 300 levels of lists or quotes (the limit is 100)', line: 5, column: 1 },
  },
  {
    name: 'long-line.md',
    what: 'a 5 MB line with no newline',
    write: put(
      `# Safeguarding policy\n\nReport any concern to the designated safeguarding lead. ${'Staff keep children safe at every session. '.repeat(Math.ceil((5 * 1024 * 1024) / 43))}`,
    ),
    expect: 'document',
  },
  {
    name: 'long-paragraph.md',
    what: 'a paragraph of 10,000 lines (no blank lines)',
    write: put(`# Safeguarding policy\n\n${'Staff report any concern about a child to the designated safeguarding lead.\n'.repeat(10000)}`),
    expect: 'document',
  },
  {
    name: 'policy.txt',
    what: 'a file type we do not read',
    write: put(POLICY_TEXT),
    expect: { message: 'unsupported file type ".txt": expected .md, .markdown, .yaml, .yml, .html, .htm, .docx or .pdf' },
  },
  // Word, PDF and HTML files: bad-formats.ts
  ...BAD_FORMAT_FILES,
];

/** Files and links that need the file system: a symlink loop and a link to nowhere. */
export const BAD_LINKS: Array<{ name: string; what: string; make: (dir: string) => void; expect: Expect }> = [
  {
    name: 'loop-a.md',
    what: 'a symbolic link loop',
    make: (dir) => {
      symlinkSync('loop-b.md', join(dir, 'loop-a.md'));
      symlinkSync('loop-a.md', join(dir, 'loop-b.md'));
    },
    expect: { message: 'symbolic link loop (too many levels of links)' },
  },
  {
    name: 'dangling.md',
    what: 'a symbolic link to a file that is gone',
    make: (dir) => symlinkSync('gone.md', join(dir, 'dangling.md')),
    expect: { message: 'broken symbolic link (its target does not exist)' },
  },
];

/** Write every bad file (and link) into `dir`; returns the names written. */
export function writeBadFiles(dir: string, opts: { links?: boolean } = {}): string[] {
  mkdirSync(dir, { recursive: true });
  for (const f of BAD_FILES) f.write(join(dir, f.name));
  const names = BAD_FILES.map((f) => f.name);
  if (opts.links ?? true) {
    for (const l of BAD_LINKS) l.make(dir);
    names.push('loop-a.md', 'loop-b.md', 'dangling.md');
  }
  return names;
}
