/** `field`: a front-matter or YAML-policy field is present and well formed. */
import type { NamedLead, PolicyMeta } from '../document/model.js';
import { NONE, type CheckOutcome, type EvidenceItem, type MatchContext } from './outcome.js';

export type FieldKind = 'text' | 'email' | 'phone' | 'date' | 'contact' | 'person';

const EMAIL = /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i;
const TEMPLATE = /\{\{.*\}\}|\{%.*%\}|\$\{.*\}/;
const UNFILLED = /^\s*(\[.*\]|_{3,}|tbc|tba|xxx+|n\/?a|none|to be confirmed)\s*$/i;

function wellFormed(value: string, kind: FieldKind): boolean {
  if (TEMPLATE.test(value)) return true; // filled in when the template is published
  switch (kind) {
    case 'email':
      return EMAIL.test(value.trim());
    case 'phone':
      return value.replace(/[^\d]/g, '').length >= 7;
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value);
    case 'contact':
      return EMAIL.test(value.trim()) || value.replace(/[^\d]/g, '').length >= 7;
    default:
      return value.trim() !== '';
  }
}

function leadValue(lead: NamedLead, key: string): string | undefined {
  if (key === 'contact') return lead.phone ?? lead.email;
  return lead[key as 'name' | 'phone' | 'email'];
}

function item(line: number | undefined, excerpt: string): EvidenceItem {
  return { line: line ?? 1, column: 1, endLine: line ?? 1, excerpt };
}

export function evaluateField(path: string, kind: FieldKind, ctx: MatchContext): CheckOutcome {
  const meta: PolicyMeta = ctx.index.doc.meta;
  if (path.startsWith('leads[].')) {
    const key = path.slice('leads[].'.length);
    const k: FieldKind = key === 'email' ? 'email' : key === 'phone' ? 'phone' : key === 'contact' ? 'contact' : kind;
    let review: CheckOutcome | undefined;
    for (const lead of meta.leads) {
      const v = leadValue(lead, key);
      if (v === undefined) continue;
      const excerpt = `${lead.role}: ${[lead.name, lead.phone, lead.email].filter(Boolean).join(', ')}`;
      if (UNFILLED.test(v)) review ??= { state: 'review', evidence: [item(lead.line, excerpt)], note: 'field holds an unfilled placeholder' };
      else if (wellFormed(v, k)) return { state: 'ok', evidence: [item(lead.line, excerpt)] };
    }
    return review ?? NONE;
  }
  const v = (meta as unknown as Record<string, unknown>)[path];
  if (typeof v !== 'string' || v.trim() === '') return NONE;
  const line = meta.fieldLines[path];
  if (UNFILLED.test(v)) return { state: 'review', evidence: [item(line, `${path}: ${v}`)], note: 'field holds an unfilled placeholder' };
  return wellFormed(v, kind)
    ? { state: 'ok', evidence: [item(line, `${path}: ${v}`)] }
    : { state: 'wrong', evidence: [item(line, `${path}: ${v}`)], note: `field ${path} is not a valid ${kind}` };
}
