/**
 * Property-based tests (fast-check, fixed seed): whatever bytes arrive,
 *   - reading them gives a document or an InputError, never another exception;
 *   - the audit report built from the outcome is valid against checks/schema/report.schema.json;
 *   - the same bytes give the same report, byte for byte.
 * The bytes are random, or random sequences of Markdown and YAML syntax (so that the parsers get
 * past their first character), in UTF-8, UTF-16 or with junk appended.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { auditFile, type RunOptions } from '../../src/audit/audit-file.js';
import { emptyReport } from '../../src/audit/run.js';
import type { AuditReport } from '../../src/audit/result.js';
import { PROFILES, type Profile } from '../../src/catalogue/types.js';
import { policyFromBytes } from '../../src/document/load.js';
import { InputError, type PolicyFormat } from '../../src/document/model.js';
import { renderJson } from '../../src/report/json.js';
import { catalogue } from '../helpers/audit-text.js';
import { reportValidator } from '../helpers/report.js';

/** Fixed, so a failure is reproducible; fast-check prints the counterexample and the path to it. */
const SEED = 20260318;

const MARKDOWN = [
  '# ',
  '## ',
  '#',
  '\n',
  '\n\n',
  '- ',
  '* ',
  '+ ',
  '1. ',
  '2) ',
  '> ',
  '    ',
  '\t',
  '---\n',
  '***',
  '___',
  '===\n',
  '*',
  '**',
  '_',
  '__',
  '~~',
  '`',
  '```\n',
  '~~~',
  '[',
  ']',
  '(',
  ')',
  '![',
  '[^1]',
  '[^1]: ',
  '<',
  '>',
  '</',
  '<div>',
  '</div>',
  '<!--',
  '-->',
  '<br>',
  '&amp;',
  '&#',
  ';',
  '|',
  '| --- |',
  ':::',
  '::: note',
  '!!! note',
  '???',
  '{{',
  '}}',
  '{%',
  '%}',
  '${',
  '[insert name]',
  '____',
  'https://www.nspcc.org.uk',
  'www.',
  '@',
  'dsl@example.org',
  '0113 496 0000',
  'Jane Smith',
  'safeguarding',
  'designated safeguarding lead',
  'LADO',
  'LSCB',
  'not',
  'never',
  'within 1 working day',
  'within 5 working days',
  '2026-09-01',
  '1 September 2026',
  'Next review: ',
  'Working Together 2018',
  'report',
  'concern',
  'child',
  'é',
  '’',
  '\u00a0',
  '\u2028',
  '\r\n',
  '\r',
  ' ',
  '.',
  ',',
  ':',
  'a',
  '1',
];
const YAML = [
  'policy:',
  'sections:',
  'organisation:',
  'type:',
  'leads:',
  'heading:',
  'text:',
  'role:',
  'name:',
  'phone:',
  'review_by:',
  '\n',
  '  ',
  '    ',
  '- ',
  '? ',
  ': ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '"',
  "'",
  '|',
  '>',
  '|-',
  '&a ',
  '*a',
  '!!str ',
  '#',
  '---\n',
  '...\n',
  '%YAML 1.2\n',
  'null',
  '~',
  'true',
  '2026-09-01',
  '0x1F',
  '1e9',
  'Report concerns to the DSL.',
  'sports',
  'designated safeguarding lead',
  '\t',
  '\r\n',
  'é',
  '\u0085',
  '\ufeff',
];

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
function utf16(s: string, bigEndian: boolean): Uint8Array {
  const b = Buffer.from(`\uFEFF${s}`, 'utf16le');
  return new Uint8Array(bigEndian ? b.swap16() : b);
}
const concat = (a: Uint8Array, b: Uint8Array): Uint8Array => new Uint8Array([...a, ...b]);

const tokens = (alphabet: string[]) =>
  fc
    .array(fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...alphabet) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), { maxLength: 80 })
    .map((parts) => parts.join(''));

