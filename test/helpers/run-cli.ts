/**
 * Runs the built CLI and captures what it prints. `runCli` runs it in a worker thread of the test
 * process (the built CLI is loaded once, not per run: a run costs milliseconds, not a Node start);
 * `runCliProcess` starts `node bin/wt-audit.js` as a user would. Use `runCliProcess` only where a
 * real process is what is being tested: the bin script itself, another user, signals, a pipe the
 * reader closes, memory limits.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

export const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'wt-audit.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** run as another user: lets a test run as root still meet a folder it cannot read (always a real process) */
  user?: { uid: number; gid: number };
}

/** What every run sees: the test process's environment, colour off unless a test turns it on. */
function runEnv(env: CliOptions['env']): Record<string, string> {
  const all: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...env };
  return Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined));
}

/** Start `node bin/wt-audit.js …` and wait for it. */
export function runCliProcess(args: string[], opts: CliOptions = {}): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    ...(opts.user ?? {}),
    encoding: 'utf8',
    env: runEnv(opts.env),
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The module the bin script would load: the bundle unless the compiled files are newer (as bin/wt-audit.js decides). */
function cliEntry(): string {
  const mtime = (rel: string): number => statSync(join(ROOT, rel), { throwIfNoEntry: false })?.mtimeMs ?? -1;
  const bundled = mtime('dist/bundle/wt-audit.js') >= mtime('dist/cli/main.js');
  return pathToFileURL(join(ROOT, bundled ? 'dist/bundle/wt-audit.js' : 'dist/cli/main.js')).href;
}

let thread: Worker | undefined;

/** A run that has not finished in this time is reported as a failure, not waited on for ever. */
const RUN_LIMIT_MS = 120_000;

/**
 * Run the CLI in this process, as `wt-audit args…` from `cwd`. Synchronous like the process runner:
 * this thread waits while the CLI's thread works. The working directory is changed for the run
 * (the CLI resolves relative paths against the process's), so test files must not run tests concurrently.
 */
export function runCli(args: string[], opts: CliOptions = {}): CliRun {
  if (opts.user) return runCliProcess(args, opts);
  if (!thread) {
    thread = new Worker(new URL('./cli-thread.mjs', import.meta.url), { workerData: { entry: cliEntry() } });
    thread.unref();
  }
  const { port1, port2 } = new MessageChannel();
  const done = new Int32Array(new SharedArrayBuffer(4));
  const before = process.cwd();
  process.chdir(opts.cwd ?? ROOT);
  try {
    thread.postMessage({ args, env: runEnv(opts.env), port: port2, done }, [port2]);
    const waited = Atomics.wait(done, 0, 0, RUN_LIMIT_MS);
    const reply = receiveMessageOnPort(port1);
    if (waited === 'timed-out' || !reply) {
      void thread.terminate();
      thread = undefined;
      throw new Error(`wt-audit ${args.join(' ')}: no answer from the CLI thread within ${RUN_LIMIT_MS / 1000} s`);
    }
    return reply.message as CliRun;
  } finally {
    port1.close();
    process.chdir(before);
  }
}
