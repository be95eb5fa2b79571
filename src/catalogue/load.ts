/**
 * Loads a catalogue directory (checks/<edition>/*.yaml): parse, validate against
 * checks/schema/requirement.schema.json, compile. A broken file is reported with its line and key
 * and left out; the rest of the catalogue still runs (and the run exits 2).
 *
 * Parsing the YAML (with source positions), validating it and compiling the phrases is most of
 * the cost of a cold start, so `npm run build` (precompile.ts) leaves two caches in
 * dist/catalogue/, both stamped with the tool version, the requirement schema and the compiled
 * code that made them, so a stale one is ignored, never trusted:
 *
 * - catalogue.snapshot: the whole compiled bundled catalogue (v8.serialize), used when every
 *   file of the folder is byte-for-byte the one it was made from (same catalogue sha256);
 * - requirements.cache.json: each valid requirement file's validated data, keyed by the sha256
 *   of its text, so that after editing one file only that file is parsed and validated again.
 *
 * The compiled catalogue is the same whichever way it was loaded.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { deserialize } from 'node:v8';
import { PhraseError, PhraseSet, type PhraseSetSnapshot } from '../match/phrases.js';
import { locate, parseYamlWithLines, type ParsedYaml } from '../util/yaml-locate.js';
import { toolVersion } from '../version.js';
import { CheckError, compileRequirement } from './compile.js';
import { EDITIONS_SCHEMA, readEditionsText, type Editions } from './editions.js';
import type { CatalogueError, CompiledCatalogue, CompiledRequirement } from './compiled.js';
import { packageRoot, schemaPath } from '../util/package-paths.js';
import { sha256 } from '../util/schema-validator.js';
import { defaultCatalogueDir, editionsPathFor } from './paths.js';
import type { Requirement } from './types.js';
import { REQUIREMENT_SCHEMA, requirementValidator } from './validate.js';

export interface RequirementCache {
  format: 2;
  stamp: string;
  /** sha256 of a requirement file's text → its validated data */
  entries: Record<string, unknown>;
}

/** A compiled catalogue as plain data: what catalogue.snapshot holds (v8.serialize). */
export interface CatalogueSnapshot {
  format: 2;
  stamp: string;
  catalogue: Omit<CompiledCatalogue, 'phrases'> & { phrases: PhraseSetSnapshot };
}

export function requirementCachePath(): string {
  return join(packageRoot(), 'dist', 'catalogue', 'requirements.cache.json');
}

export function catalogueSnapshotPath(): string {
  return join(packageRoot(), 'dist', 'catalogue', 'catalogue.snapshot');
}

/** Compiled code (in dist/) whose behaviour the caches record: reading requirements, compiling checks and phrases. */
const STAMPED_CODE = [
  'catalogue/load.js',
  'catalogue/compile.js',
  'catalogue/reference.js',
  'catalogue/editions.js',
  'util/yaml-locate.js',
  'match/phrases.js',
  'match/text.js',
];

/**
 * The stamp a cache must carry to be used: this tool version, this requirement schema, and this
 * build of the code that made it (rebuilding after editing, say, phrase parsing makes an old
 * cache unusable rather than wrong).
 */
export function cacheStamp(): string {
  const hash = createHash('sha256')
    .update(toolVersion())
    .update('\0')
    .update(readFileSync(schemaPath(REQUIREMENT_SCHEMA)))
    .update('\0')
    .update(readFileSync(schemaPath(EDITIONS_SCHEMA)));
  for (const rel of STAMPED_CODE) hash.update('\0').update(readFileSync(join(packageRoot(), 'dist', rel)));
  return hash.digest('hex');
}

/** The caches describe the compiled build in dist/: running from the TypeScript sources, do without. */
const FROM_SOURCE = import.meta.url.endsWith('.ts');

function readJsonCache(stamp: () => string): Record<string, unknown> | undefined {
  try {
    const cache = JSON.parse(readFileSync(requirementCachePath(), 'utf8')) as RequirementCache;
    return cache.format === 2 && cache.stamp === stamp() ? cache.entries : undefined;
  } catch {
    return undefined; // not built, or unreadable: parse everything
  }
}

