/**
 * The growth checker of the linear-time tests (helpers/scaling.ts) must flag a quadratic function
 * every time and pass a linear one, also while the machine is busy: otherwise those tests prove
 * nothing, or fail good work.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { describeGrowth, LINEAR_BOUND, measureGrowth, steadyGrowth } from './helpers/scaling.js';

/** Linear: one pass over the text. */
function linear(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return h;
}

/** Quadratic, as the bugs these tests catch were: from every position, a search to the end of the text. */
function quadratic(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h + s.indexOf('#', i)) | 0;
  return h;
}

const text = (k: number) => 'abcdefgh'.repeat(1000 * k);

/** Busy loops in other processes, one per core: a machine as busy as it gets. */
function hogs(): ChildProcess[] {
  return Array.from({ length: availableParallelism() }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
}
let running: ChildProcess[] = [];
afterEach(() => {
  for (const h of running) h.kill('SIGKILL');
  running = [];
});

describe('the growth checker', { timeout: 60_000 }, () => {
  it('flags a quadratic function, on the first measure and on the steadiest of four', () => {
    const once = measureGrowth(text, (s) => s.length, quadratic);
    expect(once.ratio, describeGrowth(once)).toBeGreaterThan(LINEAR_BOUND);
    const steady = steadyGrowth(text, (s) => s.length, quadratic);
    expect(steady.ratio, describeGrowth(steady)).toBeGreaterThan(LINEAR_BOUND);
  });

  it('passes a linear function', () => {
    const g = steadyGrowth(text, (s) => s.length, linear);
    expect(g.ratio, describeGrowth(g)).toBeLessThan(LINEAR_BOUND);
  });

  it('still tells them apart while every core is busy with other work', () => {
    running = hogs();
    const lin = steadyGrowth(text, (s) => s.length, linear);
    const quad = measureGrowth(text, (s) => s.length, quadratic);
    expect(lin.ratio, describeGrowth(lin)).toBeLessThan(LINEAR_BOUND);
    expect(quad.ratio, describeGrowth(quad)).toBeGreaterThan(LINEAR_BOUND);
  });
});
