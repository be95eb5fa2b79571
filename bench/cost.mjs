/**
 * `npm run bench:cost`: cost per byte of odd but valid inputs beside typical policies (issue 14).
 * Every figure is a whole process started fresh, as a user runs the tool on one file; the cases
 * are interleaved round by round and the figures are medians.
 *
 * - typical: 100 generated policies of about 8 KB (bench/corpus.mjs) in one run, --jobs 1;
 * - the inputs of issue 14 (wide tables, heading-heavy files) and each kind of structure of
 *   bench/structures.mjs at --size bytes (default 1 MiB).
 *
 * Cost per byte is (time − time of a cold run on one typical policy) / (bytes − its bytes): the
 * start-up is taken off. Times are CPU time (user + system, all threads; what a busy machine does
 * not inflate) and wall time; peak memory is the process's highest resident set. Prints a Markdown table; --write puts it in docs/robustness.md
 * between the cost markers.
 *
 *   node bench/cost.mjs [--rounds R] [--size BYTES] [--bin path/to/wt-audit.js] [--kill-after S] [--write]
 *
 * --bin measures another build (e.g. one from before a change); a run still going after
 * --kill-after seconds (default 120) is killed and its row says so.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './corpus.mjs';
import { ISSUE_CASES, STRUCTURES } from './structures.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DOC = join(ROOT, 'docs', 'robustness.md');
const HOOK = join(ROOT, 'bench', 'cpu-hook.mjs');
const AS_OF = '2026-11-01';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
};
const ROUNDS = Number(arg('rounds', 3));
const SIZE = Number(arg('size', 1024 * 1024));
const BIN = arg('bin', join(ROOT, 'bin', 'wt-audit.js'));
const KILL_AFTER_S = Number(arg('kill-after', 120));
const WRITE = process.argv.includes('--write');
const log = (s) => process.stderr.write(`${s}\n`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

if (!existsSync(BIN)) throw new Error(`no ${BIN}: build first (npm run build)`);
const help = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' }).stdout;
// a build from before --file-timeout is measured too (for before/after figures): it is killed instead
const hasTimeout = help.includes('--file-timeout');

const dir = mkdtempSync(join(tmpdir(), 'wt-cost-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const corpus = join(dir, 'typical');
const typicalBytes = generateCorpus(100, corpus).bytes;
const one = join(corpus, 'policy-0001.md');
const oneBytes = statSync(one).size;

/** name → { path, bytes } */
const cases = [['100 typical policies (one run)', corpus, typicalBytes]];
for (const [name, c] of [
  ...Object.entries(ISSUE_CASES),
  ...Object.entries(STRUCTURES).map(([k, s]) => [`${k}, ${(SIZE / 1024 / 1024).toFixed(SIZE >= 1024 * 1024 ? 0 : 2)} MiB`, { ...s, make: () => s.make(SIZE) }]),
]) {
  const path = join(dir, `${name.replace(/[^a-z0-9]+/gi, '-')}.${c.ext}`);
  writeFileSync(path, c.make());
  cases.push([name, path, statSync(path).size]);
}

/** One cold process: wall ms, CPU ms, and what became of the file. */
function run(path) {
  const cpuFile = join(dir, 'cpu.json');
  rmSync(cpuFile, { force: true });
  // no time limit: the run is measured to its end (or killed), whatever the load on the machine
  const args = ['--import', HOOK, BIN, path, '--format', 'json', '--as-of', AS_OF, '--jobs', '1', ...(hasTimeout ? ['--file-timeout', '0'] : [])];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, {
    env: { ...process.env, WT_BENCH_CPU: cpuFile },
    maxBuffer: 256 * 1024 * 1024,
    timeout: KILL_AFTER_S * 1000,
    killSignal: 'SIGKILL',
  });
  const wall = performance.now() - t0;
  const usage = existsSync(cpuFile) ? JSON.parse(readFileSync(cpuFile, 'utf8')) : { cpuMs: NaN, rssKb: NaN };
  const cpu = usage.cpuMs;
  let outcome = 'audited';
  if (r.signal) outcome = `killed after ${KILL_AFTER_S} s`;
  else {
    try {
      const report = JSON.parse(r.stdout.toString());
      if (report.errors.length > 0) outcome = `error: ${report.errors[0].message}`;
      else if (report.warnings.length > 0)
        outcome = `audited, ${report.warnings.length} warning${report.warnings.length > 1 ? 's' : ''}: ${report.warnings[0].message.replace(/:.*/, '')}`;
    } catch {
      outcome = `exit ${r.status}`;
    }
  }
  return { wall, cpu, rss: usage.rssKb / 1024, outcome };
}

