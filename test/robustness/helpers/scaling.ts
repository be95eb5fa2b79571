/**
 * Growth of a function's running time with its input, per byte. A linear function costs about the
 * same per byte on a small and a large input; a quadratic one costs `factor` times more per byte on
 * an input `factor` times larger. Comparing the two on the same machine, in the same process, is
 * stable where an absolute time limit would be flaky.
 *
 * Time is this process's CPU time, not the clock: a busy machine makes a run wait for a core, which
 * the clock counts and CPU time does not (a timed run of 137 ms for 512 KB, against 3.9 ms for
 * 64 KB, once failed a linear function under load). The small input is run twice and the large
 * once, in turn, and the fastest run of each counts; a measure that looks superlinear is taken
 * again (steadyGrowth), so that what load still moves (caches, a collection) has to hit the large
 * run every time to fail a linear function, while a quadratic one fails every measure.
 */

export interface Growth {
  /** per-byte cost on the large input over per-byte cost on the small one */
  ratio: number;
  smallBytes: number;
  largeBytes: number;
  smallMs: number;
  largeMs: number;
}

/**
 * Size ratio of the large input to the small one. Six, not eight: the large run is most of a
 * measure's cost, and a quadratic function still costs 1.5 times the bound per byte.
 */
export const FACTOR = 6;

/**
 * Per-byte cost may grow this much from the small input to the large one and still pass as
 * linear: garbage collection and caches cost something. A quadratic algorithm costs FACTOR (6).
 */
export const LINEAR_BOUND = 4;

/** The small input is made larger until one run takes at least this long, so timer noise is small. */
const MIN_SMALL_MS = 3;

/** CPU time this process has used, in milliseconds (all its threads: the collector's work counts). */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function timed<P>(prepare: () => P, run: (p: P) => unknown): number {
  const p = prepare(); // fresh each time: nothing cached from an earlier run is measured
  const t = cpuMs();
  run(p);
  return cpuMs() - t;
}

export interface GrowthOptions<I, P> {
  /** untimed work before each run (e.g. building the index when timing the matchers) */
  prepare?: (input: I) => P;
  /** largest scale the small input may grow to (default 64) */
  maxScale?: number;
  /** runs on the small and the large input, the fastest of which counts (default 2 and 1) */
  runs?: [number, number];
}

/**
 * @param make builds the input at a scale; the small input is make(s), the large make(FACTOR × s),
 *   where s starts at 1 and doubles until the small input takes MIN_SMALL_MS
 */
export function measureGrowth<I, P = I>(
  make: (scale: number) => I,
  sizeOf: (input: I) => number,
  run: (prepared: P) => unknown,
  opts: GrowthOptions<I, P> = {},
): Growth {
  const prepare = opts.prepare ?? ((i: I) => i as unknown as P);
  let scale = 1;
  let small = make(scale);
  // no separate warm-up: the sizing run below warms the code, and the small runs that count come after it
  // a large run costs FACTOR small ones: one of it, and a second measure only when the first looks bad
  const [smallRuns, largeRuns] = opts.runs ?? [2, 1];
  // one run per size to find the size; the runs that count come after, in turn with the large input
  let smallMs = timed(() => prepare(small), run);
  while (smallMs < MIN_SMALL_MS && scale < (opts.maxScale ?? 64)) {
    scale *= 2;
    small = make(scale);
    smallMs = timed(() => prepare(small), run);
  }
  const large = make(FACTOR * scale);
  // small and large in turn, so that a busy spell slows runs of both
  let largeMs = Infinity;
  for (let i = 0; i < Math.max(smallRuns, largeRuns); i++) {
    if (i < largeRuns)
      largeMs = Math.min(
        largeMs,
        timed(() => prepare(large), run),
      );
    if (i < smallRuns)
      smallMs = Math.min(
        smallMs,
        timed(() => prepare(small), run),
      );
  }
  const smallBytes = sizeOf(small);
  const largeBytes = sizeOf(large);
  return { ratio: largeMs / largeBytes / (Math.max(smallMs, 0.01) / smallBytes), smallBytes, largeBytes, smallMs, largeMs };
}

/**
 * Measure again while the measure looks bad, up to four times in all: a busy machine (or a collection)
 * can slow the one large run of a measure, rarely four in a row; a superlinear function fails every time.
 */
export function steadyGrowth<I, P = I>(
  make: (scale: number) => I,
  sizeOf: (input: I) => number,
  run: (prepared: P) => unknown,
  opts: GrowthOptions<I, P> = {},
): Growth {
  let best = measureGrowth(make, sizeOf, run, opts);
  for (let attempt = 1; attempt < 4 && best.ratio >= LINEAR_BOUND; attempt++) {
    const again = measureGrowth(make, sizeOf, run, opts);
    if (again.ratio < best.ratio) best = again;
  }
  return best;
}

export function describeGrowth(g: Growth): string {
  return `${g.smallBytes} B in ${g.smallMs.toFixed(1)} ms → ${g.largeBytes} B in ${g.largeMs.toFixed(1)} ms (per-byte ×${g.ratio.toFixed(2)})`;
}
