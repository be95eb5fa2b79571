/**
 * The audit command's I/O around the audit: expand the paths, refuse an --output that is one of
 * the inputs, then audit the files into the chosen report writer.
 */
import { statSync } from 'node:fs';
import { auditFiles, type AuditRun, type ResultSink } from '../audit/run.js';
import type { AuditReport } from '../audit/result.js';
import { discover } from './discover.js';

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
  /** where the report is being written (--output): it must not be one of the inputs */
  output?: string;
}

export async function auditPaths(paths: string[], cmd: AuditCommand, sink?: ResultSink): Promise<{ report: AuditReport; exit: number }> {
  const found = await discover(paths);
  const clash = cmd.output !== undefined ? outputAmongInputs(cmd.output, found.files) : undefined;
  if (clash !== undefined) throw new OutputIsInputError(`--output ${cmd.output} is one of the policies being audited (${clash}); choose another file, inputs are never overwritten`);
  return auditFiles(found, cmd, sink);
}
