/**
 * Turns a block's text into normalised word tokens, in one linear pass.
 *
 * Normalisation is shared with phrase compilation so that "Everyone’s", "everyone's" and
 * "EVERYONES" meet, "co-operate" meets "co operate", and "twenty-four" is the number 24.
 * Tokens also carry class spans (<number>, <email>, <phone>, <placeholder>, <person>, <year>,
 * <url>) that phrases can ask for, without any regular expression supplied by a catalogue.
 */

export interface Token {
  /** normalised word: lower case, accents and apostrophes removed */
  w: string;
  /** start and end offsets in the block text */
  s: number;
  e: number;
  /** sentence number within the block */
  sent: number;
  /** clause number within the block: commas, colons, brackets and dashes start a new one */
  cl: number;
  /** numeric value, for digits and number words */
  num?: number;
  /** written with a capital first letter */
  cap: boolean;
  /** a possessive's word without its 's ("union's" → "union"), which phrases may match too */
  base?: string;
}

export type TokenClass = 'number' | 'email' | 'phone' | 'placeholder' | 'person' | 'year' | 'url';

export interface ClassSpan {
  cls: TokenClass;
  /** index of the first token after the span */
  end: number;
  /** placeholder only: written for a template engine ({{ x }}), so filled in when published */
  filled?: boolean;
}

export interface TokenizedText {
  text: string;
  tokens: Token[];
  /** class spans starting at each token index */
  spans: Map<number, ClassSpan[]>;
}

const NUMBER_WORDS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

/** Words after which a full stop does not end a sentence. */
const ABBREVIATIONS = new Set([
  'eg',
  'ie',
  'etc',
  'mr',
  'mrs',
  'ms',
  'dr',
  'no',
  'st',
  'vs',
  'approx',
  'para',
  'paras',
  'ch',
  'cf',
  'rev',
  'revd',
  'nb',
  'tel',
  'ref',
  'sec',
  'incl',
  'dept',
  'ext',
]);

/** Capitalised words that are not personal names (roles, bodies, policy words). */
const NOT_NAMES = new Set(
  (
    'the a an and or of for to in on at by with our your their this that these those we you they it he she ' +
    'designated safeguarding lead leads officer officers deputy deputies named person welfare child children childrens ' +
    'protection policy policies procedure procedures social care services service local authority authorities council ' +
    'police health school schools college academy club clubs trust charity church diocese parish board boards partnership ' +
    'partners partner team teams manager head headteacher teacher principal chair chairs governor governors trustee trustees ' +
    'director directors coordinator co ordinator contact contacts email phone telephone tel mobile name role details ' +
    'designated lado mash nspcc dbs ofsted england uk national county city borough district working together keeping ' +
    'safe education early help family families integrated board icb nhs gp hospital practice review reviews panel ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august ' +
    'september october november december sept appendix section chapter part annex page version date approved next ' +
    'last updated signed children’s all staff volunteers volunteer parents carers young people adult adults code conduct ' +
    'whistleblowing online abuse neglect harm prevent channel multi agency domestic sexual physical emotional ' +
    'if when where what who how why please note see also contents introduction purpose scope aims statement ' +
    'level training senior leadership management committee hub front door helpline line childline designated ' +
    'responsible responsibilities key information sharing data general regulation act acts ' +
    'sport sports coach coaches coaching association federation union league foundation society institute ' +
    'centre center unit network alliance'
  ).split(' '),
);

