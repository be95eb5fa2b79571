/** --shard i/n: every file in exactly one slice, chosen by its path alone (not by its place in the list). */
import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { filesOfShard, inShard, keyOf } from '../../src/audit/shard.js';
import { parseShardOption } from '../../src/cli/options.js';

const files = Array.from({ length: 400 }, (_, i) => `partners/agency-${String(i).padStart(3, '0')}/policy.md`);

describe('inShard', () => {
  it('puts every file in exactly one of n slices, roughly evenly', () => {
    for (const n of [1, 2, 3, 7]) {
      const slices = Array.from({ length: n }, (_, i) => filesOfShard(files, { index: i + 1, count: n }, keyOf));
      expect(slices.flat().sort()).toEqual([...files].sort());
      for (const s of slices) expect(s.length).toBeGreaterThan(files.length / n / 2);
    }
  });

  it('depends on the path only: the same slice whatever the order or the other files', () => {
    const shard = { index: 2, count: 3 };
    const mine = filesOfShard(files, shard, keyOf);
    const shuffled = [...files].reverse().filter((_, i) => i % 2 === 0);
    expect(filesOfShard(shuffled, shard, keyOf).sort()).toEqual(mine.filter((f) => shuffled.includes(f)).sort());
    // and a fixed function of the key: sha256("partners/agency-000/policy.md") picks the same slice every time
    expect(inShard(files[0]!, shard)).toBe(mine.includes(files[0]!));
  });

  it('without a shard keeps every file', () => {
    expect(filesOfShard(files, undefined, keyOf)).toEqual(files);
  });
});

describe('--shard', () => {
  it('reads i/n with 1 <= i <= n', () => {
    expect(parseShardOption('1/4')).toEqual({ index: 1, count: 4 });
    expect(parseShardOption('4/4')).toEqual({ index: 4, count: 4 });
    expect(parseShardOption(' 2 / 3 ')).toEqual({ index: 2, count: 3 });
  });

  it('refuses anything else as a usage error', () => {
    for (const bad of ['0/2', '3/2', 'x', '1/0', '1', '-1/2', '1.5/2', '1/2/3', '']) expect(() => parseShardOption(bad), bad).toThrow(InvalidArgumentError);
  });
});
