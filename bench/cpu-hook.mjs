/**
 * Loaded with `node --import` by bench/cost.mjs: when the process exits, writes the CPU time it
 * used (user + system, milliseconds, all threads) and its peak resident set size (KiB) to the file
 * named by WT_BENCH_CPU, as JSON.
 */
import { writeFileSync } from 'node:fs';

const out = process.env.WT_BENCH_CPU;
if (out) {
  process.on('exit', () => {
    const u = process.cpuUsage();
    writeFileSync(out, JSON.stringify({ cpuMs: (u.user + u.system) / 1000, rssKb: process.resourceUsage().maxRSS }));
  });
}