const UNICODE_LETTER = /\p{L}/u;
function isLetter(c: number): boolean {
  if (c < 0xc0) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  // surrogate halves (emoji) are never letters here; the BMP check covers accented letters
  return c < 0xd800 || c > 0xdfff ? UNICODE_LETTER.test(String.fromCharCode(c)) : false;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Lower-case, strip accents and apostrophes. */
export function normaliseWord(raw: string): string {
  // most words are already lower-case ASCII letters and digits, which normalise to themselves
  let plain = true;
  for (let i = 0; i < raw.length && plain; i++) {
    const c = raw.charCodeAt(i);
    plain = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
  }
  if (plain) return raw;
  let w = raw.toLowerCase();
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(w)) w = w.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return w.replace(/['’‘`]/g, '');
}

/** "Union's", "children’s" → "union", "children": the word a possessive is made from. */
function possessiveBase(raw: string): string | undefined {
  const n = raw.length;
  if (n < 5) return undefined; // "it's", "he's", "who's" are not possessives worth a second reading
  const last = raw.charCodeAt(n - 1);
  const apostrophe = raw.charCodeAt(n - 2);
  if ((last !== 115 && last !== 83) || (apostrophe !== 39 && apostrophe !== 0x2019)) return undefined;
  return normaliseWord(raw.slice(0, n - 2));
}

function numberValue(w: string): number | undefined {
  // called for every token: only a word starting with a digit needs a regular expression
  const c = w.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    if (/^\d+$/.test(w)) return w.length <= 9 ? Number(w) : undefined;
    // 1st, 2nd, 18th, 24th
    const m = /^(\d+)(st|nd|rd|th)$/.exec(w);
    return m ? Number(m[1]) : undefined;
  }
  // a Map: faster than an object for fresh strings, and "constructor" is not a number
  return NUMBER_WORD_VALUES.get(w);
}

const NUMBER_WORD_VALUES: ReadonlyMap<string, number> = new Map(Object.entries(NUMBER_WORDS));

interface RawWord {
  raw: string;
  s: number;
  e: number;
}

/**
 * Character classes of a "word run": letters, digits, apostrophes, and joiners that can sit
 * inside a word (hyphen, dot, @, underscore, plus) which are resolved afterwards.
 */
function isWordChar(c: number): boolean {
  return (
    isLetter(c) ||
    isDigit(c) ||
    c === 39 /* ' */ ||
    c === 0x2019 ||
    c === 45 /* - */ ||
    c === 46 /* . */ ||
    c === 64 /* @ */ ||
    c === 95 /* _ */ ||
    c === 43 /* + */ ||
    c === 47 /* / */ ||
    c === 58 /* : */
  );
}

/** . - ' ’ _ + / : @ (compared as char codes: this runs for every word) */
function isTrimChar(c: number): boolean {
  return c === 46 || c === 45 || c === 39 || c === 0x2019 || c === 95 || c === 43 || c === 47 || c === 58 || c === 64;
}

function trimRun(text: string, s: number, e: number): [number, number] {
  while (s < e && isTrimChar(text.charCodeAt(s))) s++;
  while (e > s && isTrimChar(text.charCodeAt(e - 1))) e--;
  return [s, e];
}

/** Split a raw run like "co-operate", "e.g.", "01/09/2025", "www.x.org" into word pieces. */
function splitRun(text: string, s: number, e: number, out: RawWord[], urls: Array<[number, number]>): void {
  const raw = text.slice(s, e);
  if (raw.includes('@') && /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(raw)) {
    out.push({ raw, s, e });
    return;
  }
  // web addresses and dotted abbreviations all have a dot or a colon; most words have neither
  const dotted = raw.includes('.') || raw.includes(':');
  if (dotted && (/^(https?:\/\/|www\.)/i.test(raw) || /^[a-z0-9-]+(\.[a-z0-9-]+)*\.(uk|com|org|net|gov|nhs|edu|io)(\/\S*)?$/i.test(raw))) {
    urls.push([out.length, out.length]);
    out.push({ raw, s, e });
    return;
  }
  // abbreviations with inner dots: e.g, i.e, a.m → one word without dots
  if (dotted && /^([a-z]\.){1,3}[a-z]?$/i.test(raw)) {
    out.push({ raw: raw.replace(/\./g, ''), s, e });
    return;
  }
  // split on joiners; keep number-word compounds such as twenty-four together
  let i = s;
  let pieceStart = s;
  const flush = (end: number) => {
    const [a, b] = trimRun(text, pieceStart, end);
    if (b > a) out.push({ raw: text.slice(a, b), s: a, e: b });
  };
  while (i < e) {
    const c = text.charCodeAt(i);
    if (c === 45 || c === 46 || c === 95 || c === 43 || c === 47 || c === 58 || c === 64) {
      // a decimal point or section number (4.2) stays in the word
      if (c === 46 && i > s && i + 1 < e && isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1))) {
        i++;
        continue;
      }
      flush(i);
      pieceStart = i + 1;
    }
    i++;
  }
  flush(e);
}

