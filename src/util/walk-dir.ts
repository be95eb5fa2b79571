/**
 * Lists the files under a folder whose names a caller wants, reporting every folder it cannot
 * read instead of skipping it in silence (a partner's policies must not vanish from an audit
 * because one subfolder had the wrong permissions).
 *
 * Symbolic links to files are listed like files; links to folders are not followed, so a link
 * loop cannot make the walk endless. A link that is broken or loops is listed too, so that
 * reading it reports the problem by name.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fsErrorText } from './fs-errors.js';

export interface WalkResult {
  /** absolute paths, in no particular order */
  files: string[];
  /** folders that could not be read, with why */
  errors: Array<{ path: string; message: string }>;
}

export interface WalkOptions {
  /** does a file with this name belong in the listing? */
  accept: (name: string) => boolean;
  /** is a folder with this name entered? (default: every folder) */
  enter?: (name: string) => boolean;
  /** how many levels of subfolders to enter (default: all) */
  maxDepth?: number;
}

export async function walkDir(root: string, opts: WalkOptions): Promise<WalkResult> {
  const files: string[] = [];
  const errors: WalkResult['errors'] = [];
  // an explicit stack, so a very deep tree cannot overflow the call stack
  const pending: Array<[string, number]> = [[root, 0]];
  const maxDepth = opts.maxDepth ?? Infinity;
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [dir, depth] = next;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      errors.push({ path: dir, message: `cannot read directory: ${fsErrorText(e)}` });
      continue;
    }
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (depth < maxDepth && (opts.enter?.(entry.name) ?? true)) pending.push([full, depth + 1]);
      } else if (opts.accept(entry.name)) {
        if (entry.isSymbolicLink()) {
          // a link to a folder is not followed; anything else (even a broken link) is listed
          const target = await stat(full).catch(() => undefined);
          if (target?.isDirectory()) continue;
        }
        files.push(full);
      }
    }
  }
  return { files, errors };
}