function readSnapshot(catalogueSha: string, stamp: () => string): CompiledCatalogue | undefined {
  let snap: CatalogueSnapshot;
  try {
    snap = deserialize(readFileSync(catalogueSnapshotPath())) as CatalogueSnapshot;
  } catch {
    return undefined;
  }
  if (snap.format !== 2 || snap.catalogue.sha256 !== catalogueSha || snap.stamp !== stamp()) return undefined;
  return { ...snap.catalogue, phrases: PhraseSet.fromSnapshot(snap.catalogue.phrases) };
}

/** One requirement file: its validated data, or the first error in it. */
export type FileReading = { data: unknown; parsed?: ParsedYaml } | { error: CatalogueError };

/** Parse and validate one requirement file's text (the path is for error messages). */
export function readRequirementText(path: string, text: string): FileReading {
  const parsed = parseYamlWithLines(text);
  if (parsed.doc.errors.length > 0) {
    const err = parsed.doc.errors[0]!;
    const pos = parsed.lines.linePos(err.pos[0]);
    return { error: { path, line: pos.line, column: pos.col, message: `invalid YAML: ${err.message.split('\n')[0]}` } };
  }
  let data: unknown;
  try {
    data = parsed.doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    // an alias bomb or a broken alias: an error for this file, never a crash of the run
    return { error: { path, message: `cannot read YAML: ${(e as Error).message.split('\n')[0]}` } };
  }
  const validate = requirementValidator();
  if (!validate(data)) {
    // the first error is the useful one; the rest usually follow from it
    const e = validate.errors?.[0];
    if (!e) return { error: { path, message: 'invalid requirement' } };
    const unknown = e.keyword === 'additionalProperties' ? (e.params as { additionalProperty: string }).additionalProperty : undefined;
    const pos = locate(parsed, e.instancePath, unknown);
    const key = e.instancePath === '' ? '(top level)' : e.instancePath.slice(1).replace(/\//g, '.');
    const extra = unknown !== undefined ? ` '${unknown}'` : '';
    const rule = Object.entries(RULE_MESSAGES).find(([at]) => e.schemaPath.includes(at))?.[1];
    return { error: { path, line: pos.line, column: pos.column, message: `${key}: ${rule ?? `${e.message}${extra}`}` } };
  }
  return { data, parsed };
}

/**
 * Rules of the schema whose own ajv message would mislead (an `except` on a heading check fails as
 * "must have required property 'mentions'"): the message to give instead, by where the rule sits.
 */
const RULE_MESSAGES: Record<string, string> = {
  '/dependencies/except/': 'except works only on a mentions, near or outdated terms check',
  '/dependencies/unless/': 'unless works only on a mentions or near check',
};

/** Ids of the catalogue's own requirements (a local requirement has the partnership's prefix instead: local.ts). */
const BUILT_IN_ID = /^WT26-(GEN|C[1-6])-[A-Z0-9-]+$/;

export interface LoadOptions {
  /** use the build's caches (default: yes, when running the build) */
  useCache?: boolean;
}

/** The requirement files of a folder, in name order. @throws when the folder cannot be read */
export function requirementFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
}

/** A requirement compiled, or the error of its checks or phrases (any other failure is a bug and thrown). */
export function compiledOrError(path: string, compile: () => CompiledRequirement): CompiledRequirement | CatalogueError {
  try {
    return compile();
  } catch (e) {
    if (e instanceof CheckError) return { path, message: e.message };
    if (e instanceof PhraseError) return { path, message: `bad phrase: ${e.message}` };
    throw e;
  }
}

/** Catalogues compiled in this process, by folder, cache use and contents (the hash of every file read). */
const compiledInThisProcess = new Map<string, CompiledCatalogue>();

