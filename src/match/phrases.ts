/**
 * Phrases compile into one word-level trie for the whole catalogue, so each block is scanned once
 * for every requirement. Matching walks the trie from each token; a walk is bounded by the
 * longest phrase, so a scan is linear in the number of tokens whatever the input.
 */
import { normaliseWord, type TokenClass, type TokenizedText } from './text.js';

type PatternToken = { kind: 'lit'; w: string } | { kind: 'stem'; p: string } | { kind: 'class'; c: TokenClass } | { kind: 'any' };

const CLASSES = new Set<TokenClass>(['number', 'email', 'phone', 'placeholder', 'person', 'year', 'url']);

/** Longest phrase, in tokens: keeps every walk short. */
export const MAX_PHRASE_TOKENS = 12;

export class PhraseError extends Error {}

/** Parse a catalogue phrase into pattern tokens, using the same normalisation as the text. */
export function parsePhrase(phrase: string): PatternToken[] {
  const out: PatternToken[] = [];
  for (const part of phrase.trim().split(/\s+/)) {
    if (part === '') continue;
    if (part === '_') {
      out.push({ kind: 'any' });
      continue;
    }
    const cls = /^<([a-z]+)>$/.exec(part);
    if (cls) {
      if (!CLASSES.has(cls[1] as TokenClass)) throw new PhraseError(`unknown token class <${cls[1]}> in "${phrase}"`);
      out.push({ kind: 'class', c: cls[1] as TokenClass });
      continue;
    }
    const stem = part.endsWith('*');
    const body = stem ? part.slice(0, -1) : part;
    if (body.includes('*')) throw new PhraseError(`"*" may only end a word, in "${phrase}"`);
    // hyphens, slashes and dots split words in text, so they split phrase words too
    const pieces = body
      .split(/[-/._:+]/)
      .map((p) => normaliseWord(p.replace(/[^\p{L}\p{N}'’]/gu, '')))
      .filter((p) => p !== '');
    if (body === '&') {
      out.push({ kind: 'lit', w: 'and' });
      continue;
    }
    pieces.forEach((p, i) => {
      const last = i === pieces.length - 1;
      out.push(last && stem ? { kind: 'stem', p } : { kind: 'lit', w: p });
    });
  }
  if (out.length === 0) throw new PhraseError(`empty phrase "${phrase}"`);
  if (out.length > MAX_PHRASE_TOKENS) throw new PhraseError(`phrase longer than ${MAX_PHRASE_TOKENS} words: "${phrase}"`);
  if (out[0]!.kind === 'any') throw new PhraseError(`a phrase may not start with "_": "${phrase}"`);
  const stemTooShort = out.find((t) => t.kind === 'stem' && t.p.length < 3);
  if (stemTooShort) throw new PhraseError(`a stem needs at least 3 letters: "${phrase}"`);
  return out;
}

/** Canonical key of a phrase, so the same phrase in two requirements is matched once. */
function phraseKey(tokens: PatternToken[]): string {
  return tokens.map((t) => (t.kind === 'lit' ? t.w : t.kind === 'stem' ? `${t.p}*` : t.kind === 'class' ? `<${t.c}>` : '_')).join(' ');
}

/**
 * A trie node. Most nodes are leaves or have one kind of child, so each collection is made only
 * when it gets its first entry (every node has every field, so all nodes share one shape).
 */
interface TrieNode {
  lit: Map<string, TrieNode> | undefined;
  stems: Map<string, TrieNode> | undefined;
  /** distinct stem lengths at this node, so a token is probed only at those prefix lengths */
  stemLens: number[] | undefined;
  cls: Map<TokenClass, TrieNode> | undefined;
  any: TrieNode | undefined;
  /** phrase ids ending here */
  out: number[] | undefined;
}

function node(): TrieNode {
  return { lit: undefined, stems: undefined, stemLens: undefined, cls: undefined, any: undefined, out: undefined };
}

export interface PhraseSetSnapshot {
  root: unknown;
  ids: Map<string, number>;
  source: string[];
  selfNegating: boolean[];
}

export interface PhraseMatch {
  phrase: number;
  /** token index of the first token, and one past the last */
  start: number;
  end: number;
}

export class PhraseSet {
  private readonly root = node();
  private readonly ids = new Map<string, number>();
  /** the written phrase for each id (first spelling seen) */
  readonly source: string[] = [];
  /** phrases that begin with a negation word themselves ("do not promise") are never negated */
  readonly selfNegating: boolean[] = [];
  /**
   * The root's word and stem children each word leads to, in walk order, remembered: every token
   * starts a walk at the root, most end there, and documents repeat their words. Cleared when a
   * phrase is added, and when it holds too many words.
   */
  private rootNext = new Map<string, TrieNode[]>();

  /** Add a phrase (idempotent); returns its id. Two-word phrases also match written as one word. */
  add(phrase: string): number {
    const tokens = parsePhrase(phrase);
    const key = phraseKey(tokens);
    const existing = this.ids.get(key);
    if (existing !== undefined) return existing;
    this.rootNext.clear();
    const id = this.source.length;
    this.ids.set(key, id);
    this.source.push(phrase);
    this.selfNegating.push(tokens.some((t) => t.kind === 'lit' && NEGATORS.has(t.w)));
    this.insert(tokens, id);
    const joined = joinedVariant(tokens);
    if (joined) this.insert(joined, id);
    return id;
  }

  private insert(tokens: PatternToken[], id: number): void {
    let n = this.root;
    for (const t of tokens) {
      if (t.kind === 'lit') n = getOr((n.lit ??= new Map<string, TrieNode>()), t.w);
      else if (t.kind === 'stem') {
        const stems = (n.stems ??= new Map<string, TrieNode>());
        if (!stems.has(t.p)) {
          stems.set(t.p, node());
          const lens = (n.stemLens ??= []);
          if (!lens.includes(t.p.length)) lens.push(t.p.length);
        }
        n = stems.get(t.p)!;
      } else if (t.kind === 'class') n = getOr((n.cls ??= new Map<TokenClass, TrieNode>()), t.c);
      else n = n.any ?? (n.any = node());
    }
    const out = (n.out ??= []);
    if (!out.includes(id)) out.push(id);
  }

  /** Every match of every phrase in the text. */
  scan(text: TokenizedText): PhraseMatch[] {
    const found: PhraseMatch[] = [];
    const { tokens } = text;
    for (let i = 0; i < tokens.length; i++) this.walk(this.root, text, i, i, 0, found);
    // a possessive read both ways can reach the same phrase twice
    return tokens.some((t) => t.base !== undefined) ? uniqueMatches(found) : found;
  }

  private walk(n: TrieNode, text: TokenizedText, start: number, at: number, depth: number, found: PhraseMatch[]): void {
    if (n.out) for (const id of n.out) found.push({ phrase: id, start, end: at });
    if (depth >= MAX_PHRASE_TOKENS) return;
    const tok = text.tokens[at];
    // class spans may start here even at the end of words (none past the last token)
    const cls = n.cls;
    const spans = cls ? text.spans.get(at) : undefined;
    if (cls && spans) {
      for (const sp of spans) {
        const next = cls.get(sp.cls);
        if (next) this.walk(next, text, start, sp.end, depth + 1, found);
      }
    }
    if (!tok) return;
    if (n === this.root) {
      for (const next of this.fromRoot(tok.w)) this.walk(next, text, start, at + 1, depth + 1, found);
    } else {
      const lit = n.lit?.get(tok.w);
      if (lit) this.walk(lit, text, start, at + 1, depth + 1, found);
      if (n.stemLens) {
        for (const len of n.stemLens) {
          if (tok.w.length < len) continue;
          const next = n.stems!.get(tok.w.slice(0, len));
          if (next) this.walk(next, text, start, at + 1, depth + 1, found);
        }
      }
    }
    // a possessive also reads as its word: "the Rugby Football Union's policy" meets "rugby football union"
    const baseLit = tok.base !== undefined ? n.lit?.get(tok.base) : undefined;
    if (baseLit) this.walk(baseLit, text, start, at + 1, depth + 1, found);
    if (n.any) this.walk(n.any, text, start, at + 1, depth + 1, found);
  }

  private fromRoot(w: string): TrieNode[] {
    let next = this.rootNext.get(w);
    if (!next) {
      if (this.rootNext.size >= ROOT_MEMO_WORDS) this.rootNext.clear();
      next = wordChildren(this.root, w);
      this.rootNext.set(w, next);
    }
    return next;
  }

  get size(): number {
    return this.source.length;
  }

  /** The whole set as plain data (Maps, arrays), for the build's compiled-catalogue snapshot (v8.serialize). */
  toSnapshot(): PhraseSetSnapshot {
    return { root: this.root, ids: this.ids, source: this.source, selfNegating: this.selfNegating };
  }

  /** A set equal to the one a snapshot was taken of. */
  static fromSnapshot(snap: PhraseSetSnapshot): PhraseSet {
    const set = new PhraseSet();
    Object.assign(set, { root: snap.root, ids: snap.ids, source: snap.source, selfNegating: snap.selfNegating });
    return set;
  }
}

function uniqueMatches(found: PhraseMatch[]): PhraseMatch[] {
  const seen = new Set<string>();
  return found.filter((m) => {
    const key = `${m.phrase}:${m.start}:${m.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Most distinct words the root memo holds before it starts afresh. */
const ROOT_MEMO_WORDS = 50_000;
const NO_NODES: TrieNode[] = [];
const NO_LENGTHS: number[] = [];

/** The children of n a word leads to, in the order walk() tries them: its literal child, then its stem children. */
function wordChildren(n: TrieNode, w: string): TrieNode[] {
  let out: TrieNode[] | undefined;
  const lit = n.lit?.get(w);
  if (lit) out = [lit];
  for (const len of n.stemLens ?? NO_LENGTHS) {
    if (w.length < len) continue;
    const next = n.stems!.get(w.slice(0, len));
    if (next) (out ??= []).push(next);
  }
  return out ?? NO_NODES;
}

function getOr<K>(m: Map<K, TrieNode>, k: K): TrieNode {
  let n = m.get(k);
  if (!n) {
    n = node();
    m.set(k, n);
  }
  return n;
}

/** "whistle blow*" also as "whistleblow*", "co operat*" as "cooperat*", "e safety" as "esafety". */
function joinedVariant(tokens: PatternToken[]): PatternToken[] | undefined {
  if (tokens.length !== 2) return undefined;
  const [a, b] = tokens as [PatternToken, PatternToken];
  if (a.kind !== 'lit') return undefined;
  if (b.kind === 'lit') return [{ kind: 'lit', w: a.w + b.w }];
  if (b.kind === 'stem') return [{ kind: 'stem', p: a.w + b.p }];
  return undefined;
}

/** Words that turn a statement around. "n't" arrives as "dont", "cant", "wont" after normalising. */
export const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'nor',
  'neither',
  'without',
  'cannot',
  'dont',
  'doesnt',
  'didnt',
  'wont',
  'cant',
  'isnt',
  'arent',
  'wasnt',
  'werent',
  'shouldnt',
  'wouldnt',
  'couldnt',
  'mustnt',
  'none',
  'nothing',
  'neednt',
  'lacks',
]);
