/**
 * `npm run bench`: the speed benchmark of issue 4. Generates a corpus, then measures in one run:
 *
 * - a cold single-file audit of a typical policy: whole-process wall time, median of 10;
 * - the whole corpus with the full catalogue (JSON report to a file): wall time, documents/s,
 *   MB/s and peak RSS, on all cores and on one (--jobs 1);
 * - the parsing floor: remark-parse alone over the same files in one thread, and remark-parse
 *   with the tool's GFM extensions (src/document/gfm.ts: tables, footnotes, strikethrough, task lists);
 * - the ratios, and whether the JSON report is byte-identical across worker counts;
 * - Word and PDF (bench/formats.mjs): a cold audit of a 20-page Word and a 20-page PDF policy,
 *   and wall time and peak RSS for a 200-page PDF.
 * - the HTML review of the largest sample: the whole process with --report html=FILE less the same
 *   audit without it (median of the single-file runs), the rendering alone in this process, and the size
 *   of the file.
 *
 * Every corpus measurement is a whole process, started fresh, and they are interleaved round by
 * round so that a noisy neighbour hurts all of them alike; the figures are medians over rounds.
 * Prints a table and writes it to bench/results.md (between the bench markers, keeping the notes).
 *
 * - the cache (issue 10): the corpus audited with a cold `--cache DIR`, then warm (median of 3),
 *   and whether the warm report is the uncached one byte for byte;
 * - peak RSS over 10,000 files and 2,500 (generated apart, JSON report to /dev/null), beside the
 *   corpus's own, so that flatness in the number of files shows.
 *
 *   node bench/run.mjs [--files N] [--rounds R] [--single-runs S] [--profile] [--no-write]
 *                      [--also-node <path to another node binary>]... [--review-only] [--formats-only]
 *                      [--scale-only] [--scale-files 10000,2500|none] [--packs-only]
 *
 * --formats-only measures the Word and PDF rows alone (and does not write bench/results.md).
 * --scale-only measures the cache and many-files rows alone (printed; bench/results.md left alone).
 * --packs-only measures the packs rows alone (JSON only vs five CI reports; printed, results.md left alone).
 *
 * --also-node repeats the single-file measurement with other Node versions (e.g. the current LTS
 * lines, whose compile cache bin/wt-audit.js turns on): each gets a row of its own.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  cpSync,
  mkdirSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateCorpus } from './corpus.mjs';
import { generateFormatFixtures } from './formats.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = join(ROOT, 'bench', 'corpus');
const RESULTS = join(ROOT, 'bench', 'results.md');
const RSS_HOOK = join(ROOT, 'bench', 'rss-hook.mjs');
const AS_OF = '2026-11-01';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}
const FILES = arg('files', 1000);
const ROUNDS = arg('rounds', 3);
const SINGLE_RUNS = arg('single-runs', 10);
const PROFILE = process.argv.includes('--profile');
const FORMATS_ONLY = process.argv.includes('--formats-only');
const WRITE = !process.argv.includes('--no-write') && !FORMATS_ONLY && !process.argv.includes('--scale-only') && !process.argv.includes('--packs-only');
const CORES = availableParallelism();
/** only the review rows (printed, results.md left alone): a quick look while working on the review */
const REVIEW_ONLY = process.argv.includes('--review-only');
/** only the cache and many-files rows (printed, results.md left alone) */
const SCALE_ONLY = process.argv.includes('--scale-only');
/** only the packs-with-five-reports rows (printed, results.md left alone) */
const PACKS_ONLY = process.argv.includes('--packs-only');
const SCALE_FILES = (() => {
  const i = process.argv.indexOf('--scale-files');
  const list = i === -1 ? '10000,2500' : process.argv[i + 1];
  return list === 'none' ? [] : list.split(',').map(Number);
})();
const ALSO_NODE = process.argv.flatMap((a, i) => (a === '--also-node' && process.argv[i + 1] ? [process.argv[i + 1]] : []));

/** The command as it was run, so a figure can be reproduced with the same options. */
const COMMAND = ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const sha256File = (p) => createHash('sha256').update(readFileSync(p)).digest('hex');
const log = (s) => process.stderr.write(`${s}\n`);

