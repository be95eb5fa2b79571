/**
 * Three projects: `unit` runs in-process tests (most of the suite, seconds; the CLI tests among them,
 * which run the built CLI in a thread of the test process: test/helpers/run-cli.ts), `unit-isolated`
 * the ones that replace modules, `process` the tests that time CPU work, start worker pools that
 * must hang or die, or run a browser (slower, and busy on every core while they run).
 * `npm test` runs all; `npm run test:unit` is the quick loop while editing.
 */
import { defineConfig } from 'vitest/config';

const PROCESS_LEVEL = [
  'test/audit/pool.test.ts',
  'test/report/review-browser.test.ts',
  'test/robustness/batch.test.ts',
  'test/robustness/bad-inputs.test.ts',
  'test/robustness/linear-time.test.ts',
  'test/robustness/file-timeout.test.ts',
  'test/robustness/scaling.test.ts',
];

/** Unit tests that replace a module (vi.mock) need a module registry of their own. */
const MOCKING = ['test/document/load-wrap.test.ts'];

export default defineConfig({
  test: {
    // processes, not threads: runCli changes the working directory for a run (threads cannot)
    pool: 'forks',
    testTimeout: 60_000,
    // two files at a time: Vitest's default on a 2-core machine is one, and the process-level files
    // spend much of their time waiting on the processes they start
    maxWorkers: 2,
    // the HTML reader loads lazily in the tool; tests that parse directly need it loaded first
    setupFiles: ['test/setup-html-reader.ts'],
    projects: [
      // unit test files share one module registry per worker: the sources are imported once, not per file
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...PROCESS_LEVEL, ...MOCKING], isolate: false } },
      { extends: true, test: { name: 'unit-isolated', include: MOCKING } },
      // these files share one module registry per worker too: the sources are imported once, not per file
      { extends: true, test: { name: 'process', include: PROCESS_LEVEL, isolate: false } },
    ],
  },
});
