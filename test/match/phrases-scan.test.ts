/**
 * The phrase trie's scan, which is tuned for speed (a memo of the root's children per word,
 * collections made only when needed, a snapshot for the build), must find exactly what the plain
 * algorithm finds: every phrase of the bundled catalogue over every block of real policies.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load.js';
import { parseMarkdown } from '../../src/document/markdown.js';
import { MAX_PHRASE_TOKENS, parsePhrase, PhraseSet, type PhraseMatch, type PhraseSetSnapshot } from '../../src/match/phrases.js';
import { tokenize, type TokenizedText } from '../../src/match/text.js';
import { ROOT } from '../helpers/run-cli.js';

type Tok = ReturnType<typeof parsePhrase>[number];
interface Node {
  lit: Map<string, Node>;
  stems: Map<string, Node>;
  stemLens: number[];
  cls: Map<string, Node>;
  any?: Node;
  out: number[];
}
const node = (): Node => ({ lit: new Map(), stems: new Map(), stemLens: [], cls: new Map(), out: [] });

/** The straightforward trie and walk, as first written: the reference. */
class PlainTrie {
  readonly root = node();
  add(tokens: Tok[], id: number): void {
    let n = this.root;
    for (const t of tokens) {
      if (t.kind === 'lit') n = n.lit.get(t.w) ?? (n.lit.set(t.w, node()), n.lit.get(t.w)!);
      else if (t.kind === 'stem') {
        if (!n.stems.has(t.p)) {
          n.stems.set(t.p, node());
          if (!n.stemLens.includes(t.p.length)) n.stemLens.push(t.p.length);
        }
        n = n.stems.get(t.p)!;
      } else if (t.kind === 'class') n = n.cls.get(t.c) ?? (n.cls.set(t.c, node()), n.cls.get(t.c)!);
      else n = n.any ?? (n.any = node());
    }
    if (!n.out.includes(id)) n.out.push(id);
  }
  scan(text: TokenizedText): PhraseMatch[] {
    const found: PhraseMatch[] = [];
    for (let i = 0; i < text.tokens.length; i++) this.walk(this.root, text, i, i, 0, found);
    // each phrase once per place, at its first finding
    const seen = new Set<string>();
    return found.filter((m) => !seen.has(`${m.phrase}:${m.start}:${m.end}`) && seen.add(`${m.phrase}:${m.start}:${m.end}`) !== undefined);
  }
  private walk(n: Node, text: TokenizedText, start: number, at: number, depth: number, found: PhraseMatch[]): void {
    for (const id of n.out) found.push({ phrase: id, start, end: at });
    if (depth >= MAX_PHRASE_TOKENS) return;
    const tok = text.tokens[at];
    for (const sp of text.spans.get(at) ?? []) {
      const next = n.cls.get(sp.cls);
      if (next) this.walk(next, text, start, sp.end, depth + 1, found);
    }
    if (!tok) return;
    const lit = n.lit.get(tok.w);
    if (lit) this.walk(lit, text, start, at + 1, depth + 1, found);
    for (const len of n.stemLens) {
      if (tok.w.length < len) continue;
      const next = n.stems.get(tok.w.slice(0, len));
      if (next) this.walk(next, text, start, at + 1, depth + 1, found);
    }
    // a possessive ("union's") also reads as its word ("union")
    const baseLit = tok.base !== undefined ? n.lit.get(tok.base) : undefined;
    if (baseLit) this.walk(baseLit, text, start, at + 1, depth + 1, found);
    if (n.any) this.walk(n.any, text, start, at + 1, depth + 1, found);
  }
}

function texts(): TokenizedText[] {
  const out: TokenizedText[] = [];
  for (const dir of ['samples', 'test/eval/policies']) {
    for (const f of readdirSync(join(ROOT, dir))) {
      if (!f.endsWith('.md')) continue;
      for (const b of parseMarkdown(f, readFileSync(join(ROOT, dir, f), 'utf8')).blocks) out.push(tokenize(b.text));
    }
  }
  // class spans (numbers, phones, e-mails, placeholders, names) and stems at the edges
  out.push(
    tokenize('Call Jane Smith on 0113 496 0000 or [insert number], e-mail dsl@example.org within 24 hours; whistleblowers and co-operation, safeguarding.'),
  );
  // possessives read both ways
  out.push(tokenize("The Local Authority's Safeguarding Children's Board, the Rugby Football Union's policy and the child’s voice."));
  return out;
}

describe('phrase scan', () => {
  const catalogue = loadCatalogue();
  const phrases = catalogue.phrases;
  const plain = new PlainTrie();
  phrases.source.forEach((p, id) => {
    const tokens = parsePhrase(p);
    plain.add(tokens, id);
    // two-word phrases also match written as one word
    const [a, b] = tokens;
    if (tokens.length === 2 && a!.kind === 'lit' && (b!.kind === 'lit' || b!.kind === 'stem')) {
      plain.add([b!.kind === 'lit' ? { kind: 'lit', w: a!.w + b!.w } : { kind: 'stem', p: a!.w + b!.p }], id);
    }
  });
  const all = texts();

  it('finds exactly what the plain trie finds, in the same order', () => {
    let matches = 0;
    for (const t of all) {
      const got = phrases.scan(t);
      expect(got).toEqual(plain.scan(t));
      matches += got.length;
    }
    expect(matches).toBeGreaterThan(1000);
  });

  it('finds the same after a round trip through the build snapshot', () => {
    const copy = PhraseSet.fromSnapshot(deserialize(serialize(phrases.toSnapshot())) as PhraseSetSnapshot);
    for (const t of all) expect(copy.scan(t)).toEqual(phrases.scan(t));
  });

  it('keeps finding after a phrase is added (the memo starts afresh)', () => {
    const set = new PhraseSet();
    set.add('designated safeguarding lead');
    const t = tokenize('Tell the designated safeguarding lead or the welfare officer.');
    expect(set.scan(t).map((m) => set.source[m.phrase])).toEqual(['designated safeguarding lead']);
    set.add('welfare officer*');
    expect(set.scan(t).map((m) => set.source[m.phrase])).toEqual(['designated safeguarding lead', 'welfare officer*']);
  });
});
