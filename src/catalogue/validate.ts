/** ajv validators for the bundled JSON Schemas, compiled lazily and once per process. */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { schemaPath } from './paths.js';

const cache = new Map<string, ValidateFunction>();

export function validatorFor(schemaFile: string): ValidateFunction {
  let v = cache.get(schemaFile);
  if (!v) {
    const ajv = new Ajv({ allErrors: false, strict: false });
    v = ajv.compile(JSON.parse(readFileSync(schemaPath(schemaFile), 'utf8')) as object);
    cache.set(schemaFile, v);
  }
  return v;
}

export const requirementValidator = () => validatorFor('requirement.schema.json');
