/** A requirement's reference as one line a reader can cite. Pinpoints never go finer than verified. */
import type { Reference } from './types.js';

export function formatReference(r: Reference): string {
  const parts = r.chapter.split(/\s*,\s*/).filter(Boolean);
  const numbers = parts.filter((p) => /^\d+$/.test(p));
  const named = parts.filter((p) => !/^\d+$/.test(p)).map((p) => (p === 'intro' ? 'introduction' : p));
  const chapters = numbers.length === 0 ? [] : [`${numbers.length > 1 ? 'chapters' : 'chapter'} ${numbers.join(' and ')}`];
  const chapter = [...named, ...chapters].join(' and ');
  const where = [chapter, r.section ? `"${r.section}"` : null, r.paragraph ? `para ${r.paragraph}` : null].filter(Boolean).join(', ');
  const level = r.paragraph ? '' : ' (chapter-level pinpoint)';
  const old = r.wt2023 ? `; WT 2023 ${r.wt2023}` : '';
  const also = r.also && r.also.length > 0 ? `; see also ${r.also.join('; ')}` : '';
  return `${r.instrument} ${r.edition}, ${where}${level}${old}${also}`;
}

/**
 * A local requirement's reference: what the partnership cites (its own procedures), as written.
 * No pinpoint note and no WT 2023 cross-reference: those speak of the national guidance.
 */
export function formatLocalReference(r: Reference): string {
  const chapter = r.chapter.trim() === '' ? null : /^\d+$/.test(r.chapter.trim()) ? `chapter ${r.chapter.trim()}` : r.chapter;
  const where = [chapter, r.section ? `"${r.section}"` : null, r.paragraph ? `para ${r.paragraph}` : null].filter(Boolean).join(', ');
  const also = r.also && r.also.length > 0 ? `; see also ${r.also.join('; ')}` : '';
  return `${r.instrument} ${r.edition}${where ? `, ${where}` : ''}${also}`;
}
