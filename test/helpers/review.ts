/** Test helpers for the review reports: a real report of the samples, audited in this thread. */
import { join } from 'node:path';
import { auditFiles } from '../../src/audit/run.js';
import type { AuditReport } from '../../src/audit/result.js';
import { TEST_AS_OF } from './audit-text.js';
import { ROOT } from './run-cli.js';

export const SAMPLES = [
  'hope-community-trust-2018.md',
  'northgate-youth-theatre.yaml',
  'riverside-juniors-fc-safeguarding.md',
  'st-aidans-primary-child-protection.md',
  'westshire-safeguarding-partnership-arrangements.md',
];

export const HOSTILE = ['test/report/fixtures/hostile-policy.md', 'test/report/fixtures/hostile-policy.yaml'];

/** The whole report of these files (paths relative to the repository), as the CLI would make it. */
export async function reportOfFiles(files: string[], asOf = TEST_AS_OF): Promise<AuditReport> {
  const { report } = await auditFiles({ files: files.map((f) => join(ROOT, f)), errors: [] }, { asOf, failOn: 'must', jobs: 1 });
  // paths as a user in the repository would give them, so the output does not depend on where it is checked out
  return { ...report, documents: report.documents.map((d) => ({ ...d, path: d.path.slice(ROOT.length + 1) })) };
}

export function samplePath(name: string): string {
  return `samples/${name}`;
}
