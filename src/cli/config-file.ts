/**
 * The configuration file `.wt-audit.yaml`: found from the working directory upward, stopping at
 * the repository root (the first folder with .git), or named with --config. It is YAML data only
 * (the core schema: no tags that build objects, aliases capped, nesting capped), validated against
 * checks/schema/config.schema.json; any problem is a ConfigError naming file:line:column (exit 2).
 * Relative paths in it (reports, catalogue, local requirements, waivers file, ignore and waiver scopes) are relative
 * to the folder that holds it.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { ValidateFunction, ErrorObject } from 'ajv';
import type { FailOn } from '../audit/exit-code.js';
import type { Waiver } from '../audit/waivers.js';
import type { LocalFolder, SwitchOffEntry } from '../catalogue/local.js';
import type { Profile } from '../catalogue/types.js';
import { checkYamlNesting } from '../document/yaml-guard.js';
import { InputError } from '../document/model.js';
import { fsErrorText } from '../util/fs-errors.js';
import { schemaPath } from '../util/package-paths.js';
import { newAjv } from '../util/schema-validator.js';
import { locate, parseYamlWithLines, type ParsedYaml } from '../util/yaml-locate.js';
import { parseReportOption, type ReportSpec } from './report-plan.js';

const CONFIG_SCHEMA = 'config.schema.json';

/** A configuration that cannot be used; the message starts with file:line:column. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /** the file as shown, what is wrong, and where in it (when known) */
  constructor(
    readonly file: string,
    readonly detail: string,
    readonly at?: { line: number; column: number },
  ) {
    super(`${at ? place(file, at) : file}: ${detail}`);
  }
}

/** A value from the file and the line it is on. */
export interface FromFile<T> {
  value: T;
  line: number;
}

export interface LoadedConfig {
  /** absolute path of the file */
  path: string;
  profile?: FromFile<Profile>;
  failOn?: FromFile<FailOn>;
  asOf?: FromFile<string>;
  reports?: FromFile<ReportSpec[]>;
  /** globs, with the folder they are relative to */
  ignore?: FromFile<{ base: string; patterns: string[] }>;
  jobs?: FromFile<number>;
  fileTimeout?: FromFile<number>;
  /** absolute folder */
  catalogue?: FromFile<string>;
  /** the partnership's own requirement folders */
  localRequirements?: FromFile<LocalFolder[]>;
  /** requirements switched off, each with its reason and line */
  switchOff?: FromFile<SwitchOffEntry[]>;
  /** absolute path of a baseline file */
  baseline?: FromFile<string>;
  /** absolute folder of kept judgements */
  cache?: FromFile<string>;
  packBy?: FromFile<'dir'>;
  /** the waivers, and the file they were read from when the config names one */
  waivers?: FromFile<{ list: Waiver[]; file?: string }>;
}

let validators: { config: ValidateFunction; waivers: ValidateFunction } | undefined;

function schemaValidators(): { config: ValidateFunction; waivers: ValidateFunction } {
  if (!validators) {
    const schema = JSON.parse(readFileSync(schemaPath(CONFIG_SCHEMA), 'utf8')) as { $id: string };
    const ajv = newAjv({ allErrors: true, strict: false });
    ajv.addSchema(schema);
    validators = { config: ajv.getSchema(schema.$id)!, waivers: ajv.getSchema(`${schema.$id}#/definitions/waiverList`)! };
  }
  return validators;
}

/** The most telling of ajv's errors: the deepest one (a oneOf's own summary is the least). */
function deepest(errors: ErrorObject[]): ErrorObject {
  return errors.reduce((best, e) => (e.instancePath.length > best.instancePath.length || (best.keyword === 'oneOf' && e.keyword !== 'oneOf') ? e : best));
}

export function place(path: string, at: { line: number; column: number }): string {
  return `${path}:${at.line}:${at.column}`;
}

