/**
 * The audit command's I/O around the audit: expand the paths, refuse an --output that is one of
 * the inputs, then audit the files into the chosen report writer.
 */
import { statSync } from 'node:fs';
import { posix, relative, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import { auditFiles, type AuditRun, type FoundFiles, type ResultSink } from '../audit/run.js';
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
  /** --pack-by dir: each subfolder of a folder input is one organisation's pack (packs.ts) */
  packBy?: 'dir';
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
  let found: FoundFiles = { ...discovered, files: withoutIgnored(discovered.files, cmd.ignore) };
  if (cmd.packBy === 'dir') {
    const plan = (await import('./packs.js')).planPacks(paths, found.files, process.cwd());
    // a pack is sliced whole, by its folder
    const packs = filesOfShard(plan.packs, cmd.shard, (p) => keyOf(p.path));
    const kept = new Set(packs.flatMap((p) => p.files));
    const files = cmd.shard ? plan.files.filter((f) => kept.has(f)) : plan.files;
    found = { files, errors: [...found.errors, ...plan.errors], warnings: plan.warnings, packs };
  } else {
    // the shard is taken after the ignore globs, so that every shard leaves out the same files
    found = { ...found, files: filesOfShard(found.files, cmd.shard, keyOf) };
  }
  for (const out of cmd.outputs ?? []) {
    const clash = outputAmongInputs(out.path, found.files);
    if (clash !== undefined)
      throw new OutputIsInputError(`${out.flag} is one of the policies being audited (${clash}); choose another file, inputs are never overwritten`);
  }
  return auditFiles(found, cmd, sink);
}