/** A YAML policy that mostly keeps to the schema: headings, texts (plain, quoted or block) and nesting. */
const scalar = fc.oneof(
  tokens(MARKDOWN).map((s) => JSON.stringify(s)),
  fc.constantFrom(
    'Report concerns to the DSL.',
    '"Designated safeguarding lead: Jane Smith, 0113 496 0000"',
    'within 1 working day',
    'null',
    "'[insert name]'",
  ),
);
const blockText = tokens(MARKDOWN).map(
  (s) =>
    `|\n${s
      .split(/\r?\n|\r/)
      .map((l) => `          ${l}`)
      .join('\n')}`,
);
const leaf = fc.record({ heading: scalar, text: fc.oneof(scalar, blockText) });
const section = fc.record({ heading: scalar, text: fc.oneof(scalar, blockText), children: fc.array(leaf, { maxLength: 3 }) });
const yamlPolicy = fc
  .record({
    organisation: scalar,
    type: fc.constantFrom(...PROFILES, 'charity', 'unknown'),
    sections: fc.array(section, { maxLength: 5 }),
    splice: fc.option(fc.tuple(fc.nat(), fc.constantFrom(...YAML))),
  })
  .map(({ organisation, type, sections, splice }) => {
    let out = `policy:\n  organisation: ${organisation}\n  type: ${type}\n  leads:\n    - role: designated safeguarding lead\n      name: Jane Smith\nsections:${sections.length === 0 ? ' []' : ''}\n`;
    for (const s of sections) {
      out += `  - heading: ${s.heading}\n    text: ${s.text}\n`;
      if (s.children.length > 0) out += `    sections:\n${s.children.map((c) => `      - heading: ${c.heading}\n        text: ${c.text}\n`).join('')}`;
    }
    // sometimes one stray token, to step just off the schema
    if (splice) out = out.slice(0, splice[0] % (out.length + 1)) + splice[1] + out.slice(splice[0] % (out.length + 1));
    return out;
  });

const text = fc.oneof(tokens(MARKDOWN), tokens(YAML), yamlPolicy);

/** Bytes as files arrive: random, text in some encoding, or text with junk after it. */
const bytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 400 }),
  text.map(utf8),
  text.map((s) => concat(new Uint8Array([0xef, 0xbb, 0xbf]), utf8(s))),
  fc.tuple(text, fc.boolean()).map(([s, be]) => utf16(s, be)),
  fc.tuple(text, fc.uint8Array({ maxLength: 24 })).map(([s, junk]) => concat(utf8(s), junk)),
);
const format = fc.constantFrom<PolicyFormat>('markdown', 'yaml');
/** Bytes and the format they are read as: anything as either, and text aimed at its own parser. */
const input: fc.Arbitrary<[Uint8Array, PolicyFormat]> = fc.oneof(
  fc.tuple(bytes, format),
  fc.tuple(yamlPolicy.map(utf8), fc.constant<PolicyFormat>('yaml')),
  fc.tuple(tokens(MARKDOWN).map(utf8), fc.constant<PolicyFormat>('markdown')),
);
const profile = fc.constantFrom<Profile>(...PROFILES);
const asOf = fc.constantFrom('2026-03-18', '2026-11-01', '2030-01-01');

const validateReport = reportValidator();

const dir = mkdtempSync(join(tmpdir(), 'wt-audit-prop-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let fileNo = 0;
/** Audit bytes as a file the way the CLI does (auditFile: read, parse, audit, errors as entries). */
async function reportFor(data: Uint8Array, fmt: PolicyFormat, run: RunOptions & { profile?: Profile }): Promise<string> {
  const path = join(dir, `p${fileNo++}.${fmt === 'markdown' ? 'md' : 'yaml'}`);
  writeFileSync(path, data);
  const report: AuditReport = emptyReport(catalogue(), run);
  const outcome = await auditFile(path, catalogue(), run);
  if (outcome.document) report.documents.push({ ...outcome.document, path: `policy.${fmt}` });
  report.errors.push(...outcome.errors.map((e) => ({ ...e, path: `policy.${fmt}` })));
  report.warnings.push(...outcome.warnings.map((e) => ({ ...e, path: `policy.${fmt}` })));
  return renderJson(report);
}

describe('properties over any bytes', () => {
  it('reading gives a document or an InputError (one line, with a real place), never another exception', () => {
    fc.assert(
      fc.property(input, ([data, fmt]) => {
        try {
          const doc = policyFromBytes(`policy.${fmt}`, data, fmt);
          expect(doc.blocks.length).toBeGreaterThan(0);
          for (const b of doc.blocks) expect(b.line).toBeGreaterThanOrEqual(1);
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          expect(e.message).not.toContain('\n');
          expect(e.message.length).toBeGreaterThan(0);
          if (e.line !== undefined) expect(e.line).toBeGreaterThanOrEqual(1);
          if (e.column !== undefined) expect(e.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('the report of any outcome is valid against the report schema', async () => {
    await fc.assert(
      fc.asyncProperty(input, profile, asOf, async ([data, fmt], p, day) => {
        const json = await reportFor(data, fmt, { asOf: day, failOn: 'must', profile: p });
        const ok = validateReport(JSON.parse(json));
        expect(validateReport.errors ?? []).toEqual([]);
        expect(ok).toBe(true);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('the same bytes give the same report, byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(input, async ([data, fmt]) => {
        const run = { asOf: '2026-11-01', failOn: 'must' as const };
        const first = await reportFor(data, fmt, run);
        const second = await reportFor(data, fmt, run);
        expect(second).toBe(first);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});
