/**
 * Build step (run by `npm run build` after tsc): makes the artefacts that keep ajv and the
 * YAML parser off an ordinary run's start-up.
 *
 * - dist/catalogue/{requirement,policy}.validate.cjs: the ajv validators of the requirement and
 *   YAML policy schemas as standalone code, stamped with the sha256 of the schema and options
 *   (validate.ts uses one only while its stamp matches).
 * - dist/catalogue/requirements.cache.json: the validated data of every valid file of the bundled
 *   catalogue, keyed by the sha256 of its text (load.ts uses an entry only for identical text);
 * - dist/catalogue/catalogue.snapshot: the whole compiled catalogue (load.ts uses it only when
 *   every file is the one it was made from).
 *
 * All are pure functions of files in the package; deleting them only makes start-up slower.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { serialize } from 'node:v8';
import {
  cacheStamp,
  catalogueSnapshotPath,
  loadCatalogue,
  readRequirementText,
  requirementCachePath,
  type CatalogueSnapshot,
  type RequirementCache,
} from './load.js';
import { POLICY_AJV_OPTIONS, POLICY_SCHEMA } from '../document/yaml-policy.js';
import { schemaPath } from '../util/package-paths.js';
import { newAjv, precompiledValidatorPath, sha256, validatorStamp } from '../util/schema-validator.js';
import { EDITIONS_SCHEMA } from './editions.js';
import { defaultCatalogueDir } from './paths.js';
import type { Options as AjvOptions } from 'ajv';
import { AJV_OPTIONS, REQUIREMENT_SCHEMA } from './validate.js';

const require = createRequire(import.meta.url);

export function precompileValidator(schemaFile: string, options: AjvOptions): string {
  const text = readFileSync(schemaPath(schemaFile), 'utf8');
  const ajv = newAjv({ ...options, code: { source: true } });
  const validate = ajv.compile(JSON.parse(text) as object);
  const standaloneCode = (require('ajv/dist/standalone') as { default: (a: unknown, v: unknown) => string }).default;
  const code = `${standaloneCode(ajv, validate)}\nmodule.exports.stamp = ${JSON.stringify(validatorStamp(text, options))};\n`;
  const out = precompiledValidatorPath(schemaFile);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, code);
  return out;
}

export function buildRequirementCache(dir = defaultCatalogueDir()): { path: string; cached: number; skipped: number } {
  const entries: Record<string, unknown> = {};
  let skipped = 0;
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()) {
    const text = readFileSync(join(dir, file), 'utf8');
    const reading = readRequirementText(join(dir, file), text);
    // only valid files whose data survives JSON unchanged; anything else is read afresh each run
    if ('error' in reading || !isDeepStrictEqual(JSON.parse(JSON.stringify(reading.data)), reading.data)) {
      skipped++;
      continue;
    }
    entries[sha256(text)] = reading.data;
  }
  const cache: RequirementCache = { format: 2, stamp: cacheStamp(), entries };
  const path = requirementCachePath();
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(cache));
  return { path, cached: Object.keys(entries).length, skipped };
}

/** The compiled bundled catalogue, when it compiles without errors (otherwise no snapshot: errors are reported from source). */
export function buildCatalogueSnapshot(dir = defaultCatalogueDir()): string | undefined {
  const path = catalogueSnapshotPath();
  rmSync(path, { force: true });
  const catalogue = loadCatalogue(dir, { useCache: false });
  if (catalogue.errors.length > 0 || catalogue.requirements.length === 0) return undefined;
  const snap: CatalogueSnapshot = { format: 2, stamp: cacheStamp(), catalogue: { ...catalogue, phrases: catalogue.phrases.toSnapshot() } };
  writeFileSync(path, serialize(snap));
  // what the snapshot gives back must be what compiling gives
  if (!isDeepStrictEqual(loadCatalogue(dir), catalogue)) {
    rmSync(path, { force: true });
    throw new Error('catalogue snapshot does not reproduce the compiled catalogue');
  }
  return path;
}

const validators = [
  precompileValidator(REQUIREMENT_SCHEMA, AJV_OPTIONS),
  precompileValidator(POLICY_SCHEMA, POLICY_AJV_OPTIONS),
  precompileValidator(EDITIONS_SCHEMA, AJV_OPTIONS),
];
const cache = buildRequirementCache();
const snapshot = buildCatalogueSnapshot();
const rel = (p: string) => p.replace(/.*\/dist\//, 'dist/');
process.stdout.write(
  `precompiled ${validators.map(rel).join(', ')}; cached ${cache.cached} requirement files${cache.skipped ? ` (${cache.skipped} invalid, not cached)` : ''}; ${snapshot ? `compiled catalogue in ${rel(snapshot)}` : 'no catalogue snapshot (the catalogue has errors)'}\n`,
);
