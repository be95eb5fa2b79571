/** Where the bundled catalogue and schemas live, relative to the installed package. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Package root: this file is at <root>/dist/catalogue/paths.js (or <root>/src/catalogue/paths.ts in tests). */
export function packageRoot(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

export function defaultCatalogueDir(): string {
  return join(packageRoot(), 'checks', 'wt2026');
}

export function schemaPath(name: string): string {
  return join(packageRoot(), 'checks', 'schema', name);
}

/** The editions in force a catalogue's currency checks read: editions.yaml beside the catalogue folder, else the bundled one. */
export function editionsPathFor(catalogueDir: string): string {
  const beside = join(dirname(catalogueDir), 'editions.yaml');
  return existsSync(beside) ? beside : join(packageRoot(), 'checks', 'editions.yaml');
}