/** Run node with args; stdout to a file (or ignored); returns wall ms, exit code and peak RSS (KiB). */
function runNode(args, { stdoutFile, env = {}, node = process.execPath } = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'wt-bench-'));
  const rssFile = join(scratch, 'rss');
  const fd = stdoutFile ? openSync(stdoutFile, 'w') : 'ignore';
  const t0 = performance.now();
  const r = spawnSync(node, ['--import', RSS_HOOK, ...args], {
    cwd: ROOT,
    stdio: ['ignore', fd, 'pipe'],
    env: { ...process.env, NO_COLOR: '1', WT_BENCH_RSS: rssFile, ...env },
    maxBuffer: 16 * 1024 * 1024,
  });
  const ms = performance.now() - t0;
  if (typeof fd === 'number') closeSync(fd);
  const [rssKb, cpuMs] = existsSync(rssFile) ? readFileSync(rssFile, 'utf8').split(' ').map(Number) : [NaN, NaN];
  rmSync(scratch, { recursive: true, force: true });
  if (r.status !== 0 && r.status !== 1) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr?.toString().slice(0, 2000)}`);
  return { ms, code: r.status, rssKb, cpuMs, stderr: r.stderr?.toString() ?? '' };
}

/** The first n corpus files, as paths for the command line. */
function corpusSlice(n) {
  return readdirSync(CORPUS)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .slice(0, n)
    .map((f) => `bench/corpus/${f}`);
}

function typicalPolicy(dir) {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .map((f) => ({ f, size: statSync(join(dir, f)).size }));
  const mid = median(files.map((x) => x.size));
  return files.reduce((best, x) => (Math.abs(x.size - mid) < Math.abs(best.size - mid) ? x : best)).f;
}

// -------------------------------------------------------------------------------------------------

if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('build first: npm run build');
// Measure a private copy of the build, so that rebuilding the working tree during the run (tests,
// eval) cannot change the code under test halfway.
const PKG = mkdtempSync(join(tmpdir(), 'wt-bench-pkg-'));
for (const part of ['bin', 'dist', 'checks', 'package.json']) cpSync(join(ROOT, part), join(PKG, part), { recursive: true, preserveTimestamps: true });
symlinkSync(join(ROOT, 'node_modules'), join(PKG, 'node_modules'), 'dir');
process.on('exit', () => rmSync(PKG, { recursive: true, force: true }));
const BIN = join(PKG, 'bin', 'wt-audit.js');
const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : -1);
const BUNDLED = mtime(join(PKG, 'dist', 'bundle', 'wt-audit.js')) >= mtime(join(PKG, 'dist', 'cli', 'main.js'));
if (!BUNDLED) log('note: no up-to-date bundle in dist/bundle/ (npm run build makes one): measuring the unbundled build');
/** Word and PDF: a 20-page policy as each, cold, and a 200-page PDF for memory. */
async function measureFormats() {
  const fmtDir = mkdtempSync(join(tmpdir(), 'wt-bench-formats-'));
  process.on('exit', () => rmSync(fmtDir, { recursive: true, force: true }));
  log('generating a 20-page Word and PDF policy and a 200-page PDF …');
  const fmt = await generateFormatFixtures(ROOT, fmtDir);
  const FORMAT_RUNS = Math.max(3, Math.min(SINGLE_RUNS, 5));
  /** Median wall time and CPU time of cold runs (one first, as a user's first run). */
  const coldRuns = (file) => {
    runNode([BIN, file, '--as-of', AS_OF]);
    const runs = Array.from({ length: FORMAT_RUNS }, () => runNode([BIN, file, '--as-of', AS_OF]));
    return { ms: median(runs.map((r) => r.ms)), cpuMs: median(runs.map((r) => r.cpuMs)) };
  };
  const docx20 = coldRuns(fmt.docx20);
  const pdf20 = coldRuns(fmt.pdf20);
  const big = Array.from({ length: 3 }, () => runNode([BIN, fmt.pdf200, '--as-of', AS_OF]));
  const pdf200Ms = median(big.map((r) => r.ms));
  const pdf200Rss = Math.max(...big.map((r) => r.rssKb)) / 1024;
  const rows = [
    [
      `Single-file audit, cold: a ${fmt.pages20}-page Word policy (median of ${FORMAT_RUNS}; CPU time in brackets)`,
      `${docx20.ms.toFixed(0)} ms (${docx20.cpuMs.toFixed(0)} ms)`,
      '< 1500 ms',
      docx20.ms < 1500 ? '**met**' : '**missed**',
    ],
    [
      `Single-file audit, cold: the same as a ${fmt.pages20}-page PDF (median of ${FORMAT_RUNS}; CPU time in brackets)`,
      `${pdf20.ms.toFixed(0)} ms (${pdf20.cpuMs.toFixed(0)} ms)`,
      '< 1500 ms',
      pdf20.ms < 1500 ? '**met**' : '**missed**',
    ],
    [`A ${fmt.pages200}-page PDF policy: wall time (median of 3)`, `${(pdf200Ms / 1000).toFixed(2)} s`, '', ''],
    ['  peak RSS', `${pdf200Rss.toFixed(0)} MB`, '< 300 MB', pdf200Rss < 300 ? '**met**' : '**missed**'],
  ];
  log(
    `formats: 20-page Word ${docx20.ms.toFixed(0)} ms (CPU ${docx20.cpuMs.toFixed(0)} ms), 20-page PDF ${pdf20.ms.toFixed(0)} ms (CPU ${pdf20.cpuMs.toFixed(0)} ms), 200-page PDF ${(pdf200Ms / 1000).toFixed(2)} s and ${pdf200Rss.toFixed(0)} MB; load ${loadavg()[0].toFixed(2)}`,
  );
  return rows;
}

const formatRows = REVIEW_ONLY || SCALE_ONLY ? [] : await measureFormats();
if (FORMATS_ONLY) {
  process.stdout.write(`\n| measure | result | target | |\n|---|---:|---:|---|\n${formatRows.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n`);
  process.exit(0);
}

/**
 * The review for people (issue 11): the HTML review of the largest sample. Whole processes with and
 * without --report html=FILE (the terminal report on both), interleaved, so that the difference is
 * what the review adds to a user's run (loading its modules, rendering, writing the file
 * atomically); then the rendering alone, in this process, over the report the audit returns.
 */
async function measureReview() {
  const samples = readdirSync(join(ROOT, 'samples')).filter((f) => /\.(md|ya?ml)$/.test(f) && f !== 'README.md');
  const largest = samples.map((f) => ({ f, size: statSync(join(ROOT, 'samples', f)).size })).sort((a, b) => b.size - a.size)[0].f;
  const input = `samples/${largest}`;
  const dir = mkdtempSync(join(tmpdir(), 'wt-bench-review-'));
  const target = join(dir, 'review.html');
  const plain = [];
  const withReview = [];
  const withArgs = [BIN, input, '--as-of', AS_OF, '--format', 'terminal', '--report', `html=${target}`];
  runNode(withArgs);
  for (let i = 0; i < SINGLE_RUNS; i++) {
    plain.push(runNode([BIN, input, '--as-of', AS_OF]).ms);
    withReview.push(runNode(withArgs).ms);
  }
  const bytes = statSync(target).size;
  rmSync(dir, { recursive: true, force: true });
  const { auditFiles } = await import(pathToFileURL(join(PKG, 'dist', 'audit', 'run.js')).href);
  const { renderReviewHtml } = await import(pathToFileURL(join(PKG, 'dist', 'report', 'review-html.js')).href);
  const { report } = await auditFiles({ files: [join(ROOT, input)], errors: [] }, { asOf: AS_OF, failOn: 'must', jobs: 1 });
  renderReviewHtml(report);
  const render = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    renderReviewHtml(report);
    render.push(performance.now() - t0);
  }
  const extra = median(withReview) - median(plain);
  log(
    `HTML review of ${input}: +${extra.toFixed(0)} ms over the audit (${median(withReview).toFixed(0)} vs ${median(plain).toFixed(0)} ms), rendering alone ${median(render).toFixed(1)} ms, ${(bytes / 1024).toFixed(0)} KiB`,
  );
  return [
    [
      `HTML review of the largest sample (\`${input}\`): whole process with \`--report html=FILE\` less without (medians of ${SINGLE_RUNS})`,
      `${extra.toFixed(0)} ms`,
      '< 200 ms',
      verdict(extra < 200),
    ],
    ['  rendering alone, in process (median of 20)', `${median(render).toFixed(1)} ms`, '', ''],
    ['  review file size', `${(bytes / 1024).toFixed(0)} KiB`, '< 1 MB', verdict(bytes < 1024 * 1024)],
  ];
}

