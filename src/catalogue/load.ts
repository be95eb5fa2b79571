/**
 * Loads a catalogue directory (checks/<edition>/*.yaml): parse, validate against
 * checks/schema/requirement.schema.json, compile. A broken file is reported with its line and key
 * and left out; the rest of the catalogue still runs (and the run exits 2).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { PhraseError, PhraseSet } from '../match/phrases.js';
import { locate, parseYamlWithLines } from '../util/yaml-locate.js';
import { compileRequirement } from './compile.js';
import type { CatalogueError, CompiledCatalogue, CompiledRequirement } from './compiled.js';
import { defaultCatalogueDir } from './paths.js';
import type { Requirement } from './types.js';
import { requirementValidator } from './validate.js';

export function loadCatalogue(dir: string = defaultCatalogueDir()): CompiledCatalogue {
  const errors: CatalogueError[] = [];
  const phrases = new PhraseSet();
  const requirements: CompiledRequirement[] = [];
  const hash = createHash('sha256');
  const seen = new Map<string, string>();
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort();
  } catch (e) {
    return { id: basename(dir), edition: '', sha256: '', phrases, requirements, errors: [{ path: dir, message: `cannot read catalogue directory: ${(e as Error).message}` }] };
  }
  if (files.length === 0) errors.push({ path: dir, message: 'catalogue directory has no requirement files' });
  const validate = requirementValidator();
  for (const file of files) {
    const path = join(dir, file);
    const text = readFileSync(path, 'utf8');
    hash.update(file).update('\0').update(text).update('\0');
    const parsed = parseYamlWithLines(text);
    if (parsed.doc.errors.length > 0) {
      const err = parsed.doc.errors[0]!;
      const pos = parsed.lines.linePos(err.pos[0]);
      errors.push({ path, line: pos.line, column: pos.col, message: `invalid YAML: ${err.message.split('\n')[0]}` });
      continue;
    }
    const data = parsed.doc.toJS({ maxAliasCount: 50 }) as unknown;
    if (!validate(data)) {
      for (const e of validate.errors ?? []) {
        const pos = locate(parsed, e.instancePath);
        const key = e.instancePath === '' ? '(top level)' : e.instancePath.slice(1).replace(/\//g, '.');
        const extra = e.keyword === 'additionalProperties' ? ` '${(e.params as { additionalProperty: string }).additionalProperty}'` : '';
        errors.push({ path, line: pos.line, column: pos.column, message: `${key}: ${e.message}${extra}` });
        break; // the first error is the useful one; the rest usually follow from it
      }
      continue;
    }
    const req = data as Requirement;
    const dup = seen.get(req.id);
    if (dup) {
      errors.push({ path, line: locate(parsed, '/id').line, message: `duplicate requirement id ${req.id} (also in ${dup})` });
      continue;
    }
    try {
      requirements.push(compileRequirement(req, file, phrases));
      seen.set(req.id, file);
    } catch (e) {
      if (!(e instanceof PhraseError)) throw e;
      errors.push({ path, message: `bad phrase: ${e.message}` });
    }
  }
  requirements.sort((a, b) => a.req.id.localeCompare(b.req.id));
  const first = requirements[0]?.req.reference.edition ?? '';
  return { id: basename(dir), edition: first, sha256: hash.digest('hex'), phrases, requirements, errors };
}
