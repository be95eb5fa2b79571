// The CLI in a worker thread of the test process (see run-cli.ts): it loads the built CLI once and
// then runs one command per message, with its output captured and its environment set for the run.
import { Writable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';

const { main } = await import(workerData.entry);

/** A stream that keeps what is written to it. */
function collector() {
  const chunks = [];
  const stream = new Writable({
    highWaterMark: 1 << 30,
    write(chunk, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** Make this thread's environment (a copy of its own: the test process's is not touched) exactly `env`. */
function setEnv(env) {
  for (const k of Object.keys(process.env)) if (!(k in env)) delete process.env[k];
  Object.assign(process.env, env);
}

const original = { ...process.env };

// a run that ended the process would end this thread instead, and its caller would wait in vain
process.exit = (code) => {
  throw new Error(`the CLI called process.exit(${code}); it must return its exit code instead`);
};

parentPort.on('message', async ({ args, env, port, done }) => {
  const out = collector();
  const err = collector();
  // the audit's worker threads copy this thread's environment when they start (test hooks read it there)
  setEnv(env);
  let result;
  try {
    const code = await main([process.execPath, 'wt-audit', ...args], { env: process.env, stdout: out.stream, stderr: err.stream });
    result = { code, stdout: out.text(), stderr: err.text() };
  } catch (e) {
    result = { code: -1, stdout: out.text(), stderr: `${err.text()}${e?.stack ?? e}` };
  } finally {
    setEnv(original);
  }
  port.postMessage(result);
  port.close();
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
});