const verdict = (ok) => (ok ? '**met**' : '**missed**');
if (REVIEW_ONLY) {
  const rows = await measureReview();
  process.stdout.write(`\n| measure | result | target | |\n|---|---:|---:|---|\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n`);
  process.exit(0);
}

/**
 * Issue 10's scale rows. The cache: the corpus with a cold `--cache DIR` (an empty folder), then
 * warm (median of 3), each report compared with the uncached one. Memory: the same audit over
 * corpora of SCALE_FILES generated files (JSON report to /dev/null), on all cores.
 */
function measureScale(uncachedHash, uncachedMs) {
  const dir = mkdtempSync(join(tmpdir(), 'wt-bench-cache-'));
  const cache = join(dir, 'cache');
  const cachedArgs = [BIN, 'bench/corpus', '--format', 'json', '--as-of', AS_OF, '--cache', cache];
  const cold = runNode(cachedArgs, { stdoutFile: join(dir, 'cold.json') });
  const coldSame = sha256File(join(dir, 'cold.json')) === uncachedHash;
  const warm = Array.from({ length: 3 }, () => runNode(cachedArgs, { stdoutFile: join(dir, 'warm.json') }));
  const warmSame = sha256File(join(dir, 'warm.json')) === uncachedHash;
  rmSync(dir, { recursive: true, force: true });
  const warmMs = median(warm.map((r) => r.ms));
  log(
    `cache: cold ${(cold.ms / 1000).toFixed(2)} s, warm ${(warmMs / 1000).toFixed(2)} s (uncached ${(uncachedMs / 1000).toFixed(2)} s); load ${loadavg()[0].toFixed(2)}`,
  );
  const many = SCALE_FILES.map((n) => {
    const corpusDir = mkdtempSync(join(tmpdir(), `wt-bench-${n}-`));
    generateCorpus(n, corpusDir);
    const r = runNode([BIN, corpusDir, '--format', 'json', '--as-of', AS_OF], { stdoutFile: '/dev/null' });
    rmSync(corpusDir, { recursive: true, force: true });
    log(`${n} files: ${(r.ms / 1000).toFixed(1)} s, peak RSS ${(r.rssKb / 1024).toFixed(0)} MB; load ${loadavg()[0].toFixed(2)}`);
    return { n, ms: r.ms, rssMb: r.rssKb / 1024 };
  });
  const ratio = warmMs / cold.ms;
  const warmCpu = median(warm.map((r) => r.cpuMs));
  const cpuRatio = warmCpu / cold.cpuMs;
  const fmt = (n) => n.toLocaleString('en-GB');
  return [
    [
      `Corpus audit with a cold \`--cache DIR\` (\`wt-audit bench/corpus --format json --cache DIR\`, empty DIR): wall time`,
      `${(cold.ms / 1000).toFixed(2)} s`,
      '',
      '',
    ],
    ['  the same again, warm (every judgement cached; median of 3)', `${(warmMs / 1000).toFixed(2)} s`, '', ''],
    ['**Ratio** warm / cold cache', `${(100 * ratio).toFixed(1)} %`, '≤ 5 %', verdict(ratio <= 0.05)],
    [
      `  the same in CPU time (cold ${(cold.cpuMs / 1000).toFixed(2)} s, warm ${(warmCpu / 1000).toFixed(2)} s: what a busy machine does not inflate)`,
      `${(100 * cpuRatio).toFixed(1)} %`,
      '',
      '',
    ],
    ['  cold and warm reports byte-identical to the uncached one', coldSame && warmSame ? 'yes' : 'NO', 'yes', verdict(coldSame && warmSame)],
    ...many.map(({ n, ms, rssMb }, i) => [
      `${i === 0 ? '' : '  '}Peak RSS over ${fmt(n)} generated files (\`wt-audit DIR --format json > /dev/null\`, ${CORES} workers; ${(ms / 1000).toFixed(0)} s)`,
      `${rssMb.toFixed(0)} MB`,
      '< 300 MB',
      verdict(rssMb < 300),
    ]),
  ];
}

