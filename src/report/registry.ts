/**
 * The reporters by format name. Each lives in its own module (report/<format>.ts), loaded only
 * when a run asks for it, and is made the same way: create(write, context) gives a Reporter that
 * writes its whole report through `write`.
 */
import type { Reporter, ReportContext } from './reporter.js';
import type { Sink } from './pipelined-write.js';

export const FORMATS = ['terminal', 'json', 'sarif', 'junit', 'github', 'csv', 'markdown', 'html', 'md'] as const;
export type Format = (typeof FORMATS)[number];

export interface ReporterEntry {
  /** one line for --help */
  description: string;
  create(write: Sink, ctx: ReportContext): Promise<Reporter>;
}

export const REPORTERS: Readonly<Record<Format, ReporterEntry>> = {
  terminal: {
    description: 'the human-readable report (default)',
    create: async (write, ctx) => new (await import('./terminal.js')).TerminalReportWriter(write, { quiet: ctx.quiet, color: ctx.color }),
  },
  json: {
    description: 'the versioned JSON report (checks/schema/report.schema.json)',
    create: async (write) => new (await import('./json.js')).JsonReportWriter(write),
  },
  sarif: {
    description: 'SARIF 2.1.0 for code scanning (findings only)',
    create: async (write, ctx) => new (await import('./sarif.js')).SarifReporter(write, ctx),
  },
  junit: {
    description: 'JUnit XML: a test suite per document, a test case per applicable requirement',
    create: async (write, ctx) => new (await import('./junit.js')).JunitReporter(write, ctx),
  },
  github: {
    description: 'GitHub Actions annotations, and a step summary when $GITHUB_STEP_SUMMARY is set',
    create: async (write, ctx) => new (await import('./github.js')).GithubReporter(write, ctx),
  },
  csv: {
    description: 'a spreadsheet: a row per document, a column per requirement',
    create: async (write, ctx) => new (await import('./csv.js')).CsvReporter(write, ctx),
  },
  markdown: {
    description: 'a short Markdown summary for a pull-request comment',
    create: async (write, ctx) => new (await import('./markdown.js')).MarkdownReporter(write, ctx),
  },
  html: {
    description: 'the review for people: one self-contained, printable HTML file (held until the run ends)',
    create: async (write) => new (await import('./review-reporter.js')).ReviewReporter(write, 'html'),
  },
  md: {
    description: 'the same review in Markdown (the whole review; "markdown" is the short summary)',
    create: async (write) => new (await import('./review-reporter.js')).ReviewReporter(write, 'md'),
  },
};

export function isFormat(name: string): name is Format {
  return (FORMATS as readonly string[]).includes(name);
}

export function createReporter(format: Format, write: Sink, ctx: ReportContext): Promise<Reporter> {
  return REPORTERS[format].create(write, ctx);
}
