/** SARIF: valid against the shipped 2.1.0 schema, findings only, every result located, fingerprints that survive moved lines. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resultFails } from '../../src/audit/exit-code.js';
import { FINGERPRINT_KEY, URI_BASE_ID } from '../../src/report/sarif.js';
import { auditText } from '../helpers/audit-text.js';
import { render, reportWith, validateSarif } from '../helpers/reports.js';
import { ROOT } from '../helpers/run-cli.js';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number } } }>;
  partialFingerprints: Record<string, string>;
  properties: { status: string };
}
interface SarifLog {
  runs: Array<{
    tool: {
      driver: { rules: Array<{ id: string; shortDescription: { text: string }; fullDescription: { text: string }; helpUri: string; help: { text: string } }> };
    };
    automationDetails: { id: string };
    results: SarifResult[];
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: unknown[] }>;
  }>;
}

const sample = (name: string) => readFileSync(join(ROOT, 'samples', name), 'utf8');
const thin = sample('riverside-juniors-fc-safeguarding.md');
const strong = sample('st-aidans-primary-child-protection.md');

async function sarifOf(...args: Parameters<typeof reportWith>): Promise<SarifLog> {
  const text = await render('sarif', reportWith(...args));
  const log = JSON.parse(text) as SarifLog;
  expect(validateSarif(log)).toEqual([]);
  return log;
}

describe('SARIF reporter', () => {
  const club = auditText(thin, 'sports', undefined, 'partners/riverside fc/policy.md');
  const school = auditText(strong, 'school', undefined, 'partners/st-aidans.md');

  it('validates against the SARIF 2.1.0 schema, with no documents, with documents, and with errors and warnings', async () => {
    await sarifOf([]);
    await sarifOf([club, school]);
    const log = await sarifOf(
      [club],
      'should',
      [{ path: 'bad.yaml', line: 3, column: 2, message: 'invalid YAML' }],
      [{ path: 'partners/st-aidans.md', message: 'unknown type' }],
    );
    expect(log.runs[0]!.invocations[0]!.executionSuccessful).toBe(false);
    expect(log.runs[0]!.invocations[0]!.toolExecutionNotifications).toHaveLength(2);
    // the validator rejects what the schema forbids: a result without a message, a region at line 0
    const broken = structuredClone(log);
    delete (broken.runs[0]!.results[0] as Partial<SarifResult>).message;
    broken.runs[0]!.results[1]!.locations[0]!.physicalLocation.region.startLine = 0;
    expect(validateSarif(broken).length).toBeGreaterThanOrEqual(2);
  });

  it('reports findings only (gap, partial, outdated, needs review), one result per finding', async () => {
    const log = await sarifOf([club, school]);
    const findings = [club, school].flatMap((d) =>
      d.results.filter((r) => ['gap', 'partial', 'outdated', 'needs-review'].includes(r.status)).map((r) => `${d.path} ${r.id}`),
    );
    expect(findings.length).toBeGreaterThan(10);
    const results = log.runs[0]!.results;
    expect(results.map((r) => `${decodeURI(r.locations[0]!.physicalLocation.artifactLocation.uri)} ${r.ruleId}`)).toEqual(findings);
    for (const r of results) expect(['gap', 'partial', 'outdated', 'needs-review']).toContain(r.properties.status);
  });

  it('locates every result at its anchor line (or line 1) in a repository-relative URI with a uriBaseId', async () => {
    const log = await sarifOf([club]);
    const byId = new Map(club.results.map((r) => [r.id, r]));
    for (const res of log.runs[0]!.results) {
      const loc = res.locations[0]!.physicalLocation;
      expect(loc.artifactLocation).toEqual({ uri: 'partners/riverside%20fc/policy.md', uriBaseId: URI_BASE_ID });
      expect(loc.region.startLine).toBe(byId.get(res.ruleId)!.anchor?.line ?? 1);
      expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
    }
    // the path is made relative to the repository root, not the working directory
    const nested = JSON.parse(await render('sarif', reportWith([club]), { cwd: '/repo/sub', root: '/repo' })) as SarifLog;
    expect(nested.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('sub/partners/riverside%20fc/policy.md');
  });

  it('levels follow --fail-on: error when the finding fails the run, else warning (note for needs review)', async () => {
    for (const failOn of ['must', 'should', 'none'] as const) {
      const log = await sarifOf([club], failOn);
      const byId = new Map(club.results.map((r) => [r.id, r]));
      for (const res of log.runs[0]!.results) {
        const r = byId.get(res.ruleId)!;
        expect(res.level).toBe(resultFails(r, failOn) ? 'error' : r.status === 'needs-review' ? 'note' : 'warning');
      }
    }
  });

  it('fingerprints stay the same when lines move, and differ between findings', async () => {
    const moved = auditText(`<!-- a note -->\n\n\n\n${thin}`, 'sports', undefined, 'partners/riverside fc/policy.md');
    const a = (await sarifOf([club])).runs[0]!.results;
    const b = (await sarifOf([moved])).runs[0]!.results;
    expect(b.map((r) => r.ruleId)).toEqual(a.map((r) => r.ruleId));
    const located = a.filter((r) => r.locations[0]!.physicalLocation.region.startLine > 1);
    expect(located.length).toBeGreaterThan(0);
    for (let i = 0; i < a.length; i++) {
      expect(b[i]!.partialFingerprints[FINGERPRINT_KEY]).toBe(a[i]!.partialFingerprints[FINGERPRINT_KEY]);
      if (a[i]!.locations[0]!.physicalLocation.region.startLine > 1)
        expect(b[i]!.locations[0]!.physicalLocation.region.startLine).toBe(a[i]!.locations[0]!.physicalLocation.region.startLine + 4);
    }
    expect(new Set(a.map((r) => r.partialFingerprints[FINGERPRINT_KEY])).size).toBe(a.length);
    // another document with the same finding has another fingerprint
    const other = auditText(thin, 'sports', undefined, 'partners/another.md');
    const c = (await sarifOf([other])).runs[0]!.results;
    expect(c[0]!.partialFingerprints[FINGERPRINT_KEY]).not.toBe(a[0]!.partialFingerprints[FINGERPRINT_KEY]);
  });

  it('has a rule per requirement with short and full description, helpUri, and help holding the reference and the remediation', async () => {
    const report = reportWith([club]);
    const log = await sarifOf([club]);
    const rules = log.runs[0]!.tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(report.requirements.map((r) => r.id));
    for (const [i, rule] of rules.entries()) {
      const req = report.requirements[i]!;
      expect(rule.shortDescription.text).toBe(req.title);
      expect(rule.fullDescription.text).toContain(req.reference);
      expect(rule.helpUri).toBe(req.referenceDetail.url);
      expect(rule.help.text).toContain(req.reference);
      expect(rule.help.text).toContain(req.remediation);
    }
    for (const res of log.runs[0]!.results) expect(rules[res.ruleIndex]!.id).toBe(res.ruleId);
    expect(log.runs[0]!.automationDetails.id).toBe('wt-audit/wt2026/');
  });

  it('the same results give the same bytes', async () => {
    expect(await render('sarif', reportWith([club, school]))).toBe(await render('sarif', reportWith([club, school])));
  });
});
