/** JUnit: parsed back with a real XML parser; a suite per document, a case per requirement; failures follow --fail-on; hostile text survives. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { resultFails } from '../../src/audit/exit-code.js';
import type { DocumentResult } from '../../src/audit/result.js';
import { classNameFor } from '../../src/report/junit.js';
import { auditText } from '../helpers/audit-text.js';
import { render, reportWith } from '../helpers/reports.js';
import { ROOT } from '../helpers/run-cli.js';

interface Case {
  classname: string;
  name: string;
  file: string;
  failure?: { message: string; type: string; '#text': string };
  skipped?: { message: string };
  'system-out'?: string;
}
interface Suite {
  name: string;
  tests: string;
  failures: string;
  skipped: string;
  testcase: Case[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => name === 'testsuite' || name === 'testcase',
  processEntities: true,
  htmlEntities: true,
  trimValues: false,
});

function parse(xml: string): Suite[] {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = parser.parse(xml) as { testsuites: { testsuite?: Suite[] } };
  return doc.testsuites.testsuite ?? [];
}

const thin = readFileSync(join(ROOT, 'samples', 'riverside-juniors-fc-safeguarding.md'), 'utf8');

describe('JUnit reporter', () => {
  const club = auditText(thin, 'sports', undefined, 'partners/riverside.fc/policy.v2.md');

  it('one suite per document and one case per requirement; failures at or above --fail-on, skipped for not applicable', async () => {
    for (const failOn of ['must', 'should', 'none'] as const) {
      const suites = parse(await render('junit', reportWith([club, club], failOn)));
      expect(suites).toHaveLength(2);
      const suite = suites[0]!;
      expect(suite.name).toBe('partners/riverside.fc/policy.v2.md');
      expect(suite.testcase).toHaveLength(club.results.length);
      const failing = club.results.filter((r) => resultFails(r, failOn));
      expect(suite.testcase.filter((c) => c.failure).map((c) => c.name.split(':')[0])).toEqual(failing.map((r) => r.id));
      expect(Number(suite.failures)).toBe(failing.length);
      const na = club.results.filter((r) => r.status === 'not-applicable');
      expect(na.length).toBeGreaterThan(0);
      expect(suite.testcase.filter((c) => c.skipped).map((c) => c.name.split(':')[0])).toEqual(na.map((r) => r.id));
      for (const c of suite.testcase.filter((x) => x.skipped)) expect(c.skipped!.message).toMatch(/^not applicable: does not apply to the sports profile/);
      expect(Number(suite.skipped)).toBe(na.length);
    }
  });

  it('a failure names the status, the place, the fix and the reference', async () => {
    const suite = parse(await render('junit', reportWith([club])))[0]!;
    const r = club.results.find((x) => resultFails(x, 'must') && x.anchor?.kind === 'heading')!;
    const c = suite.testcase.find((x) => x.name.startsWith(`${r.id}:`))!;
    expect(c.failure!.type).toBe(r.status);
    expect(c.failure!['#text']).toContain(`partners/riverside.fc/policy.v2.md:${r.anchor!.line}`);
    expect(c.failure!['#text']).toContain(`Ref: ${r.reference}`);
  });

  it('class names carry no file-extension dots', async () => {
    const suite = parse(await render('junit', reportWith([club])))[0]!;
    for (const c of suite.testcase) expect(c.classname).toBe('partners.riverside_fc.policy_v2');
    expect(classNameFor('a/b.md')).toBe('a.b');
    expect(classNameFor('../x/y.yaml')).toBe('x.y');
    expect(classNameFor('README')).toBe('README');
  });

  it('removes characters XML forbids and escapes the rest, so the text parses back as it was', async () => {
    const evil = 'Tom & "Jerry" <script>\u0001\u0008\u000B\u001F\uFFFE\uD800 ok 😀 \'quoted\' ]]>';
    const doc: DocumentResult = { ...club, path: `x/${evil}.md`, results: club.results.map((r) => ({ ...r, title: evil, message: `${evil}\nsecond line` })) };
    const xml = await render('junit', reportWith([doc], 'should', [{ path: `bad${evil}.yaml`, line: 2, message: evil }]));
    const suites = parse(xml);
    const clean = 'Tom & "Jerry" <script> ok 😀 \'quoted\' ]]>';
    expect(suites[0]!.name).toBe(`x/${clean}.md`);
    expect(suites[0]!.testcase[0]!.name).toContain(clean);
    const failed = suites[0]!.testcase.find((c) => c.failure)!;
    expect(failed.failure!.message).toContain(`${clean}\nsecond line`);
    // the input error is a suite of its own with an errored case
    expect(suites[1]!.name).toBe(`bad${clean}.yaml`);
    // eslint-disable-next-line no-control-regex -- the characters that must not be there
    expect(xml).not.toMatch(/[\u0001\u0008\u000B\u001F\uFFFE]/);
  });

  it('the same results give the same bytes', async () => {
    expect(await render('junit', reportWith([club]))).toBe(await render('junit', reportWith([club])));
  });
});
