/**
 * Polarity of a phrase match: is it said, denied, or only spoken of as history?
 * Deliberately conservative: a denied mention never counts as evidence, because a false "met"
 * is the worst error this tool can make.
 */
import { NEGATORS } from './phrases.js';
import type { Token } from './text.js';

/** Words that, between a negator and the match, flip the sense back ("we do not tolerate racism"). */
const POLARITY_FLIP = new Set([
  'tolerate',
  'tolerated',
  'tolerance',
  'accept',
  'accepted',
  'acceptable',
  'condone',
  'condoned',
  'ignore',
  'ignored',
  'hesitate',
  'delay',
  'delayed',
  'wait',
  'allow',
  'allowed',
  'permit',
  'permitted',
  'excuse',
  'overlook',
  'dismiss',
  'place',
  'room',
  'barrier',
  'prevent',
  'prevents',
  'stop',
  'stops',
  'hinder',
  'obstacle',
  'reason',
  'matter',
  'exception',
  'doubt',
  'sure',
  'certain',
  'unsure',
  'clear',
  'only',
  'left',
  'assume',
  'leave',
  'alone',
  'excuses',
  'justify',
  'justifies',
  'justification',
  'tolerating',
  'unreported',
  'unnoticed',
  'unchallenged',
  'stand',
  'blame',
  'fault',
  'responsible',
  'shy',
  'afraid',
  'fear',
]);

const NEVER_DENIALS = new Set(['had', 'been', 'have', 'has', 'received', 'appointed', 'adopted', 'needed', 'used']);
const MODALS = new Set(['must', 'should', 'shall', 'may', 'will', 'would']);
const PROHIBITIONS = new Set(['mustnt', 'shouldnt', 'shant']);

/** Is the negator at k part of a prohibition: "must not", "should never", a clause-initial "never" or "do not"? */
function isProhibition(tokens: Token[], k: number): boolean {
  const t = tokens[k]!;
  if (PROHIBITIONS.has(t.w)) return true;
  const prev = tokens[k - 1];
  const clauseStart = !prev || prev.cl !== t.cl;
  if ((t.w === 'not' || t.w === 'never') && prev && MODALS.has(prev.w) && prev.w !== 'will' && prev.w !== 'would') return true;
  // "staff never meet a child alone" is a rule; "we have never had a policy" is a denial
  // and "we never share information" is the organisation denying it does something
  if (t.w === 'never') return !NEVER_DENIALS.has(tokens[k + 1]?.w ?? '') && !(prev && (NEVER_DENIALS.has(prev.w) || prev.w === 'we' || prev.w === 'it'));
  if ((t.w === 'dont' || (t.w === 'not' && prev?.w === 'do')) && (t.w === 'dont' ? clauseStart : !tokens[k - 2] || tokens[k - 2]!.cl !== t.cl)) return true;
  return false;
}

const COMPARATIVES = new Set(['later', 'longer', 'more', 'less', 'fewer', 'sooner', 'greater']);

/** Words that end the reach of a negation looking backwards ("if it is not urgent, report it"). */
const CLAUSE_STARTERS = new Set(['but', 'if', 'unless', 'because', 'which', 'who', 'when', 'so', 'then', 'although', 'however', 'whether', 'instead', 'while']);

/** How far back a negator can reach, in words. */
const NEGATION_REACH = 5;

const DISCLAIM_VERBS =
  /^(cover|covered|covers|address|addressed|addresses|include|included|includes|apply|applies|deal|deals|within|part|relevant|applicable)$/;
/** Words between the negator and the verb of a disclaimer: "does not attempt to cover", "is not intended to address". */
const DISCLAIM_HEDGES = new Set([
  'attempt',
  'attempts',
  'try',
  'tries',
  'seek',
  'seeks',
  'aim',
  'aims',
  'intend',
  'intends',
  'intended',
  'designed',
  'meant',
  'set',
  'out',
  'to',
  'currently',
  'specifically',
  'explicitly',
  'directly',
  'itself',
  'yet',
]);
/** What a hedged disclaimer must be said of: the document, not a person ("staff will not try to address it themselves"). */
const DOCUMENT_WORDS = new Set(['policy', 'policies', 'document', 'procedure', 'procedures', 'guidance', 'section', 'statement', 'it', 'this']);

/** Words that make what follows in their clause a condition or a remainder, not a statement. */
const CONDITIONAL = new Set(['if', 'where', 'when', 'whenever', 'unless', 'anything', 'something', 'whatever', 'everything']);

/** Does a conditional word stand before token i in its clause? */
function inConditional(tokens: Token[], sentStart: number, i: number): boolean {
  for (let k = i - 1; k >= sentStart && tokens[k]!.cl === tokens[i]!.cl; k--) if (CONDITIONAL.has(tokens[k]!.w)) return true;
  return false;
}

/** Sentence-wide scope disclaimers: "this policy does not cover …", "outside the scope of …". */
function sentenceDisclaims(tokens: Token[], sentStart: number, sentEnd: number): boolean {
  for (let i = sentStart; i < sentEnd; i++) {
    const w = tokens[i]!.w;
    const next = tokens[i + 1]?.w;
    const next2 = tokens[i + 2]?.w;
    if ((w === 'outside' || w === 'beyond') && (next === 'the' || next === 'our' || next === 'this') && next2?.startsWith('scope')) return true;
    if (!NEGATORS.has(w) || next === undefined) continue;
    // "not within the scope", "does not cover", "not part of this policy"; but "if something
    // isn't covered here, look there" and "anything not covered" point elsewhere, denying nothing
    if (DISCLAIM_VERBS.test(next)) {
      if (!inConditional(tokens, sentStart, i)) return true;
      continue;
    }
    // "this policy does not attempt to cover X, Y or Z": hedged, so only when said of the document
    let j = i + 1;
    while (j < sentEnd && j <= i + 4 && DISCLAIM_HEDGES.has(tokens[j]!.w)) j++;
    if (j > i + 1 && j < sentEnd && DISCLAIM_VERBS.test(tokens[j]!.w) && saidOfDocument(tokens, sentStart, i) && !inConditional(tokens, sentStart, i))
      return true;
  }
  return false;
}

