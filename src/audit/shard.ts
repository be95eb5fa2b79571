/**
 * `--shard i/n`: a stable slice of the inputs, so that n CI jobs can each audit one and
 * `wt-audit merge` can join their reports. A file belongs to a slice by a hash of its key (its
 * path as reports show it: relative to the working directory, `/` separators), never by its place
 * in the list, so adding or removing one file moves no other file to another slice, and the same
 * repository checked out anywhere is sliced the same way.
 */
import { createHash } from 'node:crypto';

export interface Shard {
  /** 1-based */
  index: number;
  count: number;
}

/** Does the item with this key belong to the shard? (first 4 bytes of the key's sha256, as a number, modulo n) */
export function inShard(key: string, shard: Shard): boolean {
  if (shard.count === 1) return true;
  const slot = createHash('sha256').update(key, 'utf8').digest().readUInt32BE(0) % shard.count;
  return slot === shard.index - 1;
}

/**
 * The key a file is sliced by: its path as discovered (already relative to the working directory
 * with `/` separators). A pack of several files (--pack-by dir) passes the pack's folder instead,
 * so that a whole pack lands in one shard.
 */
export function keyOf(file: string): string {
  return file;
}

/** The files of the shard, in their given order. */
export function filesOfShard<T>(items: readonly T[], shard: Shard | undefined, key: (item: T) => string): T[] {
  return shard ? items.filter((item) => inShard(key(item), shard)) : [...items];
}
