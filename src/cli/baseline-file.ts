/** Reading a baseline file: JSON checked against checks/schema/baseline.schema.json; a bad one is an error (exit 2). */
import { readFileSync } from 'node:fs';
import type { BaselineFile } from '../audit/baseline.js';
import { fsErrorText } from '../util/fs-errors.js';
import { validatorFor } from '../util/schema-validator.js';

export class BaselineError extends Error {}

export function readBaseline(path: string): BaselineFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new BaselineError(`${path}: cannot read the baseline: ${fsErrorText(e)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(`${path}: not a baseline (invalid JSON: ${(e as Error).message})`);
  }
  const validate = validatorFor('baseline.schema.json', { allErrors: false, strict: false });
  if (!validate(data)) {
    const e = validate.errors?.[0];
    throw new BaselineError(`${path}: not a wt-audit baseline: ${e ? `${e.instancePath || '(top level)'} ${e.message}` : 'invalid'}`);
  }
  return data as BaselineFile;
}
