/**
 * Loaded with `node --import` by bench/cost.mjs: when the process exits, writes the CPU time it
 * used (user + system, milliseconds, all threads) to the file named by WT_BENCH_CPU.
 */
import { writeFileSync } from 'node:fs';

const out = process.env.WT_BENCH_CPU;
if (out) {
  process.on('exit', () => {
    const u = process.cpuUsage();
    writeFileSync(out, String((u.user + u.system) / 1000));
  });
}
