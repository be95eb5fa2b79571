/**
 * The bundled samples, audited end to end through the CLI, with the statuses a careful reader
 * expects written down here (samples/README.md says what each sample is for).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { SAMPLE_FILES } from '../helpers/samples.js';

interface Doc {
  path: string;
  profile: string;
  profileSource: string;
  score: number;
  results: Array<{ id: string; status: string; evidence: Array<{ line: number }>; anchor?: { kind: string } }>;
}

const run = runCli([...SAMPLE_FILES, '--format', 'json', '--as-of', '2026-11-01']);
const report = JSON.parse(run.stdout) as { documents: Doc[]; errors: unknown[] };
const doc = (name: string) => report.documents.find((d) => d.path.endsWith(name))!;
const status = (name: string, id: string) => doc(name).results.find((r) => r.id === id)?.status;

function expectStatuses(name: string, expected: Record<string, string>) {
  const got = Object.fromEntries(Object.keys(expected).map((id) => [id, status(name, id)]));
  expect(got).toEqual(expected);
}

describe('bundled samples', () => {
  it('audits all five, with no errors, exit 1 (the thin and outdated ones have gaps)', () => {
    expect(run.code).toBe(1);
    expect(report.errors).toEqual([]);
    expect(report.documents.map((d) => d.path)).toEqual([
      'samples/hope-community-trust-2018.md',
      'samples/northgate-youth-theatre.yaml',
      'samples/riverside-juniors-fc-safeguarding.md',
      'samples/st-aidans-primary-child-protection.md',
      'samples/westshire-safeguarding-partnership-arrangements.md',
    ]);
  });

  it('the 2026-ready school policy meets every requirement that applies to schools', () => {
    const d = doc('st-aidans-primary-child-protection.md');
    expect(d.profile).toBe('school');
    expect(d.profileSource).toBe('front-matter');
    const notMet = d.results.filter((r) => r.status !== 'met' && r.status !== 'not-applicable').map((r) => r.id);
    expect(notMet).toEqual([]);
    expectStatuses('st-aidans-primary-child-protection.md', {
      'WT26-C5-RAPID-REVIEW': 'not-applicable',
      'WT26-C4-EDUCATION-GUIDANCE': 'met',
      'WT26-C3-FGM': 'met',
    });
  });

  it('the thin club policy: partials and gaps where a volunteer-written policy is thin', () => {
    expect(doc('riverside-juniors-fc-safeguarding.md').profile).toBe('sports');
    expectStatuses('riverside-juniors-fc-safeguarding.md', {
      'WT26-C4-NAMED-LEAD': 'met',
      'WT26-C1-CATEGORIES-OF-ABUSE': 'partial',
      'WT26-C3-REPORTING-PROCEDURE': 'partial',
      'WT26-C4-SAFER-RECRUITMENT': 'partial',
      'WT26-C4-TRAINING': 'partial',
      'WT26-C3-ONLINE-HARMS': 'gap',
      'WT26-C3-CRIMINAL-EXPLOITATION': 'gap',
      'WT26-C4-ALLEGATIONS': 'gap',
      'WT26-C4-WHISTLEBLOWING': 'gap',
      'WT26-GEN-REVIEW-DATE': 'outdated',
      'WT26-C4-EDUCATION-GUIDANCE': 'not-applicable',
    });
  });

  it('the 2018-era charity policy is outdated where it uses the old structures', () => {
    expectStatuses('hope-community-trust-2018.md', {
      'WT26-GEN-CURRENT-EDITION': 'outdated',
      'WT26-GEN-SUPERSEDED-TERMS': 'outdated',
      'WT26-GEN-REVIEW-DATE': 'outdated',
      'WT26-C5-COOPERATE': 'outdated',
      'WT26-C1-CATEGORIES-OF-ABUSE': 'met',
      'WT26-C4-ALLEGATIONS': 'met',
      'WT26-C1-COERCIVE-CONTROL': 'gap',
      'WT26-C3-DOMESTIC-ABUSE': 'partial',
      'WT26-C3-GROUP-EXPLOITATION': 'partial',
    });
  });

  it('the YAML policy is read from its own format, with evidence lines in the YAML file', () => {
    const d = doc('northgate-youth-theatre.yaml');
    expect(d.profile).toBe('vcse');
    expect(d.profileSource).toBe('yaml');
    expectStatuses('northgate-youth-theatre.yaml', {
      'WT26-C4-NAMED-LEAD': 'met',
      'WT26-C4-ALLEGATIONS': 'met',
      'WT26-C4-TRAINING': 'met',
      'WT26-C3-HONOUR-FAITH-ABUSE': 'gap',
      'WT26-C3-FAMILY-HELP': 'gap',
      'WT26-C3-GROUP-EXPLOITATION': 'partial',
      'WT26-C1-ANTI-DISCRIMINATION': 'partial',
    });
    const lead = d.results.find((r) => r.id === 'WT26-C4-NAMED-LEAD')!;
    expect(lead.evidence[0]!.line).toBeGreaterThan(1);
  });

  it('the partnership arrangements are judged on chapters 2 and 5, with their weak spots found', () => {
    const d = doc('westshire-safeguarding-partnership-arrangements.md');
    expect(d.profile).toBe('partnership');
    expectStatuses('westshire-safeguarding-partnership-arrangements.md', {
      'WT26-C2-PARTNERS': 'met',
      'WT26-C2-DISPROPORTIONALITY': 'met',
      'WT26-C5-CARE-LEAVERS': 'met',
      'WT26-C5-NOTIFY-UNNAMED': 'met',
      'WT26-C2-FUNDING': 'partial',
      'WT26-C5-RAPID-REVIEW': 'partial',
      'WT26-C4-NAMED-LEAD': 'not-applicable',
    });
  });

  it('every finding is anchored and every met has evidence', () => {
    for (const d of report.documents) {
      for (const r of d.results) {
        if (['gap', 'partial', 'outdated', 'needs-review'].includes(r.status)) expect(r.anchor, `${d.path} ${r.id}`).toBeDefined();
        if (r.status === 'met' && r.id !== 'WT26-GEN-SUPERSEDED-TERMS') expect(r.evidence.length, `${d.path} ${r.id}`).toBeGreaterThan(0);
      }
    }
  });
});