log(`${cases.length} cases, ${ROUNDS} rounds, ${BIN}${hasTimeout ? '' : ' (no --file-timeout: killed instead)'}`);
const base = { wall: [], cpu: [] };
const results = cases.map(() => ({ wall: [], cpu: [], rss: [], outcome: '' }));
for (let round = 1; round <= ROUNDS; round++) {
  const b = run(one);
  base.wall.push(b.wall);
  base.cpu.push(b.cpu);
  cases.forEach(([name, path], i) => {
    const r = run(path);
    results[i].wall.push(r.wall);
    results[i].cpu.push(r.cpu);
    results[i].rss.push(r.rss);
    results[i].outcome = r.outcome;
    log(`round ${round}: ${name}: ${(r.wall / 1000).toFixed(2)} s wall, ${(r.cpu / 1000).toFixed(2)} s CPU, ${r.outcome}`);
  });
}

const baseWall = median(base.wall);
const baseCpu = median(base.cpu);
const perByte = (ms, b, baseMs) => (ms - baseMs) / Math.max(1, b - oneBytes);
const typicalCpu = perByte(median(results[0].cpu), typicalBytes, baseCpu);
const typicalWall = perByte(median(results[0].wall), typicalBytes, baseWall);
const size = (b) => (b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(1)} MiB` : `${Math.round(b / 1024)} KiB`);
const secs = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const rows = cases.map(([name, , bytes], i) => {
  const r = results[i];
  const cpu = median(r.cpu);
  const wall = median(r.wall);
  const times = (x, typical, b0) => (i === 0 ? '1×' : Number.isFinite(x) ? `${(perByte(x, bytes, b0) / typical).toFixed(1)}×` : '–');
  const rss = Math.max(...r.rss);
  return `| ${name} | ${size(bytes)} | ${secs(wall)} | ${Number.isFinite(cpu) ? secs(cpu) : '–'} | ${times(cpu, typicalCpu, baseCpu)} | ${times(wall, typicalWall, baseWall)} | ${Number.isFinite(rss) ? `${Math.round(rss)} MB` : '–'} | ${r.outcome} |`;
});
const table = [
  `Measured ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')} by \`npm run bench:cost\` (${ROUNDS} round${ROUNDS > 1 ? 's' : ''}, medians, one cold process per run, \`--jobs 1\`).`,
  `Machine: ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), Node ${process.version}; load average at the end ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}.`,
  `A cold run on one typical policy (${size(oneBytes)}), taken off every row below before dividing by size: ${secs(baseWall)} wall, ${secs(baseCpu)} CPU.`,
  '',
  '| input | size | wall | CPU | per byte vs. typical (CPU) | (wall) | peak RSS | result |',
  '|---|---:|---:|---:|---:|---:|---:|---|',
  ...rows,
].join('\n');
process.stdout.write(`${table}\n`);
if (WRITE) {
  const doc = readFileSync(DOC, 'utf8');
  const start = '<!-- cost:start (written by `npm run bench:cost -- --write`; edit outside the markers) -->';
  const end = '<!-- cost:end -->';
  const a = doc.indexOf(start);
  const b = doc.indexOf(end);
  if (a === -1 || b === -1) throw new Error(`docs/robustness.md has no cost markers`);
  writeFileSync(DOC, `${doc.slice(0, a + start.length)}\n${table}\n${doc.slice(b)}`);
  log('written to docs/robustness.md');
}
