/**
 * --pack-by dir: the discovered files grouped into packs, one per organisation. Each immediate
 * subfolder of a folder input is a pack, with every policy file under it at any depth; for a glob
 * input the folder the pattern starts from plays that part ("partners/*\/*.md": each folder of
 * partners/); a folder named on its own that holds a manifest, or whose policy files are all directly in it,
 * is one pack; a file named on its own belongs to the pack of its folder. A file directly in a
 * folder input that also has pack subfolders is a warning and is not audited: it belongs to no
 * organisation.
 *
 * A pack folder may hold a manifest, wt-audit-pack.yaml (checks/schema/pack.schema.json): the
 * organisation, its profile, the day it was submitted, and the documents that form the pack.
 * An invalid manifest is an error entry for that pack (its files are not audited; the other packs
 * are); with `documents`, exactly those files form the pack: a listed file that is missing is an
 * error entry, a policy file not listed is a warning.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import type { ValidateFunction } from 'ajv';
import type { PackManifest, PackSpec } from '../audit/pack.js';
import type { InputErrorReport } from '../audit/result.js';
import type { Profile } from '../catalogue/types.js';
import { byPath } from '../util/order.js';
import { schemaPath } from '../util/package-paths.js';
import { newAjv } from '../util/schema-validator.js';
import { locate } from '../util/yaml-locate.js';
import { ConfigError, readYaml, realDate } from './config-file.js';
import { displayPath, globReach, PACK_MANIFEST } from './discover.js';

export type PackBy = 'dir';
export const PACK_BY = ['dir'] as const;

export interface PackPlan {
  files: string[];
  packs: PackSpec[];
  errors: InputErrorReport[];
  warnings: InputErrorReport[];
}

let validator: ValidateFunction | undefined;

function manifestValidator(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(readFileSync(schemaPath('pack.schema.json'), 'utf8')) as { $id: string };
    validator = newAjv({ allErrors: true, strict: false }).compile(schema);
  }
  return validator;
}

/** A ConfigError as an error entry of the manifest. */
function manifestError(e: ConfigError): InputErrorReport {
  return { path: e.file, ...(e.at ? { line: e.at.line, column: e.at.column } : {}), message: e.detail };
}

interface RawManifest {
  organisation?: string;
  profile?: Profile;
  submitted?: string;
  documents?: string[];
}

/** Read and check a pack's manifest. @returns the manifest, or the error entry that stands for the pack */
export function loadManifest(
  file: string,
  shown: string,
  packDir: string,
): { manifest: PackManifest; listed?: Array<{ abs: string; line: number }> } | InputErrorReport {
  let read;
  try {
    read = readYaml(file, shown, manifestValidator(), {});
  } catch (e) {
    if (e instanceof ConfigError) return manifestError(e);
    throw e;
  }
  const raw = read.data as RawManifest;
  const at = (pointer: string) => locate(read.parsed, pointer);
  if (raw.submitted !== undefined && !realDate(raw.submitted))
    return { path: shown, ...at('/submitted'), message: `submitted: ${raw.submitted} is not a date` };
  const manifest: PackManifest = {
    path: shown,
    ...(raw.organisation !== undefined ? { organisation: raw.organisation.trim() } : {}),
    ...(raw.profile !== undefined ? { profile: raw.profile } : {}),
    ...(raw.submitted !== undefined ? { submitted: raw.submitted } : {}),
  };
  if (raw.documents === undefined) return { manifest };
  const listed: Array<{ abs: string; line: number }> = [];
  for (const [i, p] of raw.documents.entries()) {
    const where = at(`/documents/${i}`);
    const rel = normalize(p);
    // a pack is its folder: a listed file elsewhere would join two organisations' packs
    if (isAbsolute(p) || rel === '..' || rel.startsWith(`..${sep}`) || rel === '.')
      return { path: shown, ...where, message: `documents: ${p} is not a file inside the pack folder` };
    listed.push({ abs: join(packDir, rel), line: where.line });
  }
  return { manifest: { ...manifest, documents: raw.documents }, listed };
}

/**
 * Where an input's packs are: the subfolders of `root`; a folder named on its own that holds a
 * manifest is one pack (`pack`); a file named on its own is in the pack of its folder.
 */
type Input = { root: string } | { pack: string } | { file: string };

