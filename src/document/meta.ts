/**
 * Maps a YAML mapping (Markdown front matter, or a YAML policy's `policy:` header) to PolicyMeta.
 *
 * Real front matter is written by hand and by many templates, so each field accepts the names
 * people actually use. We work on the yaml node tree, not a plain object, so every field keeps the
 * line it was written on (checks quote it as evidence; the profile warning points at `type:`).
 */
import { isMap, isNode, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';
import { emptyMeta, type NamedLead, type PolicyMeta } from './model.js';

/** Where the mapping sits in the file: yaml positions plus the lines before the YAML source. */
export interface YamlPlace {
  doc: Document;
  lines: LineCounter;
  /** added to every line the LineCounter reports (front matter starts on file line 2) */
  lineOffset: number;
}

/** Accepted key names per field, best first (keys are compared lower-cased, with - and spaces as _). */
const FIELD_KEYS = {
  organisation: ['organisation', 'organization', 'org', 'club', 'school', 'name'],
  type: ['type', 'organisation_type', 'organization_type', 'org_type', 'profile'],
  title: ['title'],
  approved: ['approved', 'date_approved', 'adopted', 'ratified', 'date'],
  lastReviewed: ['last_reviewed', 'reviewed', 'last_review', 'updated'],
  reviewBy: ['review_by', 'next_review', 'next_review_date', 'review_date', 'review_due'],
} as const;

/** Single-lead keys and the role each one stands for when the value does not name a role. */
const LEAD_KEYS: Record<string, string> = {
  dsl: 'Designated Safeguarding Lead',
  designated_safeguarding_lead: 'Designated Safeguarding Lead',
  safeguarding_lead: 'Safeguarding Lead',
  welfare_officer: 'Welfare Officer',
  club_welfare_officer: 'Club Welfare Officer',
  deputy_dsl: 'Deputy Designated Safeguarding Lead',
  deputy: 'Deputy Safeguarding Lead',
  safeguarding_officer: 'Safeguarding Officer',
};

const PHONE_KEYS = ['phone', 'tel', 'telephone', 'mobile'];
const EMAIL_KEYS = ['email', 'e_mail', 'mail'];

function normKey(k: unknown): string {
  return String(k)
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/**
 * Text of a scalar as the author meant it. A number keeps its source spelling so that an
 * unquoted phone number such as 01614960123 keeps its leading zero.
 */
function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v.trim() === '' ? undefined : v.trim();
  if (v instanceof Date) return isoFromDate(v);
  if (typeof v === 'number' || typeof v === 'bigint') return (node.source ?? String(v)).trim();
  if (typeof v === 'boolean') return String(v);
  return undefined;
}

function isoFromDate(d: Date): string {
  return Number.isNaN(d.getTime()) ? String(d) : d.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Dates

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w === 'sept') return 9;
  if (w.length < 3) return undefined;
  const i = MONTHS.findIndex((m) => m.startsWith(w));
  return i === -1 ? undefined : i + 1;
}

function iso(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1) return undefined;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > daysInMonth) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const ISO_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ].*)?$/;
const UK_NUMERIC = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/;
const DAY_MONTH_YEAR = /^(?:[a-z]+day,?\s+)?(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+([a-z]+\.?),?\s+(\d{4})$/i;
const MONTH_DAY_YEAR = /^([a-z]+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i;
const MONTH_YEAR = /^([a-z]+\.?),?\s+(\d{4})$/i;

/**
 * A YAML value as text: strings as they are, numbers and booleans as written, nothing for null;
 * a map or list where text belongs is shown as written, not as "[object Object]".
 */
export function valueText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return value.toString();
    case 'object':
      return value === null ? '' : JSON.stringify(value);
    default:
      return '';
  }
}

/**
 * A date as YYYY-MM-DD, or the trimmed raw text when it cannot be read as one (the `date`
 * check then reports it as malformed rather than silently ignoring it).
 * Numeric dates are read day first ("01/09/2026" is 1 September), as UK policies write them.
 */
export function normaliseDate(value: unknown): string | undefined {
  if (value instanceof Date) return isoFromDate(value);
  if (value === null || value === undefined) return undefined;
  const raw = valueText(value).trim();
  if (raw === '') return undefined;
  let m = ISO_DATE.exec(raw);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3])) ?? raw;
  m = UK_NUMERIC.exec(raw);
  if (m) {
    const y = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return iso(y, Number(m[2]), Number(m[1])) ?? raw;
  }
  m = DAY_MONTH_YEAR.exec(raw);
  if (m) {
    const month = monthNumber(m[2]!);
    return (month && iso(Number(m[3]), month, Number(m[1]))) || raw;
  }
  m = MONTH_DAY_YEAR.exec(raw);
  if (m) {
    const month = monthNumber(m[1]!);
    return (month && iso(Number(m[3]), month, Number(m[2]))) || raw;
  }
  m = MONTH_YEAR.exec(raw);
  if (m) {
    const month = monthNumber(m[1]!);
    return (month && iso(Number(m[2]), month, 1)) || raw;
  }
  return raw;
}

// ---------------------------------------------------------------------------------------------
// Leads

/** "Designated Safeguarding Lead: Jane Smith, 01632 960123, dsl@example.org" — the text of a lead's field block. */
export function leadFieldText(lead: NamedLead): string {
  const details = [lead.name, lead.phone, lead.email].filter((x): x is string => !!x);
  return details.length > 0 ? `${lead.role}: ${details.join(', ')}` : lead.role;
}

function lineOf(node: unknown, place: YamlPlace): number | undefined {
  if (!isNode(node) || !node.range) return undefined;
  return place.lines.linePos(node.range[0]).line + place.lineOffset;
}

function pairsOf(map: unknown): Pair[] {
  return isMap(map) ? map.items : [];
}