/**
 * Issue 10's reporters row: the corpus regrouped as packs (a folder of PACK_SIZE policies each, as
 * an organisation's submission), audited with --pack-by dir into the JSON report alone, and into
 * the five CI reports at once (SARIF, JUnit, GitHub annotations, CSV, Markdown summary), the two
 * interleaved by round; medians. The packs hold copies of the corpus files, in a scratch folder.
 */
const PACK_SIZE = 4;
function measurePacks() {
  const dir = mkdtempSync(join(tmpdir(), 'wt-bench-packs-'));
  const packs = join(dir, 'packs');
  const names = readdirSync(CORPUS)
    .filter((f) => f.endsWith('.md'))
    .sort();
  names.forEach((f, i) => {
    const pack = join(packs, `org-${String(Math.floor(i / PACK_SIZE)).padStart(4, '0')}`);
    mkdirSync(pack, { recursive: true });
    cpSync(join(CORPUS, f), join(pack, f));
  });
  const base = [BIN, packs, '--pack-by', 'dir', '--as-of', AS_OF];
  const out = (name) => join(dir, name);
  const reports = [
    ['sarif', 'r.sarif'],
    ['junit', 'r.xml'],
    ['github', 'r.github'],
    ['csv', 'r.csv'],
    ['markdown', 'r.md'],
  ];
  const five = reports.flatMap(([format, file]) => ['--report', `${format}=${out(file)}`]);
  const json = [];
  const all = [];
  for (let round = 1; round <= ROUNDS; round++) {
    json.push(runNode([...base, '--report', `json=${out('r.json')}`]));
    all.push(runNode([...base, ...five]));
    log(`packs round ${round}/${ROUNDS}: JSON ${(json.at(-1).ms / 1000).toFixed(2)} s, five reports ${(all.at(-1).ms / 1000).toFixed(2)} s`);
  }
  const written = reports.every(([, f]) => existsSync(out(f)) && statSync(out(f)).size > 0);
  rmSync(dir, { recursive: true, force: true });
  const jsonMs = median(json.map((r) => r.ms));
  const allMs = median(all.map((r) => r.ms));
  const ratio = allMs / jsonMs;
  const cpuRatio = median(all.map((r) => r.cpuMs)) / median(json.map((r) => r.cpuMs));
  const packCount = Math.ceil(names.length / PACK_SIZE);
  return [
    [`Corpus as ${packCount} packs of ${PACK_SIZE} (\`--pack-by dir\`), JSON report only: wall time`, `${(jsonMs / 1000).toFixed(2)} s`, '', ''],
    [
      `  the same with five reports at once (sarif, junit, github, csv, markdown${written ? '' : '; SOME NOT WRITTEN'})`,
      `${(allMs / 1000).toFixed(2)} s`,
      '',
      '',
    ],
    ['**Ratio** five reports / JSON only', ratio.toFixed(2), '≤ 1.2', verdict(ratio <= 1.2 && written)],
    ['  the same in CPU time', cpuRatio.toFixed(2), '', ''],
  ];
}

