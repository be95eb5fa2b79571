/** Where the package's own files (schemas, the bundled catalogue, the build) live once installed. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Package root: this file is at <root>/dist/util/package-paths.js (or <root>/src/util/… in tests,
 * or <root>/dist/bundle/<chunk>.js once bundled): two folders down in every layout.
 */
export function packageRoot(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

/** A bundled JSON Schema (checks/schema/<name>). */
export function schemaPath(name: string): string {
  return join(packageRoot(), 'checks', 'schema', name);
}
