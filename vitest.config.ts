/**
 * Two projects: `unit` runs in-process tests (most of the suite, seconds), `process` the tests that
 * start the CLI, child processes or worker threads (slower, and busy on every core while they run).
 * `npm test` runs both; `npx vitest run --project unit` is the quick loop while editing.
 */
import { defineConfig } from 'vitest/config';

const PROCESS_LEVEL = ['test/audit/pool.test.ts', 'test/report/review-browser.test.ts', 'test/cli/**/*.test.ts', 'test/robustness/batch.test.ts', 'test/robustness/bad-inputs.test.ts', 'test/robustness/linear-time.test.ts', 'test/robustness/file-timeout.test.ts', 'test/robustness/scaling.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    // the HTML reader loads lazily in the tool; tests that parse directly need it loaded first
    setupFiles: ['test/setup-html-reader.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: PROCESS_LEVEL } },
      { extends: true, test: { name: 'process', include: PROCESS_LEVEL } },
    ],
  },
});
