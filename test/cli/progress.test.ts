/** The progress bar: its line (pure), its redraw rate and clearing (fake clock), and nothing on a stderr that is not a terminal. */
import { describe, expect, it } from 'vitest';
import { ProgressBar, renderProgress, shortDuration } from '../../src/cli/progress.js';
import { runCli } from '../helpers/run-cli.js';
import { SAMPLE_FILES } from '../helpers/samples.js';

describe('renderProgress', () => {
  it('shows the bar, files done of the total, the rate and the time left', () => {
    const line = renderProgress({ done: 250, total: 1000, elapsedMs: 5000, width: 100 });
    expect(line).toMatch(/^\[#+-+\] 250\/1000 files {2}50 files\/s {2}15s left$/);
    const bar = /^\[(#*)(-*)\]/.exec(line)!;
    expect(bar[1]!.length / (bar[1]!.length + bar[2]!.length)).toBeCloseTo(0.25, 1);
    expect(line.length).toBeLessThanOrEqual(100);
  });

  it('does not guess the time left before a file is done, and fits a narrow terminal', () => {
    expect(renderProgress({ done: 0, total: 10, elapsedMs: 0, width: 80 })).toContain('0/10 files  0.0 files/s  ? left');
    const narrow = renderProgress({ done: 3, total: 10, elapsedMs: 2000, width: 30 });
    expect(narrow.length).toBeLessThan(30);
    expect(narrow).toContain('3/10 files');
  });

  it('writes durations briefly', () => {
    expect(shortDuration(42)).toBe('42s');
    expect(shortDuration(65)).toBe('1m05s');
    expect(shortDuration(3 * 3600 + 5 * 60)).toBe('3h05m');
  });
});

describe('ProgressBar', () => {
  it('redraws one line at most ten times a second, always draws the last file, and clears the line', () => {
    let now = 0;
    const writes: string[] = [];
    const bar = new ProgressBar({ write: (t: string) => writes.push(t), columns: 80 }, () => now);
    for (let done = 1; done <= 100; done++) {
      now += 5; // 200 files a second: 20 updates within each tenth of a second
      bar.update(done, 100);
    }
    expect(writes.length).toBeGreaterThanOrEqual(5);
    expect(writes.length).toBeLessThanOrEqual(7);
    for (const w of writes) expect(w.startsWith('\r') && !w.includes('\n')).toBe(true);
    expect(writes.at(-1)).toContain('100/100 files');
    bar.clear();
    expect(writes.at(-1)).toBe('\r\x1b[K');
  });

  it('draws a usual width on a terminal that gives none (columns 0)', () => {
    const writes: string[] = [];
    new ProgressBar({ write: (t: string) => writes.push(t), columns: 0 }).update(1, 2);
    expect(writes[0]).toMatch(/^\r\[#+-+\] 1\/2 files/);
  });

  it('clears nothing when nothing was drawn', () => {
    const writes: string[] = [];
    new ProgressBar({ write: (t: string) => writes.push(t) }).clear();
    expect(writes).toEqual([]);
  });
});

describe('the CLI', () => {
  it('draws no progress when standard error is not a terminal', () => {
    const r = runCli([...SAMPLE_FILES, '--as-of', '2026-11-01', '--format', 'json', '--cache', '/dev/null/no']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { documents: unknown[]; warnings: Array<{ path: string; message: string }> };
    expect(report.documents.length).toBe(SAMPLE_FILES.length);
    expect(r.stderr).toBe('');
    // the same run: a cache folder that cannot be made is one warning in the report, and the audit goes on without it
    expect(report.warnings.filter((w) => w.message.includes('cannot use the cache folder')).map((w) => w.path)).toEqual(['/dev/null/no']);
  });
});
