/** The review as a result sink gives the same bytes as rendering the whole report. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../src/audit/run.js';
import { renderReviewHtml } from '../../src/report/review-html.js';
import { renderReviewMarkdown } from '../../src/report/review-markdown.js';
import { ReviewReporter } from '../../src/report/review-reporter.js';
import { TEST_AS_OF } from '../helpers/audit-text.js';
import { ROOT } from '../helpers/run-cli.js';

describe('ReviewReporter', () => {
  const files = {
    files: ['samples/riverside-juniors-fc-safeguarding.md', 'samples/northgate-youth-theatre.yaml', 'samples/missing.md'].map((f) => join(ROOT, f)),
    errors: [],
  };
  const run = { asOf: TEST_AS_OF, failOn: 'must' as const, jobs: 1 };

  for (const format of ['html', 'md'] as const) {
    it(`${format}: streamed by the audit, the same bytes as the whole report rendered`, async () => {
      const { report } = await auditFiles(files, run);
      expect(report.documents).toHaveLength(2);
      expect(report.errors).toHaveLength(1);
      const chunks: string[] = [];
      await auditFiles(files, run, new ReviewReporter((c) => void chunks.push(typeof c === 'string' ? c : new TextDecoder().decode(c)), format));
      expect(chunks.join('')).toBe(format === 'html' ? renderReviewHtml(report) : renderReviewMarkdown(report));
    });
  }
});
