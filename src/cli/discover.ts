/**
 * Expands the command line's paths and globs into policy files, sorted, so a run is
 * reproducible. Directories recurse to policy extensions; a path that matches nothing is an error
 * for that path only.
 */
import { statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { globby, isDynamicPattern } from 'globby';
import type { InputErrorReport } from '../audit/result.js';

export const POLICY_EXTENSIONS = ['md', 'markdown', 'yaml', 'yml'];
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

export async function discover(inputs: string[], cwd = process.cwd()): Promise<Discovered> {
  const files = new Set<string>();
  const errors: InputErrorReport[] = [];
  for (const input of inputs) {
    const pattern = input.split(sep).join('/');
    if (isDynamicPattern(pattern)) {
      const found = await globby(pattern, { cwd, ignore: IGNORE, onlyFiles: true, followSymbolicLinks: false, suppressErrors: true });
      const policies = found.filter((f) => POLICY_EXTENSIONS.some((e) => f.toLowerCase().endsWith(`.${e}`)));
      if (policies.length === 0) errors.push({ path: input, message: 'no policy files match this pattern' });
      policies.forEach((f) => files.add(displayPath(f, cwd)));
      continue;
    }
    let st;
    try {
      st = statSync(resolve(cwd, input));
    } catch {
      errors.push({ path: displayPath(input, cwd), message: 'no such file or directory' });
      continue;
    }
    if (st.isDirectory()) {
      const exts = POLICY_EXTENSIONS.join(',');
      let found: string[] = [];
      try {
        found = await globby(`**/*.{${exts}}`, { cwd: resolve(cwd, input), ignore: IGNORE, onlyFiles: true, caseSensitiveMatch: false, followSymbolicLinks: false, suppressErrors: true });
      } catch (e) {
        errors.push({ path: displayPath(input, cwd), message: `cannot read directory: ${(e as Error).message}` });
        continue;
      }
      // README files in a policy folder describe the folder; they are not policies
      found = found.filter((f) => !/(^|\/)readme\.(md|markdown)$/i.test(f));
      if (found.length === 0) errors.push({ path: displayPath(input, cwd), message: 'directory holds no .md, .markdown, .yaml or .yml files' });
      found.forEach((f) => files.add(displayPath(resolve(cwd, input, f), cwd)));
    } else {
      files.add(displayPath(input, cwd));
    }
  }
  return { files: [...files].sort(), errors };
}
