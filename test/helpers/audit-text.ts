/** Test helper: audit a Markdown snippet against the bundled catalogue, as a given profile. */
import { loadCatalogue } from '../../src/catalogue/load.js';
import type { CompiledCatalogue } from '../../src/catalogue/compiled.js';
import type { Profile } from '../../src/catalogue/types.js';
import { auditDocument } from '../../src/audit/engine.js';
import type { DocumentResult, RequirementResult } from '../../src/audit/result.js';
import { parseMarkdown } from '../../src/document/markdown.js';

let cached: CompiledCatalogue | undefined;

export function catalogue(): CompiledCatalogue {
  cached ??= loadCatalogue();
  return cached;
}

export const TEST_AS_OF = '2026-11-01';

export function auditText(markdown: string, profile: Profile = 'vcse', asOf = TEST_AS_OF, path = 'example.md'): DocumentResult {
  const doc = { ...parseMarkdown(path, markdown), sha256: '0'.repeat(64) };
  return auditDocument(catalogue(), doc, { profile, profileSource: 'cli', asOf });
}

export function resultFor(markdown: string, id: string, profile: Profile = 'vcse', asOf = TEST_AS_OF): RequirementResult {
  const r = auditText(markdown, profile, asOf).results.find((x) => x.id === id);
  if (!r) throw new Error(`no result for ${id}`);
  return r;
}