log(`generating ${FILES} policies in bench/corpus …`);
const corpus = generateCorpus(FILES, CORPUS);
const corpusMB = corpus.bytes / 1e6;
const machine = {
  cores: CORES,
  cpu: cpus()[0]?.model ?? 'unknown',
  memGB: (totalmem() / 2 ** 30).toFixed(1),
  node: process.version,
  load: loadavg()
    .map((x) => x.toFixed(2))
    .join(' '),
};
log(`${corpus.files} files, ${corpusMB.toFixed(2)} MB; ${machine.cores} cores, Node ${machine.node}, load ${machine.load}`);
if (PACKS_ONLY) {
  const rows = measurePacks();
  process.stdout.write(`\n| measure | result | target | |\n|---|---:|---:|---|\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n`);
  process.exit(0);
}
if (SCALE_ONLY) {
  const out = mkdtempSync(join(tmpdir(), 'wt-bench-out-'));
  const plain = runNode([BIN, 'bench/corpus', '--format', 'json', '--as-of', AS_OF], { stdoutFile: join(out, 'plain.json') });
  const rows = measureScale(sha256File(join(out, 'plain.json')), plain.ms);
  rmSync(out, { recursive: true, force: true });
  process.stdout.write(`\n| measure | result | target | |\n|---|---:|---:|---|\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n`);
  process.exit(0);
}

