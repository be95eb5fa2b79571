/**
 * A partnership's changes to the catalogue: its own requirements, read from folders the
 * configuration names (local-requirements), and requirements it switches off with a reason
 * (switch-off). The configuration is read by the cli layer; this module is given plain data.
 *
 * A local requirement is written to the same schema as the built-in ones, with an id of the
 * partnership's own prefix (WESTSHIRE-…): the built-in prefix WT26-, an id the catalogue already
 * has, or one id in two local files is an error at the file's id line, and that file is left out,
 * as a broken built-in file is (the run still audits and exits 2).
 *
 * The catalogue's sha256 covers the changes too, so that a report (and anything keyed on the
 * hash, such as a cache of results) tells a changed catalogue from the bundled one:
 * sha256(base sha256, "local", each folder's requirement files as name and bytes in name order,
 * "switch-off", each switch-off's id, reason and file:line). The file:line is in because the
 * results quote it; folder paths are not, since no result depends on where the folder is.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PhraseSet } from '../match/phrases.js';
import { locate, parseYamlWithLines } from '../util/yaml-locate.js';
import { compileRequirement } from './compile.js';
import type { CatalogueError, CompiledCatalogue, CompiledRequirement, SwitchedOff } from './compiled.js';
import { readEditionsText, type Editions } from './editions.js';
import { compiledOrError, loadCatalogue, readRequirementText, requirementFiles } from './load.js';
import { defaultCatalogueDir, editionsPathFor } from './paths.js';
import type { Requirement } from './types.js';

/** A folder of local requirement files: where to read it, and how messages name it. */
export interface LocalFolder {
  dir: string;
  shown: string;
}

/** One entry of switch-off: the requirement, why, and where the configuration says so. */
export interface SwitchOffEntry {
  id: string;
  reason: string;
  /** the configuration file, as messages name it */
  file: string;
  line: number;
}

export interface LocalCatalogue {
  folders: LocalFolder[];
  switchOff: SwitchOffEntry[];
}

/** The built-in catalogue's prefix: a local id may not use it. */
const BUILT_IN_PREFIX = 'WT26-';

function editionsFrom(path: string): Editions {
  try {
    const read = readEditionsText(readFileSync(path, 'utf8'));
    return 'editions' in read ? read.editions : {};
  } catch {
    return {}; // the base catalogue has already reported it
  }
}

/** The base catalogue with the local requirements added and the switch-offs applied. */
export function addLocal(base: CompiledCatalogue, local: LocalCatalogue, editionsPath: string): CompiledCatalogue {
  const errors: CatalogueError[] = [...base.errors];
  const hash = createHash('sha256').update(base.sha256).update('\0local\0');
  const known = new Map(base.requirements.map((c) => [c.req.id, c.file]));
  const added: CompiledRequirement[] = [];
  // their own trie: they cannot change how the built-in requirements read a document (compiled.ts)
  const phrases = new PhraseSet();
  let editions: Editions | undefined;
  for (const folder of local.folders) {
    let files: string[];
    try {
      files = requirementFiles(folder.dir);
    } catch (e) {
      errors.push({ path: folder.shown, message: `cannot read local requirement folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
      continue;
    }
    if (files.length === 0) errors.push({ path: folder.shown, message: 'local requirement folder has no requirement files (.yaml)' });
    hash.update(`${files.length}\0`);
    for (const file of files) {
      const shown = join(folder.shown, file);
      let text: string;
      try {
        text = readFileSync(join(folder.dir, file), 'utf8');
      } catch (e) {
        errors.push({ path: shown, message: `cannot read requirement file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
        continue;
      }
      hash.update(file).update('\0').update(text).update('\0');
      const reading = readRequirementText(shown, text);
      if ('error' in reading) {
        errors.push(reading.error);
        continue;
      }
      const req = reading.data as Requirement;
      const idLine = locate(reading.parsed ?? parseYamlWithLines(text), '/id').line;
      const refuse = (message: string) => errors.push({ path: shown, line: idLine, message });
      if (req.id.startsWith(BUILT_IN_PREFIX)) {
        refuse(`id ${req.id}: ${BUILT_IN_PREFIX} is the built-in catalogue's prefix; give a local requirement your partnership's own (e.g. WESTSHIRE-…)`);
        continue;
      }
      const other = known.get(req.id);
      if (other !== undefined) {
        refuse(`duplicate requirement id ${req.id} (also in ${other})`);
        continue;
      }
      const used = (editions ??= editionsFrom(editionsPath));
      const compiled = compiledOrError(shown, () => compileRequirement(req, shown, phrases, used, shown));
      if ('message' in compiled) errors.push(compiled);
      else {
        added.push(compiled);
        known.set(req.id, shown);
      }
    }
  }
  added.sort((a, b) => a.req.id.localeCompare(b.req.id));
  const requirements = [...base.requirements, ...added];

  hash.update('switch-off\0');
  const switchedOff: SwitchedOff[] = [];
  const byId = new Map(requirements.map((c, i) => [c.req.id, i]));
  for (const s of local.switchOff) {
    const source = `${s.file}:${s.line}`;
    hash.update(s.id).update('\0').update(s.reason).update('\0').update(source).update('\0');
    const at = byId.get(s.id);
    const twice = switchedOff.find((o) => o.id === s.id);
    if (at === undefined) errors.push({ path: s.file, line: s.line, message: `switch-off: no requirement ${s.id} in the catalogue` });
    else if (twice) errors.push({ path: s.file, line: s.line, message: `switch-off: ${s.id} is already switched off at ${twice.source}` });
    else {
      const off = { id: s.id, reason: s.reason, source };
      requirements[at] = { ...requirements[at]!, switchedOff: off };
      switchedOff.push(off);
    }
  }
  return {
    ...base,
    sha256: hash.digest('hex'),
    requirements,
    errors,
    ...(added.length > 0 ? { localPhrases: phrases } : {}),
    ...(local.folders.length > 0 ? { local: local.folders.map((f) => f.shown) } : {}),
    ...(switchedOff.length > 0 ? { switchedOff } : {}),
  };
}

/** Has the configuration changed the catalogue at all? */
export function changesCatalogue(local: LocalCatalogue | undefined): local is LocalCatalogue {
  return local !== undefined && (local.folders.length > 0 || local.switchOff.length > 0);
}

/** The catalogue a run uses: the base one (bundled, or --catalogue), with the partnership's changes. */
export function loadRunCatalogue(dir: string | undefined, local: LocalCatalogue | undefined): CompiledCatalogue {
  const base = loadCatalogue(dir);
  return changesCatalogue(local) ? addLocal(base, local, editionsPathFor(dir ?? defaultCatalogueDir())) : base;
}