export function loadCatalogue(dir: string = defaultCatalogueDir(), opts: LoadOptions = {}): CompiledCatalogue {
  let files: string[];
  try {
    files = requirementFiles(dir);
  } catch (e) {
    return {
      id: basename(dir),
      edition: '',
      sha256: '',
      phrases: new PhraseSet(),
      requirements: [],
      errors: [{ path: dir, message: `cannot read catalogue directory: ${(e as Error).message}` }],
    };
  }
  // a file that cannot be read (a folder named x.yaml, no permission) is an error for that file only
  const unreadable = new Map<string, string>();
  const texts = files.map((file) => {
    try {
      return readFileSync(join(dir, file), 'utf8');
    } catch (e) {
      unreadable.set(file, (e as NodeJS.ErrnoException).code ?? (e as Error).message);
      return '';
    }
  });
  // the editions in force are compiled into the edition checks, so they are part of what the hash covers
  const editionsPath = editionsPathFor(dir);
  let editionsText = '';
  let editionsError: string | undefined;
  try {
    editionsText = readFileSync(editionsPath, 'utf8');
  } catch (e) {
    editionsError = `cannot read editions file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
  }
  const hash = createHash('sha256');
  files.forEach((file, i) => hash.update(file).update('\0').update(texts[i]!).update('\0'));
  hash.update('editions.yaml\0').update(editionsText).update('\0');
  const catalogueSha = hash.digest('hex');

  const useCache = opts.useCache ?? !FROM_SOURCE;
  // the same folder with the same contents compiles to the same catalogue: a process that audits
  // again (diff, baseline prune, a test file) reuses it; a file it could not read may be readable later
  const memoKey = unreadable.size === 0 ? `${dir}\0${useCache}\0${catalogueSha}` : undefined;
  const memo = memoKey !== undefined ? compiledInThisProcess.get(memoKey) : undefined;
  if (memo) return memo;
  const remember = (c: CompiledCatalogue): CompiledCatalogue => {
    if (memoKey !== undefined) compiledInThisProcess.set(memoKey, c);
    return c;
  };
  let stampValue: string | undefined;
  const stamp = () => (stampValue ??= cacheStamp());
  if (useCache && files.length > 0) {
    const snapshot = readSnapshot(catalogueSha, stamp);
    if (snapshot) return remember({ ...snapshot, id: basename(dir) });
  }
  const cached = useCache ? readJsonCache(stamp) : undefined;

  const errors: CatalogueError[] = [];
  const phrases = new PhraseSet();
  const requirements: CompiledRequirement[] = [];
  const seen = new Map<string, string>();
  if (files.length === 0) errors.push({ path: dir, message: 'catalogue directory has no requirement files' });
  let editions: Editions = {};
  if (editionsError === undefined) {
    const read = readEditionsText(editionsText);
    if ('error' in read) editionsError = read.error;
    else editions = read.editions;
  }
  if (editionsError !== undefined) errors.push({ path: editionsPath, message: editionsError });
  files.forEach((file, i) => {
    const path = join(dir, file);
    const text = texts[i]!;
    const cannot = unreadable.get(file);
    if (cannot !== undefined) {
      errors.push({ path, message: `cannot read requirement file (${cannot})` });
      return;
    }
    const hit = cached?.[sha256(text)];
    const reading: FileReading = hit !== undefined ? { data: hit } : readRequirementText(path, text);
    if ('error' in reading) {
      errors.push(reading.error);
      return;
    }
    const req = reading.data as Requirement;
    const idLine = () => locate(reading.parsed ?? parseYamlWithLines(text), '/id').line;
    // the schema also admits a partnership's own ids (local.ts); a catalogue folder holds the guidance's
    if (!BUILT_IN_ID.test(req.id)) {
      errors.push({ path, line: idLine(), message: `id ${req.id}: a catalogue requirement's id is WT26-GEN-… or WT26-C1-… to WT26-C6-…` });
      return;
    }
    const dup = seen.get(req.id);
    if (dup) {
      errors.push({ path, line: idLine(), message: `duplicate requirement id ${req.id} (also in ${dup})` });
      return;
    }
    const compiled = compiledOrError(path, () => compileRequirement(req, file, phrases, editions));
    if ('message' in compiled) errors.push(compiled);
    else {
      requirements.push(compiled);
      seen.set(req.id, file);
    }
  });
  requirements.sort((a, b) => a.req.id.localeCompare(b.req.id));
  const first = requirements[0]?.req.reference.edition ?? '';
  return remember({ id: basename(dir), edition: first, sha256: catalogueSha, phrases, requirements, errors });
}