/** How far after a match its own disclaimer may come ("online safety isn't covered"), in words. */
const DISCLAIM_REACH = 6;

/** Is the match at `start` followed, in its clause, by a disclaimer: "X is not covered", "X isn't dealt with here"? */
function disclaimedAfter(tokens: Token[], start: number): boolean {
  const here = tokens[start]!;
  for (let k = start + 1, steps = 0; k < tokens.length && steps < DISCLAIM_REACH; k++, steps++) {
    const t = tokens[k]!;
    if (t.sent !== here.sent || CLAUSE_STARTERS.has(t.w) || POLARITY_FLIP.has(t.w)) return false;
    if (NEGATORS.has(t.w)) return DISCLAIM_VERBS.test(tokens[k + 1]?.w ?? '');
  }
  return false;
}

/** Is the negator at k said of the document ("this policy does not …", "it is not …")? */
function saidOfDocument(tokens: Token[], sentStart: number, k: number): boolean {
  for (let i = k - 1; i >= sentStart && i >= k - 3; i--) if (DOCUMENT_WORDS.has(tokens[i]!.w)) return true;
  return false;
}

/**
 * Where each sentence of a token list starts and ends, and what was already worked out about it.
 * Every match asks about its sentence; walking the sentence afresh each time made one long
 * sentence full of matches quadratic (a hostile one-line policy hung the audit).
 */
interface Sentences {
  start: number[];
  end: number[];
  disclaims: Array<boolean | undefined>;
  historic: Array<boolean | undefined>;
}

const sentenceCache = new WeakMap<Token[], Sentences>();

function sentencesOf(tokens: Token[]): Sentences {
  let s = sentenceCache.get(tokens);
  if (!s) {
    const found: Sentences = { start: [], end: [], disclaims: [], historic: [] };
    // sentence numbers never go down along the tokens, so each sentence is one run
    tokens.forEach((t, i) => {
      found.start[t.sent] ??= i;
      found.end[t.sent] = i + 1;
    });
    sentenceCache.set(tokens, found);
    s = found;
  }
  return s;
}

/** Token range of the sentence containing token i. */
export function sentenceRange(tokens: Token[], i: number): [number, number] {
  const s = sentencesOf(tokens);
  const sent = tokens[i]!.sent;
  return [s.start[sent]!, s.end[sent]!];
}

/** Is the phrase match starting at token `start` denied by its sentence? */
export function isNegated(tokens: Token[], start: number, phraseIsSelfNegating: boolean): boolean {
  if (phraseIsSelfNegating) return false;
  const here = tokens[start];
  if (!here) return false;
  for (let k = start - 1, steps = 0; k >= 0 && steps < NEGATION_REACH; k--, steps++) {
    const t = tokens[k]!;
    if (t.sent !== here.sent || t.cl !== here.cl) break;
    if (POLARITY_FLIP.has(t.w)) return false;
    // "…, so online safety isn't covered by this policy": the clause that starts here may still disclaim it
    if (CLAUSE_STARTERS.has(t.w)) return disclaimedAfter(tokens, start);
    if (NEGATORS.has(t.w)) {
      // a rule of conduct ("staff must not…", "never…", "do not…") is policy, not a denial
      if (isProhibition(tokens, k)) return false;
      // "whether or not", "not only", and comparisons: "no later than", "no more than" (but "no longer offer" denies)
      if (tokens[k - 1]?.w === 'or' || tokens[k + 1]?.w === 'only') return false;
      if (COMPARATIVES.has(tokens[k + 1]?.w ?? '') && tokens[k + 2]?.w === 'than') return false;
      return true;
    }
  }
  const s = sentencesOf(tokens);
  const [a, b] = sentenceRange(tokens, start);
  return (s.disclaims[here.sent] ??= sentenceDisclaims(tokens, a, b));
}

const HISTORY_WORDS = new Set([
  'replaced',
  'replaces',
  'replacing',
  'replacement',
  'formerly',
  'former',
  'previously',
  'previous',
  'predecessor',
  'predecessors',
  'abolished',
  'superseded',
  'supersedes',
  'renamed',
  'successor',
  'successors',
  'legacy',
  'historically',
  'historic',
  'historical',
  'old',
  'older',
  'instead',
]);

const REFERRED = new Set(['this', 'it', 'them', 'these', 'that']);

/** Is the sentence around token i talking about a term as history ("formerly the LSCB")? */
export function isHistoric(tokens: Token[], i: number): boolean {
  const s = sentencesOf(tokens);
  return (s.historic[tokens[i]!.sent] ??= sentenceIsHistoric(tokens, ...sentenceRange(tokens, i)));
}

function sentenceIsHistoric(tokens: Token[], a: number, b: number): boolean {
  for (let k = a; k < b; k++) {
    const w = tokens[k]!.w;
    if (HISTORY_WORDS.has(w)) return true;
    const next = tokens[k + 1]?.w;
    if ((w === 'no' && next === 'longer') || (w === 'now' && (next === 'known' || next === 'called')) || (w === 'used' && next === 'to')) return true;
    // "staff may remember this as a CRB check", "you may have known it as": the old name recalled, not used
    if ((w === 'remember' || w === 'knew' || w === 'known') && REFERRED.has(next ?? '') && tokens[k + 2]?.w === 'as') return true;
  }
  return false;
}
