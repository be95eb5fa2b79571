/**
 * Expands the command line's paths and globs into policy files, sorted, so a run is
 * reproducible. Directories recurse to policy extensions; a path that matches nothing is an error
 * for that path only.
 */
import { statSync } from 'node:fs';
import { basename, relative, resolve, sep } from 'node:path';
import type { InputErrorReport } from '../audit/result.js';
import { fsErrorText, isSymlink } from '../util/fs-errors.js';
import { walkDir } from '../util/walk-dir.js';

export const POLICY_EXTENSIONS = ['md', 'markdown', 'yaml', 'yml', 'html', 'htm', 'docx', 'pdf', 'doc'];
/** A pack's manifest (--pack-by dir): a description of the pack, never a policy. */
export const PACK_MANIFEST = 'wt-audit-pack.yaml';
const IGNORE = ['**/node_modules/**', '**/.git/**'];

export interface Discovered {
  files: string[];
  errors: InputErrorReport[];
}

/** A path as shown in reports: relative to the working directory, forward slashes. */
export function displayPath(p: string, cwd = process.cwd()): string {
  const rel = relative(cwd, resolve(cwd, p));
  const shown = rel === '' || rel.startsWith('..') ? resolve(cwd, p) : rel;
  return shown.split(sep).join('/');
}

/** Folders a folder walk enters: not hidden ones (.git, .github) and not node_modules, as a glob would. */
function isWalkedDir(name: string): boolean {
  return !name.startsWith('.') && name !== 'node_modules';
}

/** A policy file by its name: not hidden, and not a README (it describes the folder, it is not a policy). */
function isPolicyName(name: string): boolean {
  const lower = name.toLowerCase();
  // "~$policy.docx" is the lock file Word keeps beside a document it has open
  return (
    !lower.startsWith('.') &&
    !lower.startsWith('~$') &&
    POLICY_EXTENSIONS.some((e) => lower.endsWith(`.${e}`)) &&
    !/^readme\.(md|markdown)$/.test(lower) &&
    lower !== PACK_MANIFEST
  );
}

/** Characters without which globby never reads a path as a pattern (its isDynamicPattern). */
const MAYBE_GLOB = /[*?[\](){}!+@\\]/;

/**
 * The folder a pattern starts from (its leading segments without pattern characters) and how many
 * levels of subfolders it can reach below it ("partners/*\/policy.md": 1; "**": any).
 */
export function globReach(pattern: string): { base: string; depth: number } {
  const segments = pattern.split('/');
  let i = 0;
  while (i < segments.length - 1 && !MAYBE_GLOB.test(segments[i]!)) i++;
  const base = segments.slice(0, i).join('/') || (pattern.startsWith('/') ? '/' : '.');
  const folders = segments.slice(i, -1);
  return { base, depth: folders.some((s) => s.includes('**')) ? Infinity : folders.length };
}

export async function discover(inputs: string[], cwd = process.cwd()): Promise<Discovered> {
  const files = new Set<string>();
  const errors: InputErrorReport[] = [];
  // globby loads only when a path may be a pattern: plain paths and folders need none of it
  const glob = () => import('globby');
  for (const input of inputs) {
    const pattern = input.split(sep).join('/');
    if (MAYBE_GLOB.test(pattern) && (await glob()).isDynamicPattern(pattern)) {
      const { globby } = await glob();
      const found = await globby(pattern, { cwd, ignore: IGNORE, onlyFiles: true, followSymbolicLinks: false, suppressErrors: true });
      const policies = found.filter((f) => POLICY_EXTENSIONS.some((e) => f.toLowerCase().endsWith(`.${e}`)) && basename(f).toLowerCase() !== PACK_MANIFEST);
      // the glob skips folders it cannot read without a word: find them, as a folder walk does
      const reach = globReach(pattern);
      const unreadable = (await walkDir(resolve(cwd, reach.base), { accept: () => false, enter: isWalkedDir, maxDepth: reach.depth })).errors;
      for (const e of unreadable) errors.push({ path: displayPath(e.path, cwd), message: e.message });
      if (policies.length === 0 && unreadable.length === 0) errors.push({ path: input, message: 'no policy files match this pattern' });
      policies.forEach((f) => files.add(displayPath(f, cwd)));
      continue;
    }
    let st;
    try {
      st = statSync(resolve(cwd, input));
    } catch (e) {
      // a broken or looping link is there by name: reading it says what is wrong with it
      if (isSymlink(resolve(cwd, input))) files.add(displayPath(input, cwd));
      else errors.push({ path: displayPath(input, cwd), message: fsErrorText(e) });
      continue;
    }
    if (st.isDirectory()) {
      // our own walk rather than a glob: a subfolder that cannot be read is reported, not skipped
      const walked = await walkDir(resolve(cwd, input), { accept: isPolicyName, enter: isWalkedDir });
      for (const e of walked.errors) errors.push({ path: displayPath(e.path, cwd), message: e.message });
      if (walked.files.length === 0 && walked.errors.length === 0)
        errors.push({ path: displayPath(input, cwd), message: 'directory holds no policy files (.md, .markdown, .yaml, .yml, .html, .htm, .docx, .pdf)' });
      walked.files.forEach((f) => files.add(displayPath(f, cwd)));
    } else {
      files.add(displayPath(input, cwd));
    }
  }
  return { files: [...files].sort(), errors };
}