/** Read, parse and validate a YAML file of this project's (a config, a waivers file, a pack manifest); returns its data and positions. */
export function readYaml(path: string, shown: string, validate: ValidateFunction, empty: unknown): { data: unknown; parsed: ParsedYaml } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(shown, `cannot read: ${fsErrorText(e)}`);
  }
  const parsed = parseYamlWithLines(text);
  if (parsed.doc.errors.length > 0) {
    const err = parsed.doc.errors[0]!;
    const pos = parsed.lines.linePos(err.pos[0]);
    throw new ConfigError(shown, `invalid YAML: ${err.message.split('\n')[0]}`, { line: pos.line, column: pos.col });
  }
  try {
    checkYamlNesting(shown, parsed.doc.contents, parsed.lines);
  } catch (e) {
    if (e instanceof InputError) throw new ConfigError(shown, e.message, { line: e.line ?? 1, column: e.column ?? 1 });
    throw e;
  }
  let data: unknown;
  try {
    data = parsed.doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    throw new ConfigError(shown, `cannot read YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  // an empty file is an empty configuration (or list of waivers)
  if (data === null || data === undefined) data = empty;
  if (!validate(data)) {
    const e = deepest(validate.errors ?? []);
    const unknown = e.keyword === 'additionalProperties' ? (e.params as { additionalProperty: string }).additionalProperty : undefined;
    const key = e.instancePath === '' ? '(top level)' : e.instancePath.slice(1).replace(/\//g, '.');
    const detail =
      unknown !== undefined
        ? `unknown key '${unknown}'`
        : e.keyword === 'enum'
          ? `${e.message}: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`
          : (e.message ?? 'invalid');
    throw new ConfigError(shown, `${key}: ${detail}`, locate(parsed, e.instancePath, unknown));
  }
  return { data, parsed };
}

/** A date that exists (2026-02-30 does not). */
export function realDate(v: string): boolean {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

interface RawWaiver {
  requirement: string;
  scope: string;
  reason: string;
  approved_by: string;
  expires?: string;
}

function waiversFrom(list: RawWaiver[], parsed: ParsedYaml, pointer: string, file: string, shown: string): Waiver[] {
  return list.map((w, i) => {
    const at = locate(parsed, `${pointer}/${i}`);
    if (w.expires !== undefined && !realDate(w.expires))
      throw new ConfigError(shown, `expires: ${w.expires} is not a date`, locate(parsed, `${pointer}/${i}/expires`));
    return {
      requirement: w.requirement,
      scope: w.scope,
      base: dirname(file),
      reason: w.reason.trim(),
      approvedBy: w.approved_by.trim(),
      ...(w.expires !== undefined ? { expires: w.expires } : {}),
      source: { path: shown, line: at.line },
    };
  });
}

/**
 * Load a configuration file. `shown` is how its path appears in messages (relative to the working
 * directory where it can be). @throws ConfigError
 */
export function loadConfig(path: string, shown: string = path): LoadedConfig {
  const file = resolve(path);
  const dir = dirname(file);
  const { data, parsed } = readYaml(file, shown, schemaValidators().config, {});
  const raw = data as Record<string, unknown>;
  const line = (key: string) => locate(parsed, '', key).line;
  const abs = (p: string) => (isAbsolute(p) ? p : join(dir, p));
  const out: LoadedConfig = { path: file };
  if (raw.profile !== undefined) out.profile = { value: raw.profile as Profile, line: line('profile') };
  if (raw['fail-on'] !== undefined) out.failOn = { value: raw['fail-on'] as FailOn, line: line('fail-on') };
  if (raw['as-of'] !== undefined) {
    const v = raw['as-of'] as string;
    if (!realDate(v)) throw new ConfigError(shown, `as-of: ${v} is not a date`, locate(parsed, '/as-of'));
    out.asOf = { value: v, line: line('as-of') };
  }
  if (raw.reports !== undefined) {
    const specs = (raw.reports as string[]).flatMap((r, i) => {
      const [spec] = parseReportOption(r);
      const at = locate(parsed, `/reports/${i}`);
      return [{ ...spec!, ...(spec!.path !== undefined ? { path: abs(spec!.path) } : {}), flag: `${shown}:${at.line} reports: ${r}` }];
    });
    out.reports = { value: specs, line: line('reports') };
  }
  if (raw.ignore !== undefined) out.ignore = { value: { base: dir, patterns: raw.ignore as string[] }, line: line('ignore') };
  if (raw.jobs !== undefined) out.jobs = { value: raw.jobs as number, line: line('jobs') };
  if (raw['file-timeout'] !== undefined) out.fileTimeout = { value: raw['file-timeout'] as number, line: line('file-timeout') };
  if (raw.catalogue !== undefined) out.catalogue = { value: abs(raw.catalogue as string), line: line('catalogue') };
  if (raw['local-requirements'] !== undefined) {
    const v = raw['local-requirements'] as string | string[];
    const folders = (typeof v === 'string' ? [v] : v).map((p) => ({ dir: abs(p), shown: isAbsolute(p) ? p : join(dirname(shown), p) }));
    out.localRequirements = { value: folders, line: line('local-requirements') };
  }
  if (raw['switch-off'] !== undefined) {
    const list = (raw['switch-off'] as Array<{ id: string; reason: string }>).map((s, i) => ({
      id: s.id,
      reason: s.reason.trim(),
      file: shown,
      line: locate(parsed, `/switch-off/${i}`).line,
    }));
    out.switchOff = { value: list, line: line('switch-off') };
  }
  if (raw.baseline !== undefined) out.baseline = { value: abs(raw.baseline as string), line: line('baseline') };
  if (raw.cache !== undefined) out.cache = { value: abs(raw.cache as string), line: line('cache') };
  if (raw['pack-by'] !== undefined) out.packBy = { value: raw['pack-by'] as 'dir', line: line('pack-by') };
  if (typeof raw.waivers === 'string') {
    const wfile = abs(raw.waivers);
    const wshown = isAbsolute(raw.waivers) ? raw.waivers : join(dirname(shown), raw.waivers);
    const w = readYaml(wfile, wshown, schemaValidators().waivers, []);
    out.waivers = { value: { list: waiversFrom(w.data as RawWaiver[], w.parsed, '', wfile, wshown), file: wshown }, line: line('waivers') };
  } else if (raw.waivers !== undefined) {
    out.waivers = { value: { list: waiversFrom(raw.waivers as RawWaiver[], parsed, '/waivers', file, shown) }, line: line('waivers') };
  }
  return out;
}
