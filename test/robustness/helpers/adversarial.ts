/** Hostile text for the matchers: every catalogue phrase, near misses of it, long runs of one character. */
import type { PolicyDocument } from '../../../src/document/model.js';
import { emptyMeta } from '../../../src/document/model.js';

const CLASS_SAMPLES: Record<string, string> = {
  '<phone>': '0113 496 0000',
  '<email>': 'dsl@example.org',
  '<number>': '5',
  '<year>': '2026',
  '<person>': 'Jane Smith',
  '<placeholder>': '[insert name]',
  '<url>': 'www.example.org',
};

/** A phrase of the catalogue written out as text that matches it. */
export function renderPhrase(phrase: string): string[] {
  return phrase
    .trim()
    .split(/\s+/)
    .map((w) => (w === '_' ? 'the' : (CLASS_SAMPLES[w] ?? (w.endsWith('*') ? `${w.slice(0, -1)}ing` : w))));
}

/**
 * Every phrase as written, cut short by its last word, with its last word misspelt, and denied
 * ("not …"): as many partial walks of the phrase trie as the catalogue allows. No full stops, so
 * with `sentences: false` it is one very long sentence.
 */
export function nearMatches(phrases: readonly string[], sentences = false): string {
  const out: string[] = [];
  const end = sentences ? '.' : '';
  for (const p of phrases) {
    const words = renderPhrase(p);
    out.push(words.join(' ') + end);
    if (words.length > 1) out.push(words.slice(0, -1).join(' ') + end);
    out.push([...words.slice(0, -1), `${words[words.length - 1]}x`].join(' ') + end);
    out.push(`not ${words.join(' ')}${end}`);
  }
  return out.join(' ');
}

/** Cut a long text to about `chars` characters, at a space. */
export function prefix(text: string, chars: number): string {
  if (text.length <= chars) return text;
  const cut = text.lastIndexOf(' ', chars);
  return text.slice(0, cut > 0 ? cut : chars);
}

/** A document of the given blocks (each a paragraph under one heading), built without a parser. */
export function documentOf(blocks: readonly string[]): PolicyDocument {
  const doc: PolicyDocument = {
    path: 'hostile.md',
    format: 'markdown',
    sha256: '0'.repeat(64),
    meta: emptyMeta(),
    sections: [{ heading: 'Policy', depth: 1, line: 1, column: 1, trail: ['Policy'], bodyWords: 0 }],
    blocks: [{ kind: 'heading', text: 'Policy', context: 'body', section: 0, group: 0, line: 1, column: 1, endLine: 1, endColumn: 9 }],
    lineCount: blocks.length + 1,
  };
  blocks.forEach((text, i) => {
    doc.blocks.push({ kind: 'paragraph', text, context: 'body', section: 0, group: i + 1, line: i + 2, column: 1, endLine: i + 2, endColumn: text.length + 1 });
    doc.sections[0]!.bodyWords += text.split(/\s+/).length;
  });
  return doc;
}

/** Runs of one character (or a short unit), the classic way to find a backtracking regular expression. */
export const RUNS: Record<string, string> = {
  letter: 'a',
  digit: '1',
  'digits and spaces': '1 ',
  space: ' ',
  dot: '.',
  hyphen: '-',
  'at sign': '@',
  underscore: '_',
  'open bracket': '[',
  'open braces': '{{',
  'template tag': '{%',
  'dollar brace': '${',
  'unclosed placeholder': '[insert ',
  placeholder: '[Name] ',
  email: 'a@b.co ',
  'capitalised names': 'Jane Smith ',
  'dotted word': 'a.',
  apostrophe: "'",
  accented: 'é',
  emoji: '😀',
  'month names': 'September ',
  'date-like': '1/1/',
  'number words': 'twenty four ',
  negators: 'not no never ',
  'url-like': 'www.a.',
};
