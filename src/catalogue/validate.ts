/** The requirement schema's validator (checks/schema/requirement.schema.json). */
import type { Options as AjvOptions, ValidateFunction } from 'ajv';
import { validatorFor } from '../util/schema-validator.js';

export const REQUIREMENT_SCHEMA = 'requirement.schema.json';
/** ajv options for the requirement schema: the first error is enough to refuse a file. */
export const AJV_OPTIONS: AjvOptions = { allErrors: false, strict: false };

let requirementValidate: ValidateFunction | undefined;

/** Looked up once per process: every requirement file of a catalogue is checked by the same one. */
export function requirementValidator(): ValidateFunction {
  requirementValidate ??= validatorFor(REQUIREMENT_SCHEMA, AJV_OPTIONS);
  return requirementValidate;
}