/** Placeholders: {{ x }}, {% x %}, ${x} (filled by a template engine), and [insert …], [Name], ____, TBC. */
function findPlaceholders(text: string): Array<{ s: number; e: number; filled: boolean }> {
  const found: Array<{ s: number; e: number; filled: boolean }> = [];
  let i = 0;
  const n = text.length;
  // Where each closer next occurs, remembered: searching afresh from every opener made a text of
  // many unclosed "{{" or "[" quadratic. A remembered position still ahead of the search start is
  // the answer; -1 (no closer at all) stays true as the search moves on.
  const nextAt = new Map<string, number>();
  const indexOf = (close: string, from: number): number => {
    const at = nextAt.get(close);
    if (at !== undefined && (at === -1 || at >= from)) return at;
    const found = text.indexOf(close, from);
    nextAt.set(close, found);
    return found;
  };
  while (i < n) {
    const c = text[i]!;
    if ((c === '{' && (text[i + 1] === '{' || text[i + 1] === '%')) || (c === '$' && text[i + 1] === '{')) {
      const close = c === '$' ? '}' : text[i + 1] === '{' ? '}}' : '%}';
      const end = indexOf(close, i + 2);
      if (end !== -1 && end - i < 200) {
        found.push({ s: i, e: end + close.length, filled: true });
        i = end + close.length;
        continue;
      }
    } else if (c === '[') {
      const end = indexOf(']', i + 1);
      // "[Name]", "[insert LADO number]" — but not a footnote "[^1]" or a checkbox "[x]"
      if (end !== -1 && end - i < 80 && end - i > 2 && text[i + 1] !== '^' && text[end + 1] !== '(') {
        const inner = text.slice(i + 1, end);
        if (/^[A-Za-z][A-Za-z0-9 ,'’/&.-]*$/.test(inner) && !/^x$/i.test(inner)) {
          found.push({ s: i, e: end + 1, filled: false });
          i = end + 1;
          continue;
        }
      }
    } else if (c === '_' && text.startsWith('____', i)) {
      let j = i;
      while (j < n && text[j] === '_') j++;
      found.push({ s: i, e: j, filled: false });
      i = j;
      continue;
    }
    i++;
  }
  return found;
}

const SENTENCE = 1;
const CLAUSE = 2;

/** Tokenize a block of text. Linear in its length. */
export function tokenize(text: string): TokenizedText {
  const raws: RawWord[] = [];
  const urlIdx: Array<[number, number]> = [];
  // by raw index: a sentence (SENTENCE) or a clause (CLAUSE) ends after that raw word
  const breakAfter: number[] = [];
  const placeholders = findPlaceholders(text);
  let ph = 0;
  const phStarts: Array<{ rawIndex: number; end: number; filled: boolean; endOffset: number }> = [];

  const n = text.length;
  let i = 0;
  while (i < n) {
    // a placeholder becomes one pseudo-word
    const p = placeholders[ph];
    if (p && i >= p.s) {
      if (i === p.s) {
        phStarts.push({ rawIndex: raws.length, end: 0, filled: p.filled, endOffset: p.e });
        raws.push({ raw: '\u0000placeholder', s: p.s, e: p.e });
        i = p.e;
      }
      ph++;
      continue;
    }
    const c = text.charCodeAt(i);
    if (isLetter(c) || isDigit(c)) {
      let j = i + 1;
      const limit = p ? p.s : n;
      while (j < limit && isWordChar(text.charCodeAt(j))) j++;
      const [a, b] = trimRun(text, i, j);
      if (b > a) splitRun(text, a, b, raws, urlIdx);
      if (b < j && raws.length > 0 && text.slice(b, j).includes(':')) breakAfter[raws.length - 1]! |= CLAUSE;
      // sentence end: the run ended with ".", "!" or "?" (checked below via the next char)
      const k = b;
      const endCh = text[k];
      if (endCh === '.' || endCh === '!' || endCh === '?' || endCh === ';' || (k < j && text[j - 1] === '.')) {
        const last = raws[raws.length - 1];
        const lastWord = last ? normaliseWord(last.raw) : '';
        const nextNonSpace = skipSpace(text, Math.max(k, j) + (endCh && k >= j ? 1 : 0));
        const nextCh = text[nextNonSpace];
        const isAbbrev = endCh === '.' && ABBREVIATIONS.has(lastWord) && nextCh !== undefined && !/[A-Z]/.test(nextCh);
        const decimalPoint = endCh === '.' && nextNonSpace === k + 1 && nextCh !== undefined && /[0-9]/.test(nextCh);
        if (!isAbbrev && !decimalPoint && raws.length > 0) breakAfter[raws.length - 1]! |= SENTENCE;
      }
      i = j;
      continue;
    }
    if ((c === 46 || c === 33 || c === 63 || c === 59) && raws.length > 0) {
      breakAfter[raws.length - 1]! |= SENTENCE;
    }
    if (c === 38 /* & */) raws.push({ raw: 'and', s: i, e: i + 1 });
    if ((c === 44 || c === 58 || c === 40 || c === 41 || c === 0x2013 || c === 0x2014 || c === 45) && raws.length > 0) {
      breakAfter[raws.length - 1]! |= CLAUSE;
    }
    i++;
  }

  const tokens: Token[] = [];
  const spans = new Map<number, ClassSpan[]>();
  const addSpan = (at: number, span: ClassSpan) => {
    const list = spans.get(at);
    if (list) list.push(span);
    else spans.set(at, [span]);
  };
  let sent = 0;
  let cl = 0;
  const rawToToken: number[] = [];
  let phRead = 0;
  for (let r = 0; r < raws.length; r++) {
    const rw = raws[r]!;
    rawToToken.push(tokens.length);
    if (rw.raw === '\u0000placeholder') {
      // placeholders were recorded in raw-word order, so the next unread one is this one
      const info = phStarts[phRead++]!;
      tokens.push({ w: '<placeholder>', s: rw.s, e: rw.e, sent, cl, cap: false });
      addSpan(tokens.length - 1, { cls: 'placeholder', end: tokens.length, filled: info.filled });
    } else {
      const w = normaliseWord(rw.raw);
      const first = rw.raw.charCodeAt(0);
      const tok: Token = { w, s: rw.s, e: rw.e, sent, cl, cap: first >= 65 && first <= 90 };
      const base = possessiveBase(rw.raw);
      if (base !== undefined) tok.base = base;
      const num = numberValue(w);
      if (num !== undefined) tok.num = num;
      tokens.push(tok);
      const idx = tokens.length - 1;
      if (w.includes('@')) addSpan(idx, { cls: 'email', end: idx + 1 });
      if (num !== undefined) {
        addSpan(idx, { cls: 'number', end: idx + 1 });
        if (/^(19|20)\d\d$/.test(w)) addSpan(idx, { cls: 'year', end: idx + 1 });
      }
    }
    const brk = breakAfter[r] ?? 0;
    if (brk & SENTENCE) {
      sent++;
      cl++;
    } else if (brk & CLAUSE) cl++;
  }
  for (const [r] of urlIdx) {
    const t = rawToToken[r];
    if (t !== undefined) addSpan(t, { cls: 'url', end: t + 1 });
  }
  mergeNumberCompounds(tokens);
  markPhones(text, tokens, addSpan);
  markPersons(text, tokens, addSpan);
  return { text, tokens, spans };
}

function skipSpace(text: string, i: number): number {
  while (
    i < text.length &&
    (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === ')' || text[i] === '"' || text[i] === '”' || text[i] === '*')
  )
    i++;
  return i;
}

/** "twenty four" (from twenty-four) → the first token carries 24; the second keeps its own value. */
function mergeNumberCompounds(tokens: Token[]): void {
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1]!;
    if (
      a.num !== undefined &&
      a.num >= 20 &&
      a.num % 10 === 0 &&
      a.num < 100 &&
      NUMBER_WORD_VALUES.has(a.w) &&
      b.num !== undefined &&
      b.num > 0 &&
      b.num < 10 &&
      NUMBER_WORD_VALUES.has(b.w) &&
      b.s - a.e <= 1
    ) {
      a.num = a.num + b.num;
    }
  }
}

