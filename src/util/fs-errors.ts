/** File-system errors in a few plain words, without Node's code-and-path prefix. */
import { lstatSync } from 'node:fs';

export function fsErrorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'symbolic link loop (too many levels of links)';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ENAMETOOLONG':
      return 'path too long';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    default:
      return err?.code ? `file system error ${err.code}` : String((e as Error)?.message ?? e);
  }
}

/** Is there a symbolic link at this path (whatever it points to)? Never throws. */
export function isSymlink(path: string): boolean {
  try {
    return lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
  } catch {
    return false;
  }
}
