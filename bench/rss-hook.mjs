/**
 * Loaded with `node --import` by the benchmark: when the process exits, writes its peak resident
 * set size (KiB, all threads: workers share the process) to the file named by WT_BENCH_RSS.
 */
import { writeFileSync } from 'node:fs';

const out = process.env.WT_BENCH_RSS;
if (out) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
