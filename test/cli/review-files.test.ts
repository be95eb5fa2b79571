/** --review-html / --review-md end to end: the files as the renderers make them, the usual report unchanged, inputs never overwritten. */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const AS_OF = '2026-11-01';
const SAMPLE = 'samples/riverside-juniors-fc-safeguarding.md';

describe('--review-html and --review-md', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wt-audit-review-'));

  it('writes both reviews and leaves the usual report as it was', () => {
    const html = join(dir, 'review.html');
    const md = join(dir, 'review.md');
    const plain = runCli([SAMPLE, '--as-of', AS_OF]);
    const r = runCli([SAMPLE, '--as-of', AS_OF, '--review-html', html, '--review-md', md]);
    expect(r.code).toBe(plain.code);
    expect(r.stdout).toBe(plain.stdout);
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).toContain('<h1>Safeguarding policy review: Riverside Juniors FC</h1>');
    expect(readFileSync(md, 'utf8')).toMatch(/^# Safeguarding policy review: Riverside Juniors FC\n/);
    // the same run again gives the same bytes
    runCli([SAMPLE, '--as-of', AS_OF, '--review-html', join(dir, 'again.html')]);
    expect(readFileSync(join(dir, 'again.html'), 'utf8')).toBe(page);
  });

  it('with --format json -o, the JSON report is the same as without the review', () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    runCli([SAMPLE, '--as-of', AS_OF, '--format', 'json', '-o', a]);
    runCli([SAMPLE, '--as-of', AS_OF, '--format', 'json', '-o', b, '--review-md', join(dir, 'c.md')]);
    expect(readFileSync(b, 'utf8')).toBe(readFileSync(a, 'utf8'));
  });

  it('refuses a review file that is one of the inputs, and leaves it as it was', () => {
    const policy = join(dir, 'policy.md');
    writeFileSync(policy, '# Policy\n\nTell the designated safeguarding lead.\n');
    const r = runCli([policy, '--as-of', AS_OF, '--review-html', policy]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--review-html');
    expect(r.stderr).toContain('inputs are never overwritten');
    expect(readFileSync(policy, 'utf8')).toBe('# Policy\n\nTell the designated safeguarding lead.\n');
  });

  it('exits 2 with a message when the review cannot be written, and leaves no temporary file', () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    // root can write anywhere; run as nobody so the folder really is read-only
    const r = runCli(
      [join(process.cwd(), SAMPLE), '--as-of', AS_OF, '--review-md', join(locked, 'review.md')],
      process.getuid?.() === 0 ? { user: { uid: 65534, gid: 65534 } } : {},
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write .*review\.md: permission denied/);
    expect(readdirSync(locked)).toEqual([]);
  });
});
