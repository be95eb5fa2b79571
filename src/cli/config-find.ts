/** Where the configuration file is: light on purpose, so a run without one loads nothing more. */
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { findRepoRoot } from './repo-root.js';

export const CONFIG_FILE = '.wt-audit.yaml';

/** The configuration file that applies in `cwd`: there or in a folder above, up to the repository root. */
export function findConfig(cwd: string): string | undefined {
  const root = findRepoRoot(cwd);
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_FILE);
    if (readable(candidate)) return candidate;
    if (dir === root || dirname(dir) === dir) return undefined;
  }
}

/** A file is there (one that cannot be read is still found, and reported when it is loaded). */
function readable(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return true;
  }
}