/** UK phone numbers written with spaces: 0113 222 3333, 0800 1111, +44 20 7946 0000, (01632) 960 001. */
function markPhones(text: string, tokens: Token[], addSpan: (at: number, s: ClassSpan) => void): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!isDigit(t.w.charCodeAt(0)) || !/^\d+$/.test(t.w)) continue;
    const startsRight = t.w.startsWith('0') || (t.w === '44' && text[t.s - 1] === '+');
    if (!startsRight) continue;
    let digits = t.w.length;
    let j = i + 1;
    while (
      j < tokens.length &&
      digits < 11 &&
      /^\d+$/.test(tokens[j]!.w) &&
      /^[\s\-()]*$/.test(text.slice(tokens[j - 1]!.e, tokens[j]!.s)) &&
      tokens[j]!.s - tokens[j - 1]!.e <= 3
    ) {
      digits += tokens[j]!.w.length;
      j++;
    }
    const national = t.w === '44' ? digits - 2 + 1 : digits;
    if (national >= 10 && national <= 11) {
      addSpan(i, { cls: 'phone', end: j });
      i = j - 1;
    } else if (digits >= 7 && t.w.startsWith('0')) {
      // short helplines such as 0800 1111 or 0808 800 5000
      addSpan(i, { cls: 'phone', end: j });
      i = j - 1;
    }
  }
}

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'rev', 'revd', 'reverend', 'father', 'sister', 'prof']);

