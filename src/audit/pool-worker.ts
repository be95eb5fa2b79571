/**
 * A worker thread of the audit pool (pool.ts): compiles the catalogue once, says it is ready with
 * the catalogue's hash, then audits the files it is sent, one at a time and in the order sent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadCatalogue } from '../catalogue/load.js';
import type { WorkerConfig, WorkerMessage, WorkerTask } from './pool.js';
import { auditFileResult } from './run.js';

const port = parentPort;
if (!port) throw new Error('pool-worker.js runs as a worker thread of the audit pool');
const config = workerData as WorkerConfig;
const catalogue = loadCatalogue(config.catalogueDir);
port.postMessage({ type: 'ready', sha256: catalogue.sha256 } satisfies WorkerMessage);

const queue: WorkerTask[] = [];
let busy = false;

async function drain(): Promise<void> {
  if (busy) return;
  busy = true;
  for (let task = queue.shift(); task; task = queue.shift()) {
    const result = await auditFileResult(task.path, catalogue, config.run, config.form);
    port!.postMessage({ type: 'result', index: task.index, result } satisfies WorkerMessage, result.json ? [result.json.buffer as ArrayBuffer] : []);
  }
  busy = false;
}

port.on('message', (task: WorkerTask) => {
  queue.push(task);
  void drain();
});
