/** --report html=FILE / md=FILE end to end: the review as the renderers make it, beside the usual report, inputs never overwritten. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const AS_OF = '2026-11-01';
const SAMPLE = 'samples/riverside-juniors-fc-safeguarding.md';

describe('--report html and md', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wt-audit-review-'));

  it('writes both reviews, and the terminal report as it was when --format asks for it too', () => {
    const html = join(dir, 'review.html');
    const md = join(dir, 'review.md');
    const plain = runCli([SAMPLE, '--as-of', AS_OF]);
    const r = runCli([SAMPLE, '--as-of', AS_OF, '--format', 'terminal', '--report', `html=${html}`, '--report', `md=${md}`]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(plain.code);
    expect(r.stdout).toBe(plain.stdout);
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).toContain('<h1>Safeguarding policy review: Riverside Juniors FC</h1>');
    expect(readFileSync(md, 'utf8')).toMatch(/^# Safeguarding policy review: Riverside Juniors FC\n/);
    // the same run again gives the same bytes, whatever the number of threads
    runCli([SAMPLE, 'samples/northgate-youth-theatre.yaml', '--as-of', AS_OF, '--jobs', '1', '--report', `html=${join(dir, 'one.html')}`]);
    runCli([SAMPLE, 'samples/northgate-youth-theatre.yaml', '--as-of', AS_OF, '--jobs', '2', '--report', `html=${join(dir, 'two.html')}`]);
    expect(readFileSync(join(dir, 'two.html'), 'utf8')).toBe(readFileSync(join(dir, 'one.html'), 'utf8'));
  });

  it('--format html writes the review to standard output', () => {
    const r = runCli([SAMPLE, '--as-of', AS_OF, '--format', 'html']);
    expect(r.stdout).toMatch(/^<!DOCTYPE html>[\s\S]*<\/html>\n$/);
  });

  it('refuses a review file that is one of the inputs, and leaves it as it was', () => {
    const policy = join(dir, 'policy.md');
    writeFileSync(policy, '# Policy\n\nTell the designated safeguarding lead.\n');
    const r = runCli([policy, '--as-of', AS_OF, '--report', `html=${policy}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--report html=${policy}`);
    expect(readFileSync(policy, 'utf8')).toBe('# Policy\n\nTell the designated safeguarding lead.\n');
  });
});