// single file, cold: the whole process, as a user runs it
const typical = typicalPolicy(CORPUS);
const typicalRel = `bench/corpus/${typical}`;
const single = [];
const version = [];
const bare = [];
// one run first, as a user's first run: it fills Node's compile cache where there is one (22.1+)
runNode([BIN, typicalRel, '--as-of', AS_OF]);
for (let i = 0; i < SINGLE_RUNS; i++) {
  single.push(runNode([BIN, typicalRel, '--as-of', AS_OF]).ms);
  version.push(runNode([BIN, '--version']).ms);
  bare.push(runNode(['-e', '0']).ms);
}
log(`single-file audit: median ${median(single).toFixed(0)} ms (--version ${median(version).toFixed(0)} ms, bare node ${median(bare).toFixed(0)} ms)`);
const otherNodes = ALSO_NODE.map((node) => {
  const v = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  runNode([BIN, typicalRel, '--as-of', AS_OF], { node });
  const runs = [];
  const bareRuns = [];
  for (let i = 0; i < SINGLE_RUNS; i++) {
    runs.push(runNode([BIN, typicalRel, '--as-of', AS_OF], { node }).ms);
    bareRuns.push(runNode(['-e', '0'], { node }).ms);
  }
  log(`single-file audit on Node ${v}: median ${median(runs).toFixed(0)} ms (bare node ${median(bareRuns).toFixed(0)} ms)`);
  return { v, ms: median(runs), bare: median(bareRuns) };
});

// the corpus: audit on all cores, on one, and the parse-only floors, interleaved by round
const out = mkdtempSync(join(tmpdir(), 'wt-bench-out-'));
const runs = { all: [], one: [], parse: [], parseGfm: [] };
const hashes = {};
const auditArgs = (jobs) => [BIN, 'bench/corpus', '--format', 'json', '--as-of', AS_OF, '--jobs', String(jobs)];
for (let round = 1; round <= ROUNDS; round++) {
  const all = runNode(auditArgs(CORES), { stdoutFile: join(out, `all.json`) });
  runs.all.push(all);
  hashes[CORES] = sha256File(join(out, 'all.json'));
  const one = runNode(auditArgs(1), { stdoutFile: join(out, 'one.json') });
  runs.one.push(one);
  hashes[1] = sha256File(join(out, 'one.json'));
  runs.parse.push(runNode([join(ROOT, 'bench', 'parse-only.mjs'), 'bench/corpus']));
  runs.parseGfm.push(runNode([join(ROOT, 'bench', 'parse-only.mjs'), 'bench/corpus', '--gfm']));
  log(
    `round ${round}/${ROUNDS}: all cores ${(all.ms / 1000).toFixed(2)} s, 1 thread ${(one.ms / 1000).toFixed(2)} s, parse-only ${(runs.parse.at(-1).ms / 1000).toFixed(2)} s, parse-only+gfm ${(runs.parseGfm.at(-1).ms / 1000).toFixed(2)} s`,
  );
}
// one more worker count, oversubscribed, only to check the report does not depend on it
const extraJobs = CORES + 1;
runNode(auditArgs(extraJobs), { stdoutFile: join(out, 'extra.json') });
hashes[extraJobs] = sha256File(join(out, 'extra.json'));
const reportBytes = statSync(join(out, 'all.json')).size;
// memory must not grow with the number of files: the same audit over a tenth of the corpus
const tenth = runNode([BIN, ...corpusSlice(Math.max(1, Math.floor(FILES / 10))), '--format', 'json', '--as-of', AS_OF], {
  stdoutFile: join(out, 'tenth.json'),
});
// the terminal report is streamed a document at a time too: its memory must not grow either
const terminal = runNode([BIN, 'bench/corpus', '--as-of', AS_OF], { stdoutFile: join(out, 'terminal.txt') });
rmSync(out, { recursive: true, force: true });
const identical = new Set(Object.values(hashes)).size === 1;

let profileRows = [];
if (PROFILE) profileRows = profileCorpus();

// -------------------------------------------------------------------------------------------------

