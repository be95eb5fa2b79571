/**
 * The shipped entry point: every command once through `node bin/wt-audit.js`, in a process of its
 * own, and the same command through the in-process runner the other CLI tests use. Equal exit code,
 * output and errors show that those tests prove what a user gets.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, runCliProcess } from '../helpers/run-cli.js';

const AS_OF = '2026-11-01';
const dir = mkdtempSync(join(tmpdir(), 'wt-bin-'));
const club = readFileSync(join(ROOT, 'samples', 'riverside-juniors-fc-safeguarding.md'), 'utf8');
writeFileSync(join(dir, 'old.md'), club);
// the redraft loses its last third: a diff with regressions
writeFileSync(join(dir, 'new.md'), club.slice(0, Math.floor((club.length * 2) / 3)));
// a shard's JSON report for `wt-audit merge`
expect(runCli(['old.md', '--as-of', AS_OF, '--format', 'json', '-o', 'shard.json'], { cwd: dir }).code).toBe(1);

/** Each command, with what it must show in its own process. */
const COMMANDS: Array<{ args: string[]; code: number; shows: RegExp; file?: string }> = [
  { args: ['--version'], code: 0, shows: /^\d+\.\d+\.\d+\n$/ },
  { args: ['old.md', '--as-of', AS_OF], code: 1, shows: /Summary: 1 policy audited/ },
  { args: ['old.md', '--as-of', AS_OF, '--format', 'json', '--profile', 'bogus'], code: 2, shows: /unknown profile "bogus"/ },
  { args: ['config', '--fail-on', 'none'], code: 0, shows: /fail-on +none +--fail-on/ },
  { args: ['list', '--changed-in', '2026'], code: 0, shows: /WT26-/ },
  { args: ['explain', 'WT26-C4-ALLEGATIONS'], code: 0, shows: /Model wording:/ },
  { args: ['diff', 'old.md', 'new.md', '--as-of', AS_OF, '--format', 'md'], code: 1, shows: /regress/i },
  { args: ['diff', 'old.md', '--bogus'], code: 2, shows: /unknown option '--bogus'/ },
  { args: ['baseline', 'create', 'known.json', 'old.md', '--as-of', AS_OF], code: 0, shows: /baseline known\.json/, file: 'known.json' },
  { args: ['merge', 'shard.json', '--format', 'markdown'], code: 1, shows: /old\.md/ },
];

describe('bin/wt-audit.js', () => {
  for (const { args, code, shows, file } of COMMANDS) {
    it(`wt-audit ${args.join(' ')}: exit ${code}, the same as in process`, () => {
      const real = runCliProcess(args, { cwd: dir });
      const written = file ? readFileSync(join(dir, file), 'utf8') : undefined;
      expect(real.code, real.stderr).toBe(code);
      expect(`${real.stdout}${real.stderr}`).toMatch(shows);
      const inProcess = runCli(args, { cwd: dir });
      expect(inProcess).toEqual(real);
      if (file) expect(readFileSync(join(dir, file), 'utf8')).toBe(written);
    });
  }
});
