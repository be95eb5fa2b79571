/**
 * The audit command's I/O around the audit: expand the paths, refuse an --output that is one of
 * the inputs, then audit the files into the chosen report writer.
 */
import { statSync } from 'node:fs';
import { posix, relative, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import { auditFiles, type AuditRun, type ResultSink } from '../audit/run.js';
import type { AuditReport } from '../audit/result.js';
import { discover } from './discover.js';
import { filesOfShard, keyOf } from '../audit/shard.js';

/** --output names one of the files being audited: refused, so that no input is ever overwritten. */
export class OutputIsInputError extends Error {}

/** A file's identity, or undefined when it cannot be had (missing, a link loop, no permission). */
function identity(path: string): { dev: number; ino: number } | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined; // such an input becomes its own error entry when it is read
  }
}

/** Is `output` (when it exists) the same file as one of `inputs` (by device and inode: links too)? */
export function outputAmongInputs(output: string, inputs: string[]): string | undefined {
  const target = identity(output);
  if (!target) return undefined;
  return inputs.find((f) => {
    const s = identity(f);
    return s !== undefined && s.dev === target.dev && s.ino === target.ino;
  });
}

export interface AuditCommand extends AuditRun {
  /** files reports are being written to (--output, --report F=PATH), each with its flag: none may be one of the inputs */
  outputs?: Array<{ path: string; flag: string }>;
  /** files not to audit: globs relative to `base` (the configuration file's folder) */
  ignore?: { base: string; patterns: string[] };
}

const require = createRequire(import.meta.url);

/** Leave out the files an ignore glob matches. */
function withoutIgnored(files: string[], ignore: AuditCommand['ignore']): string[] {
  if (!ignore || ignore.patterns.length === 0) return files;
  // required only by a run with ignore globs
  const picomatch = require('picomatch') as typeof import('picomatch');
  const match = picomatch(ignore.patterns, { dot: true });
  return files.filter((f) => !match(relative(ignore.base, resolve(f)).split(sep).join(posix.sep)));
}

export async function auditPaths(paths: string[], cmd: AuditCommand, sink?: ResultSink): Promise<{ report: AuditReport; exit: number }> {
  const discovered = await discover(paths);
  // the shard is taken after the ignore globs, so that every shard leaves out the same files
  const found = { ...discovered, files: filesOfShard(withoutIgnored(discovered.files, cmd.ignore), cmd.shard, keyOf) };
  for (const out of cmd.outputs ?? []) {
    const clash = outputAmongInputs(out.path, found.files);
    if (clash !== undefined)
      throw new OutputIsInputError(`${out.flag} is one of the policies being audited (${clash}); choose another file, inputs are never overwritten`);
  }
  return auditFiles(found, cmd, sink);
}