const m = (xs) => median(xs.map((r) => r.ms));
const allMs = m(runs.all);
const oneMs = m(runs.one);
const parseMs = m(runs.parse);
const parseGfmMs = m(runs.parseGfm);
const peakRss = Math.max(...runs.all.map((r) => r.rssKb)) / 1024;
const peakRssOne = Math.max(...runs.one.map((r) => r.rssKb)) / 1024;
const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;
const reviewRows = await measureReview();
const scaleRows = measureScale(hashes[CORES], allMs);
const packRows = measurePacks();

const rows = [
  [
    `Single-file audit, cold (whole process, median of ${SINGLE_RUNS}), Node ${process.version}`,
    `${median(single).toFixed(0)} ms`,
    '≤ 300 ms',
    verdict(median(single) <= 300),
  ],
  ['  for scale: `wt-audit --version` / bare `node -e 0`', `${median(version).toFixed(0)} ms / ${median(bare).toFixed(0)} ms`, '', ''],
  ...otherNodes.map((o) => [
    `  the same on Node ${o.v} (bare \`node -e 0\`: ${o.bare.toFixed(0)} ms)`,
    `${o.ms.toFixed(0)} ms`,
    '≤ 300 ms',
    verdict(o.ms <= 300),
  ]),
  [`Corpus audit, ${CORES} workers (default): wall time`, secs(allMs), '', ''],
  ['  documents per second', (FILES / (allMs / 1000)).toFixed(0), '', ''],
  ['  MB per second', (corpusMB / (allMs / 1000)).toFixed(2), '', ''],
  [`  peak RSS (whole process, all threads; highest of ${ROUNDS} rounds)`, `${peakRss.toFixed(0)} MB`, '< 300 MB', verdict(peakRss < 300)],
  [`  peak RSS with a tenth of the files (${Math.max(1, Math.floor(FILES / 10))})`, `${(tenth.rssKb / 1024).toFixed(0)} MB`, '', ''],
  ['  peak RSS, terminal report instead of JSON', `${(terminal.rssKb / 1024).toFixed(0)} MB`, '< 300 MB', verdict(terminal.rssKb / 1024 < 300)],
  ['Corpus audit, 1 thread (--jobs 1): wall time', secs(oneMs), '', ''],
  [`  peak RSS (highest of ${ROUNDS} rounds)`, `${peakRssOne.toFixed(0)} MB`, '< 300 MB', ''],
  ['Parse-only floor: remark-parse, 1 thread (whole process)', secs(parseMs), '', ''],
  ["Parse-only: remark-parse + the tool's GFM extensions (its parser), 1 thread", secs(parseGfmMs), '', ''],
  ['**Ratio** corpus audit / parse-only (remark-parse)', (allMs / parseMs).toFixed(2), '≤ 0.70', verdict(allMs / parseMs <= 0.7)],
  ['**Ratio** corpus audit / parse-only (remark-parse + GFM extensions)', (allMs / parseGfmMs).toFixed(2), '≤ 0.70', verdict(allMs / parseGfmMs <= 0.7)],
  [`**Ratio** 1 worker / ${CORES} workers (speed-up)`, (oneMs / allMs).toFixed(2), '', ''],
  [`JSON report identical with --jobs ${Object.keys(hashes).join(', ')}`, identical ? 'yes' : 'NO', 'yes', verdict(identical)],
  ...formatRows,
  ...reviewRows,
  ...scaleRows,
  ...packRows,
];

