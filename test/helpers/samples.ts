/**
 * The bundled top-level samples (samples/*.md, samples/*.yaml): what the tests that audit "the
 * samples" mean. samples/partners/ (one folder per partner's pack) is left out: it has its own test.
 */
import { cpSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './run-cli.js';

const DIR = join(ROOT, 'samples');

/** The sample policies as paths relative to the repository root ("samples/…"), sorted; no README. */
export const SAMPLE_FILES: string[] = readdirSync(DIR, { withFileTypes: true })
  .filter((e) => e.isFile() && !/^readme/i.test(e.name))
  .map((e) => `samples/${e.name}`)
  .sort();

/** Copies samples/ into `to` without its subfolders (the partner packs). */
export function copySamples(to: string): void {
  cpSync(DIR, to, { recursive: true, filter: (src) => src === DIR || statSync(src).isFile() });
}
