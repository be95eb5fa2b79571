/**
 * The naive baselines the tool must beat: a requirement is "met" when one of its topic words
 * appears anywhere in the document (no negation, no context, no specifics), else "gap".
 * 'key-term' spots only the first (canonical) phrase of each topic check, as a person searching
 * for the obvious term would; 'synonyms' spots every topic phrase the catalogue knows.
 */
import type { CompiledCheck, CompiledRequirement } from '../catalogue/compiled.js';
import type { DocIndex } from '../match/doc-index.js';

export type NaiveKind = 'key-term' | 'synonyms';

function topicPhraseIds(check: CompiledCheck, kind: NaiveKind): number[] | 'always-met' {
  const pick = (ids: number[]) => (kind === 'synonyms' ? ids : ids.slice(0, 1));
  switch (check.type) {
    case 'near':
      return check.groups.flatMap(pick);
    case 'timescale':
      return pick(check.concept);
    case 'heading':
      return pick(check.any);
    case 'edition':
      return pick(check.names);
    case 'terms':
      return 'always-met'; // a word-spotter cannot see that old terms are a problem
    default:
      return []; // fields and dates: a word-spotter has no notion of them
  }
}

export function naiveStatus(c: CompiledRequirement, index: DocIndex, kind: NaiveKind): 'met' | 'gap' {
  for (const check of c.topic) {
    const ids = topicPhraseIds(check, kind);
    if (ids === 'always-met') return 'met';
    if (index.hits(ids).length > 0) return 'met';
  }
  const hasDates = c.topic.some((t) => t.type === 'date' || t.type === 'field');
  if (hasDates && /\b(19|20)\d\d\b/.test(index.doc.blocks.map((b) => b.text).join('\n'))) return 'met';
  return 'gap';
}
