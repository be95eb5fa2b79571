/** Turns validated requirement data into compiled checks over one shared PhraseSet. */
import { PhraseSet } from '../match/phrases.js';
import { normaliseWord } from '../match/text.js';
import type { CompiledCheck, CompiledRequirement, RequirementInfo } from './compiled.js';
import type { Editions } from './editions.js';
import { formatLocalReference, formatReference } from './reference.js';
import type { CheckSpec, Requirement } from './types.js';

function describe(spec: CheckSpec): string {
  if (spec.label) return spec.label;
  if (spec.mentions) return (Array.isArray(spec.mentions) ? spec.mentions : spec.mentions.any).slice(0, 3).join(' / ');
  if (spec.near) return spec.near.all.map((g) => g[0]).join(' + ');
  if (spec.timescale) return `${spec.timescale.value} ${spec.timescale.unit.replace('-', ' ')}${spec.timescale.value === 1 ? '' : 's'}`;
  if (spec.heading) return `a "${spec.heading.any[0]}" section`;
  if (spec.about) return `a section or paragraph about ${spec.about.any[0]}`;
  if (spec.one_holder) return `one person named for each ${spec.one_holder.roles[0]} role`;
  if (spec.field) return `field ${spec.field.path}`;
  if (spec.date) return spec.date.role === 'next-review' ? 'a next review date' : 'a date of approval or last review';
  if (spec.outdated?.edition) return `current edition of ${spec.outdated.edition.names[0]}`;
  return 'current terminology';
}

/** A check that cannot be compiled (an edition check naming an instrument editions.yaml does not have). */
export class CheckError extends Error {}

export function compileCheck(spec: CheckSpec, phrases: PhraseSet, editions: Editions = {}): CompiledCheck {
  const ids = (list: string[]) => list.map((p) => phrases.add(p));
  const base = { label: describe(spec), ...(spec.profiles ? { profiles: spec.profiles } : {}) };
  const except = {
    ...(spec.except && spec.except.length > 0 ? { except: ids(spec.except) } : {}),
    ...(spec.unless && spec.unless.length > 0 ? { unless: ids(spec.unless) } : {}),
  };
  if (spec.mentions) {
    const list = Array.isArray(spec.mentions) ? spec.mentions : spec.mentions.any;
    return { ...base, type: 'near', groups: [ids(list)], within: 'document', ...except };
  }
  if (spec.near) {
    const others = spec.near.others && spec.near.others.length > 0 ? { others: ids(spec.near.others) } : {};
    return { ...base, type: 'near', groups: spec.near.all.map(ids), within: spec.near.within, ...except, ...others };
  }
  if (spec.about) return { ...base, type: 'about', any: ids(spec.about.any) };
  if (spec.one_holder) return { ...base, type: 'one-holder', roles: ids(spec.one_holder.roles) };
  if (spec.timescale) {
    const t = spec.timescale;
    return {
      ...base,
      type: 'timescale',
      concept: ids(t.concept),
      also: ids(t.also ?? []),
      value: t.value,
      unit: t.unit,
      shorterOk: t.shorter_ok ?? false,
      ...(t.longer_contradicts ? { longerContradicts: true } : {}),
    };
  }
  if (spec.heading) return { ...base, type: 'heading', any: ids(spec.heading.any), minWords: spec.heading.min_words ?? 8 };
  if (spec.field) return { ...base, type: 'field', path: spec.field.path, kind: spec.field.kind ?? 'text' };
  if (spec.date) {
    return {
      ...base,
      type: 'date',
      role: spec.date.role,
      notPast: spec.date.not_past ?? false,
      ...(spec.date.max_age_months ? { maxAgeMonths: spec.date.max_age_months } : {}),
    };
  }
  const o = spec.outdated!;
  if (o.edition) {
    const instrument = Object.hasOwn(editions, o.edition.instrument) ? editions[o.edition.instrument] : undefined;
    if (!instrument) throw new CheckError(`edition check names instrument '${o.edition.instrument}', which editions.yaml does not list`);
    return {
      ...base,
      type: 'edition',
      names: ids(o.edition.names),
      instrument,
      noYear: o.edition.no_year === 'partial' ? 'weak' : o.edition.no_year === 'gap' ? 'none' : 'ok',
    };
  }
  return {
    ...base,
    type: 'terms',
    terms: (o.terms ?? []).map((t) => ({ ids: ids(t.any), replacement: t.replacement, name: t.any[0]! })),
    ...(except.except ? { except: except.except } : {}),
  };
}

/** The chapter a requirement id names: "WT26-C4-…" → "C4", "WT26-GEN-…" → "GEN". */
export function chapterOf(id: string): string {
  return id.split('-')[1] ?? 'GEN';
}

/** The chapter key of every local requirement: they are grouped apart from the guidance's chapters. */
export const LOCAL_CHAPTER = 'LOCAL';

function infoOf(req: Requirement, localFile?: string): RequirementInfo {
  return {
    id: req.id,
    title: req.title,
    chapter: localFile !== undefined ? LOCAL_CHAPTER : chapterOf(req.id),
    strength: req.strength,
    severity: req.strength === 'must' ? 'error' : 'warning',
    change: req.change,
    reference: localFile !== undefined ? formatLocalReference(req.reference) : formatReference(req.reference),
    referenceDetail: req.reference,
    remediation: req.remediation,
    ...(req.model_wording ? { modelWording: req.model_wording } : {}),
    ...(localFile !== undefined ? { local: { file: localFile } } : {}),
  };
}

/** `localFile`: the requirement is a partnership's own, written in that file (as the run names it). */
export function compileRequirement(req: Requirement, file: string, phrases: PhraseSet, editions: Editions = {}, localFile?: string): CompiledRequirement {
  const ev = req.evidence;
  const compile = (c: CheckSpec) => compileCheck(c, phrases, editions);
  return {
    req,
    file,
    topic: ev.topic.map(compile),
    specifics: (ev.specifics ?? []).map(compile),
    outdated: (ev.outdated ?? []).map(compile),
    partly: (ev.partly ?? []).map(compile),
    info: infoOf(req, localFile),
    belongsUnder: (req.belongs_under ?? []).map((p) =>
      p
        .toLowerCase()
        .split(/[\s-]+/)
        .map(normaliseWord)
        .filter((w) => w !== ''),
    ),
  };
}
