/** Turns validated requirement data into compiled checks over one shared PhraseSet. */
import { PhraseSet } from '../match/phrases.js';
import { normaliseWord } from '../match/text.js';
import type { CompiledCheck, CompiledRequirement, RequirementInfo } from './compiled.js';
import { formatReference } from './reference.js';
import type { CheckSpec, Requirement } from './types.js';

function describe(spec: CheckSpec): string {
  if (spec.label) return spec.label;
  if (spec.mentions) return (Array.isArray(spec.mentions) ? spec.mentions : spec.mentions.any).slice(0, 3).join(' / ');
  if (spec.near) return spec.near.all.map((g) => g[0]).join(' + ');
  if (spec.timescale) return `${spec.timescale.value} ${spec.timescale.unit.replace('-', ' ')}${spec.timescale.value === 1 ? '' : 's'}`;
  if (spec.heading) return `a "${spec.heading.any[0]}" section`;
  if (spec.field) return `field ${spec.field.path}`;
  if (spec.date) return spec.date.role === 'next-review' ? 'a next review date' : 'a date of approval or last review';
  if (spec.outdated?.edition) return `current edition of ${spec.outdated.edition.names[0]}`;
  return 'current terminology';
}

export function compileCheck(spec: CheckSpec, phrases: PhraseSet): CompiledCheck {
  const ids = (list: string[]) => list.map((p) => phrases.add(p));
  const base = { label: describe(spec), ...(spec.profiles ? { profiles: spec.profiles } : {}) };
  const except = spec.except && spec.except.length > 0 ? { except: ids(spec.except) } : {};
  if (spec.mentions) {
    const list = Array.isArray(spec.mentions) ? spec.mentions : spec.mentions.any;
    return { ...base, type: 'near', groups: [ids(list)], within: 'document', ...except };
  }
  if (spec.near) return { ...base, type: 'near', groups: spec.near.all.map(ids), within: spec.near.within, ...except };
  if (spec.timescale) {
    const t = spec.timescale;
    return { ...base, type: 'timescale', concept: ids(t.concept), also: ids(t.also ?? []), value: t.value, unit: t.unit, shorterOk: t.shorter_ok ?? false };
  }
  if (spec.heading) return { ...base, type: 'heading', any: ids(spec.heading.any), minWords: spec.heading.min_words ?? 8 };
  if (spec.field) return { ...base, type: 'field', path: spec.field.path, kind: spec.field.kind ?? 'text' };
  if (spec.date) {
    return { ...base, type: 'date', role: spec.date.role, notPast: spec.date.not_past ?? false, ...(spec.date.max_age_months ? { maxAgeMonths: spec.date.max_age_months } : {}) };
  }
  const o = spec.outdated!;
  if (o.edition) {
    return {
      ...base,
      type: 'edition',
      names: ids(o.edition.names),
      ...(o.edition.current !== undefined ? { current: o.edition.current } : {}),
      ...(o.edition.stale_after_years !== undefined ? { staleAfterYears: o.edition.stale_after_years } : {}),
    };
  }
  return { ...base, type: 'terms', terms: (o.terms ?? []).map((t) => ({ ids: ids(t.any), replacement: t.replacement })) };
}

/** The chapter a requirement id names: "WT26-C4-…" → "C4", "WT26-GEN-…" → "GEN". */
export function chapterOf(id: string): string {
  return id.split('-')[1] ?? 'GEN';
}

function infoOf(req: Requirement): RequirementInfo {
  return {
    id: req.id,
    title: req.title,
    chapter: chapterOf(req.id),
    strength: req.strength,
    severity: req.strength === 'must' ? 'error' : 'warning',
    change: req.change,
    reference: formatReference(req.reference),
    referenceDetail: req.reference,
    remediation: req.remediation,
    ...(req.model_wording ? { modelWording: req.model_wording } : {}),
  };
}

export function compileRequirement(req: Requirement, file: string, phrases: PhraseSet): CompiledRequirement {
  const ev = req.evidence;
  return {
    req,
    file,
    topic: ev.topic.map((c) => compileCheck(c, phrases)),
    specifics: (ev.specifics ?? []).map((c) => compileCheck(c, phrases)),
    outdated: (ev.outdated ?? []).map((c) => compileCheck(c, phrases)),
    info: infoOf(req),
    belongsUnder: (req.belongs_under ?? []).map((p) => p.toLowerCase().split(/[\s-]+/).map(normaliseWord).filter((w) => w !== '')),
  };
}
