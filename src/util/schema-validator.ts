/**
 * ajv validators for the bundled JSON Schemas (checks/schema/), built at most once per process
 * and only when a caller asks for one (ajv is required lazily: most runs never load it).
 *
 * `npm run build` precompiles some schemas to standalone code (dist/catalogue/<schema>.validate.cjs,
 * see catalogue/precompile.ts), stamped with the sha256 of the schema and the ajv options it was
 * made from: loading that is a plain require, with no schema compilation. When the schema on disk
 * no longer matches the stamp (edited since the build), or there is no precompiled file (tests
 * running from source), the schema is compiled with ajv instead, which gives the same validator.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Ajv as AjvClass, Options as AjvOptions, ValidateFunction } from 'ajv';
import { packageRoot, schemaPath } from './package-paths.js';

const require = createRequire(import.meta.url);

const cache = new Map<string, ValidateFunction>();

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** What a precompiled validator is stamped with: the schema's text and the options it was compiled with. */
export function validatorStamp(schemaText: string, options: AjvOptions): string {
  return sha256(`${JSON.stringify(options)}\0${schemaText}`);
}

/** Where the build puts the precompiled validator for a schema file. */
export function precompiledValidatorPath(schemaFile: string): string {
  return join(packageRoot(), 'dist', 'catalogue', schemaFile.replace(/\.schema\.json$|\.json$/, '') + '.validate.cjs');
}

/** A new ajv instance. */
export function newAjv(options: AjvOptions): AjvClass {
  const { Ajv } = require('ajv') as typeof import('ajv');
  return new Ajv(options);
}

/** The validator for one of the bundled schemas, with these ajv options (one per schema and options). */
export function validatorFor(schemaFile: string, options: AjvOptions): ValidateFunction {
  const key = `${schemaFile}\0${JSON.stringify(options)}`;
  let v = cache.get(key);
  if (!v) {
    const text = readFileSync(schemaPath(schemaFile), 'utf8');
    const pre = precompiledValidatorPath(schemaFile);
    if (existsSync(pre)) {
      const mod = require(pre) as ValidateFunction & { stamp?: string };
      if (mod.stamp === validatorStamp(text, options)) v = mod;
    }
    v ??= newAjv(options).compile(JSON.parse(text) as object);
    cache.set(key, v);
  }
  return v;
}