const table = ['| measure | result | target | |', '|---|---:|---:|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

const when = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const block = [
  '<!-- bench:start (written by `npm run bench`; edit outside the markers) -->',
  `Measured ${when} by \`${COMMAND}\` (${ROUNDS} rounds, medians): ${FILES} generated policies, ${corpusMB.toFixed(2)} MB`,
  `(${(corpus.bytes / FILES / 1024).toFixed(1)} KiB each on average), JSON report ${(reportBytes / 1e6).toFixed(0)} MB; typical policy \`${typicalRel}\`.`,
  `Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memGB} GiB, Node ${machine.node}; load average at start ${machine.load}, at end ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}.`,
  `CLI ${BUNDLED ? 'bundled (dist/bundle/)' : 'unbundled (no up-to-date dist/bundle/)'}.`,
  '',
  table,
  ...(profileRows.length > 0
    ? [
        '',
        `Where the time goes, \`--jobs 1\` over the corpus (\`node --cpu-prof\`, self time by area, ${profileRows.total}):`,
        '',
        '| area | share |',
        '|---|---:|',
        ...profileRows.map((r) => `| ${r[0]} | ${r[1]} |`),
      ]
    : []),
  '<!-- bench:end -->',
].join('\n');

process.stdout.write(`\n${table}\n`);
if (profileRows.length > 0)
  process.stdout.write(`\nwhere the time goes (--jobs 1, ${profileRows.total}):\n${profileRows.map((r) => `  ${r[1].padStart(7)}  ${r[0]}`).join('\n')}\n`);
if (!identical) process.stdout.write(`\nreport hashes by --jobs: ${JSON.stringify(hashes)}\n`);

if (WRITE) {
  let doc = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Benchmark results\n\n<!-- bench:start -->\n<!-- bench:end -->\n';
  const a = doc.indexOf('<!-- bench:start');
  const b = doc.indexOf('<!-- bench:end -->');
  doc = a !== -1 && b !== -1 ? doc.slice(0, a) + block + doc.slice(b + '<!-- bench:end -->'.length) : `${doc.trimEnd()}\n\n${block}\n`;
  writeFileSync(RESULTS, doc);
  log(`\nwrote ${RESULTS.replace(ROOT + '/', '')}`);
}

/**
 * One --jobs 1 run over the corpus under the CPU profiler; self time grouped by area. It runs the
 * unbundled build (same code), whose file names say which part of the tool a function is in.
 */
function profileCorpus() {
  const dir = mkdtempSync(join(tmpdir(), 'wt-bench-prof-'));
  const main = pathToFileURL(join(PKG, 'dist', 'cli', 'main.js')).href;
  const args = JSON.stringify(['node', 'wt-audit', ...auditArgs(1).slice(1)]);
  runNode([
    '--cpu-prof',
    '--cpu-prof-dir',
    dir,
    '--input-type=module',
    '-e',
    `const { main } = await import(${JSON.stringify(main)}); process.exitCode = await main(${args});`,
  ]);
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  const p = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  rmSync(dir, { recursive: true, force: true });
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const area = (url, fn) => {
    if (fn === '(garbage collector)') return 'garbage collection';
    if (fn === '(idle)' || fn === '(program)') return 'idle / VM';
    if (
      /node_modules\/(micromark|mdast-util-from-markdown|mdast-util-gfm|mdast-util-find-and-replace|unist-util|remark-|unified|vfile|decode-named|character-entities|mdast-util-to-string)/.test(
        url,
      )
    )
      return 'Markdown parsing (remark-parse + GFM extensions)';
    if (/node_modules\/yaml\//.test(url)) return 'YAML (front matter)';
    if (/dist\/document\//.test(url)) return 'document model (walk, front matter, text blocks)';
    if (/dist\/audit\/(engine|reference|profile)/.test(url)) return 'engine (results, references, anchors)';
    if (/dist\/match\/(text|phrases|doc-index|negation)\.js/.test(url)) return 'tokenising and phrase scanning (DocIndex)';
    if (/dist\/(match|audit\/evaluate)/.test(url)) return 'checks (near, dates, timescales, outcome)';
    if (/dist\/report\//.test(url) || /node:internal\/(streams|fs)|node:buffer/.test(url)) return 'JSON report (render, write)';
    if (/node:internal\/modules|node:internal\/bootstrap|node:internal\/deps\/cjs/.test(url)) return 'module loading';
    if (/dist\/catalogue\//.test(url)) return 'catalogue load and compile';
    return url === '' ? 'native (file reads, hashing, regexps, …)' : 'other';
  };
  const totals = new Map();
  let sum = 0;
  for (const [id, t] of self) {
    const n = byId.get(id);
    const k = area(n.callFrame.url, n.callFrame.functionName);
    totals.set(k, (totals.get(k) ?? 0) + t);
    sum += t;
  }
  const rows = [...totals].sort((x, y) => y[1] - x[1]).map(([k, t]) => [k, `${((100 * t) / sum).toFixed(1)} %`]);
  rows.total = `${(sum / 1e6).toFixed(1)} s of samples`;
  return rows;
}
