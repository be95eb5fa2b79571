/**
 * A worker thread of the audit pool (pool.ts): compiles the catalogue once (with the same local
 * requirements and switch-offs as the main thread), says it is ready with
 * the catalogue's hash, then audits the files it is sent, one at a time and in the order sent,
 * reading each as soon as it arrives.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadRunCatalogue } from '../catalogue/local.js';
import type { WorkerConfig, WorkerMessage, WorkerTask } from './pool.js';
import { auditFileResult, hangForTests, readAhead, type PendingRead } from './audit-file.js';

const port = parentPort;
if (!port) throw new Error('pool-worker.js runs as a worker thread of the audit pool');
const config = workerData as WorkerConfig;
const catalogue = loadRunCatalogue(config.catalogueDir, config.local);
port.postMessage({ type: 'ready', sha256: catalogue.sha256 } satisfies WorkerMessage);

/** Tasks in order, each with its file already being read (the pool sends at most a couple ahead). */
const queue: Array<{ task: WorkerTask; read: PendingRead }> = [];
let busy = false;

async function drain(): Promise<void> {
  if (busy) return;
  busy = true;
  for (let next = queue.shift(); next; next = queue.shift()) {
    const { task, read } = next;
    // the pool's clock for this file starts now (--file-timeout)
    port!.postMessage({ type: 'started', index: task.index } satisfies WorkerMessage);
    // tests only: stuck where this thread's own deadline does not reach, so that the pool must end it
    hangForTests(task.path, 'WT_AUDIT_TEST_HANG_WORKER');
    const result = await auditFileResult(task.path, catalogue, config.run, config.form, read);
    port!.postMessage({ type: 'result', index: task.index, result } satisfies WorkerMessage, result.json ? [result.json.buffer as ArrayBuffer] : []);
  }
  busy = false;
}

port.on('message', (task: WorkerTask) => {
  queue.push({ task, read: readAhead(task.path, config.run) });
  void drain();
});