function inputOf(input: string, cwd: string): Input {
  const abs = resolve(cwd, input);
  try {
    const st = statSync(abs);
    if (st.isDirectory()) return existsSync(join(abs, PACK_MANIFEST)) ? { pack: abs } : { root: abs };
    return { file: abs };
  } catch {
    // not there by that name: a pattern (a missing path has no files to place anyway)
    return { root: resolve(cwd, globReach(input.split(sep).join('/')).base) };
  }
}

function inside(root: string, abs: string): string[] | undefined {
  const rel = relative(root, abs);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep);
}

/** Are the discovered files under `root` all directly in it, with at least one there? */
function holdsOnlyLooseFiles(root: string, files: string[], cwd: string): boolean {
  let loose = false;
  for (const f of files) {
    const segments = inside(root, resolve(cwd, f));
    if (!segments) continue;
    if (segments.length > 1) return false;
    loose = true;
  }
  return loose;
}

/** Group discovered files (as reports show them, relative to cwd) into packs. */
export function planPacks(inputs: string[], files: string[], cwd: string): PackPlan {
  // a folder whose policy files all sit directly in it (no subfolder holds one) is itself one
  // organisation's pack: naming a single submission's folder audits it rather than nothing
  const roots = inputs.map((i) => inputOf(i, cwd)).map((r) => ('root' in r && holdsOnlyLooseFiles(r.root, files, cwd) ? { pack: r.root } : r));
  const errors: InputErrorReport[] = [];
  const warnings: InputErrorReport[] = [];
  /** pack folder (absolute) → its discovered files (as shown) */
  const found = new Map<string, string[]>();
  const add = (dir: string, f?: string) => {
    let list = found.get(dir);
    if (!list) found.set(dir, (list = []));
    if (f !== undefined) list.push(f);
  };
  for (const f of files) {
    const abs = resolve(cwd, f);
    let placed = false;
    for (const r of roots) {
      if ('file' in r) {
        if (r.file !== abs) continue;
        add(dirname(abs), f);
        placed = true;
        break;
      }
      if ('pack' in r) {
        if (!inside(r.pack, abs)) continue;
        add(r.pack, f);
        placed = true;
        break;
      }
      const segments = inside(r.root, abs);
      if (!segments) continue;
      if (segments.length === 1)
        warnings.push({
          path: f,
          message: `not in a pack folder: with --pack-by dir each subfolder of ${displayPath(r.root, cwd)} is one organisation's pack, and a file directly in it is not audited`,
        });
      else add(join(r.root, segments[0]!), f);
      placed = true;
      break;
    }
    if (!placed) add(dirname(abs), f);
  }
  // a pack folder with a manifest and no policy file found is still a pack: its manifest may list files
  for (const r of roots) {
    if (!('root' in r)) continue;
    let names: string[];
    try {
      names = readdirSync(r.root);
    } catch {
      continue; // discovery has reported it
    }
    for (const n of names) if (!n.startsWith('.') && existsSync(join(r.root, n, PACK_MANIFEST))) add(join(r.root, n));
  }
  const packs: PackSpec[] = [];
  for (const [dir, list] of found) {
    const path = displayPath(dir, cwd);
    const manifestFile = join(dir, PACK_MANIFEST);
    let manifest: PackManifest | undefined;
    let packFiles = [...new Set(list)].sort(byPath);
    if (existsSync(manifestFile)) {
      const shown = displayPath(manifestFile, cwd);
      const loaded = loadManifest(manifestFile, shown, dir);
      if ('message' in loaded) {
        errors.push({ ...loaded, message: `pack ${path} not audited: invalid manifest: ${loaded.message}` });
        continue;
      }
      manifest = loaded.manifest;
      if (loaded.listed) {
        const listed = new Set<string>();
        for (const l of loaded.listed) {
          const f = displayPath(l.abs, cwd);
          let isFile: boolean;
          try {
            isFile = statSync(l.abs).isFile();
          } catch {
            isFile = false;
          }
          if (!isFile) errors.push({ path: shown, line: l.line, message: `pack ${path}: listed document ${f} is missing` });
          else listed.add(f);
        }
        for (const f of packFiles)
          if (!listed.has(f)) warnings.push({ path: f, message: `not listed in the pack's manifest (${shown}): not audited as part of pack ${path}` });
        packFiles = [...listed].sort(byPath);
      }
    }
    if (packFiles.length === 0) continue;
    packs.push({ path, files: packFiles, ...(manifest ? { manifest } : {}) });
  }
  packs.sort((a, b) => byPath(a.files[0]!, b.files[0]!));
  return { files: packs.flatMap((p) => p.files).sort(byPath), packs, errors, warnings };
}
