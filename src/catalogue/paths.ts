/** Where the bundled catalogue lives, relative to the installed package. */
import { join } from 'node:path';
import { packageRoot } from '../util/package-paths.js';

export function defaultCatalogueDir(): string {
  return join(packageRoot(), 'checks', 'wt2026');
}
