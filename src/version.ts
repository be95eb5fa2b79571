/** The tool's own name and version, read from package.json once. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './util/package-paths.js';

let cached: string | undefined;

export const TOOL_NAME = 'wt-audit';

export function toolVersion(): string {
  cached ??= (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return cached;
}
