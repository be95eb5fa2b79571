/**
 * Loaded with `node --import` by the benchmark: when the process exits, writes its peak resident
 * set size (KiB, all threads: workers share the process) to the file named by WT_BENCH_RSS,
 * then the CPU time it used (ms, user + system), which a busy machine does not inflate as it does
 * wall time.
 */
import { writeFileSync } from 'node:fs';

const out = process.env.WT_BENCH_RSS;
if (out) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(out, `${u.maxRSS} ${Math.round((u.userCPUTime + u.systemCPUTime) / 1000)}`);
  });
}