/** A word of up to three capitals ("FA", "CFA", "RFU") is an acronym, not a name; "JANE SMITH" may be a name. */
function isAcronym(text: string, t: Token): boolean {
  if (t.e - t.s > 3) return false;
  const raw = text.slice(t.s, t.e);
  return raw === raw.toUpperCase();
}

/** A capitalised word that may be a first name on its own ("tell Sue"): not a role, body or policy word, not an acronym. */
export function mayBeFirstName(text: string, t: Token | undefined): boolean {
  return !!t && t.cap && /^[a-z][a-z]+$/.test(t.w) && !NOT_NAMES.has(t.w) && !isAcronym(text, t);
}

/** A personal name: a title and a capitalised word, or two capitalised words that are not role words. */
function markPersons(text: string, tokens: Token[], addSpan: (at: number, s: ClassSpan) => void): void {
  const nameLike = (t: Token | undefined) => mayBeFirstName(text, t);
  const initial = (t: Token | undefined) => !!t && t.cap && /^[a-z]$/.test(t.w);
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1]!;
    // a name is written in one piece: not across a comma, bracket or dash ("County FA (CFA)")
    if (a.sent !== b.sent || a.cl !== b.cl) continue;
    if (TITLES.has(a.w) && a.cap && (nameLike(b) || initial(b))) {
      let end = i + 2;
      const c = tokens[i + 2];
      if (c && c.cl === b.cl && initial(b) && nameLike(c)) end = i + 3;
      else if (c && c.cl === b.cl && nameLike(c) && c.sent === a.sent) end = i + 3;
      addSpan(i, { cls: 'person', end });
      i = end - 1;
    } else if ((nameLike(a) || initial(a)) && nameLike(b)) {
      addSpan(i, { cls: 'person', end: i + 2 });
      i++;
    }
  }
}