/** A lead written as a mapping ({role, name, phone, email}) or as a bare name. */
function leadFrom(value: unknown, defaultRole: string, line: number | undefined): NamedLead | undefined {
  const lead: NamedLead = { role: defaultRole };
  if (line !== undefined) lead.line = line;
  if (isScalar(value)) {
    const name = scalarText(value);
    if (!name) return undefined;
    lead.name = name;
    return lead;
  }
  if (!isMap(value)) return undefined;
  for (const pair of pairsOf(value)) {
    const k = normKey(isScalar(pair.key) ? pair.key.value : pair.key);
    const v = scalarText(pair.value);
    if (v === undefined) continue;
    if (k === 'role' || k === 'title' || k === 'position') lead.role = v;
    else if (k === 'name') lead.name = v;
    else if (PHONE_KEYS.includes(k)) lead.phone ??= v;
    else if (EMAIL_KEYS.includes(k)) lead.email ??= v;
  }
  return lead.name || lead.phone || lead.email || lead.role !== defaultRole ? lead : undefined;
}

/** `leads:` as a list of leads, or as a mapping of lead keys (`leads: { dsl: …, deputy: … }`). */
function leadsFromList(value: unknown, place: YamlPlace): NamedLead[] {
  const out: NamedLead[] = [];
  if (isSeq(value)) {
    for (const item of value.items) {
      const lead = leadFrom(item, 'Named lead', lineOf(item, place));
      if (lead) out.push(lead);
    }
  } else if (isMap(value)) {
    for (const pair of pairsOf(value)) {
      const k = normKey(isScalar(pair.key) ? pair.key.value : pair.key);
      const lead = leadFrom(pair.value, LEAD_KEYS[k] ?? humanise(k), lineOf(pair.key, place));
      if (lead) out.push(lead);
    }
  }
  return out;
}

function humanise(key: string): string {
  return key
    .split('_')
    .filter(Boolean)
    .map((w) => (w === 'dsl' ? 'DSL' : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}

/** Flattened template keys such as `dsl_name`, `dsl_phone`: which lead and which detail. */
function flatLeadKey(k: string): { lead: string; detail: 'name' | 'phone' | 'email' } | undefined {
  const m = /^(.+)_(name|phone|tel|telephone|mobile|email|e_mail)$/.exec(k);
  if (!m || !LEAD_KEYS[m[1]!]) return undefined;
  const d = m[2]!;
  return { lead: m[1]!, detail: d === 'name' ? 'name' : d.includes('mail') ? 'email' : 'phone' };
}

// ---------------------------------------------------------------------------------------------

/**
 * Read PolicyMeta from a YAML mapping node. Unknown keys are ignored: front matter also carries
 * site-generator keys (layout, permalink …) that are none of our business.
 */
export function metaFromYamlMap(map: Node | null | undefined, place: YamlPlace): PolicyMeta {
  const meta = emptyMeta();
  if (!isMap(map)) return meta;

  const byKey = new Map<string, Pair>();
  for (const pair of pairsOf(map)) {
    const k = normKey(isScalar(pair.key) ? pair.key.value : pair.key);
    if (!byKey.has(k)) byKey.set(k, pair);
  }
  const first = (names: readonly string[]): Pair | undefined => {
    for (const n of names) {
      const p = byKey.get(n);
      if (p && scalarText(p.value) !== undefined) return p;
    }
    return undefined;
  };
  const record = (field: string, pair: Pair): void => {
    const line = lineOf(pair.key, place);
    if (line !== undefined) meta.fieldLines[field] = line;
  };

  const org = first(FIELD_KEYS.organisation);
  if (org) {
    meta.organisation = scalarText(org.value)!;
    record('organisation', org);
  }
  const type = first(FIELD_KEYS.type);
  if (type) {
    meta.type = scalarText(type.value)!.toLowerCase();
    record('type', type);
    const line = lineOf(type.key, place);
    if (line !== undefined) meta.typeLine = line;
  }
  const title = first(FIELD_KEYS.title);
  if (title) {
    meta.title = scalarText(title.value)!;
    record('title', title);
  }
  for (const field of ['approved', 'lastReviewed', 'reviewBy'] as const) {
    const pair = first(FIELD_KEYS[field]);
    if (!pair) continue;
    const value = isScalar(pair.value) && pair.value.value instanceof Date ? pair.value.value : scalarText(pair.value);
    const date = normaliseDate(value);
    if (date === undefined) continue;
    meta[field] = date;
    record(field, pair);
  }

  const leadsPair = byKey.get('leads');
  if (leadsPair) meta.leads.push(...leadsFromList(leadsPair.value, place));

  // single-lead keys, and flattened `dsl_name:` / `dsl_phone:` keys merged into the same lead
  const single = new Map<string, NamedLead>();
  for (const pair of pairsOf(map)) {
    const k = normKey(isScalar(pair.key) ? pair.key.value : pair.key);
    const line = lineOf(pair.key, place);
    if (LEAD_KEYS[k]) {
      const lead = leadFrom(pair.value, LEAD_KEYS[k], line);
      if (!lead) continue;
      const existing = single.get(k);
      if (existing) Object.assign(existing, { ...lead, line: existing.line ?? lead.line });
      else single.set(k, lead);
      continue;
    }
    const flat = flatLeadKey(k);
    const v = flat && scalarText(pair.value);
    if (!flat || !v) continue;
    let lead = single.get(flat.lead);
    if (!lead) {
      lead = { role: LEAD_KEYS[flat.lead]! };
      if (line !== undefined) lead.line = line;
      single.set(flat.lead, lead);
    }
    lead[flat.detail] ??= v;
  }
  meta.leads.push(...single.values());
  return meta;
}
