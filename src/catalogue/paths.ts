/** Where the bundled catalogue lives, relative to the installed package. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { packageRoot } from '../util/package-paths.js';

export function defaultCatalogueDir(): string {
  return join(packageRoot(), 'checks', 'wt2026');
}

/** The editions in force a catalogue's currency checks read: editions.yaml beside the catalogue folder, else the bundled one. */
export function editionsPathFor(catalogueDir: string): string {
  const beside = join(dirname(catalogueDir), 'editions.yaml');
  return existsSync(beside) ? beside : join(packageRoot(), 'checks', 'editions.yaml');
}
