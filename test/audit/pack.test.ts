/** Packs: one organisation's documents combined into one result (src/audit/pack.ts, pack-stage.ts). */
import { describe, expect, it } from 'vitest';
import { combinePack, currencyRequirements, mainDocument, packProfile, packSha256 } from '../../src/audit/pack.js';
import { PackStage } from '../../src/audit/pack-stage.js';
import { documentJson } from '../../src/audit/document-json.js';
import type { FileResult } from '../../src/audit/audit-file.js';
import type { DocumentResult, RequirementResult } from '../../src/audit/result.js';
import { byPath } from '../../src/util/order.js';
import { auditText, catalogue } from '../helpers/audit-text.js';
import { reportOf, reportValidator } from '../helpers/report.js';

const CP = `# Child Protection Policy

## Designated safeguarding lead

Our designated safeguarding lead is Sam Okafor (07700 900123, sam@example.org). Any volunteer with a
concern about a child speaks to Sam on the same day.

## Allegations against staff

Any allegation that a member of staff or a volunteer may have harmed a child is passed to the
local authority designated officer (LADO) within one working day. We do not investigate ourselves first.
`;

const WHISTLE = `# Whistleblowing Policy

## Raising a concern about practice

Any volunteer may raise a whistleblowing concern about poor or unsafe practice with the trustees, or
with the NSPCC Whistleblowing Advice Line on 0800 028 0285, without fear of reprisal.
`;

const CODE_FIVE_DAYS = `# Code of Conduct

## Concerns about a member of staff

If there is an allegation that a member of staff may have harmed a child, the manager tells the
local authority designated officer (LADO) within five working days.
`;

const OLD_TERMS = `# Online Safety Policy

We follow the procedures of the Local Safeguarding Children Board (LSCB) for online concerns.
`;

function doc(path: string, text: string): DocumentResult {
  return auditText(text, 'vcse', undefined, path);
}

function result(d: DocumentResult, id: string): RequirementResult {
  const r = d.results.find((x) => x.id === id);
  if (!r) throw new Error(`no ${id}`);
  return r;
}

const VCSE = { profile: 'vcse' as const, source: 'cli' as const };

describe('combinePack', () => {
  const cp = doc('p/child-protection.md', CP);
  const wb = doc('p/whistleblowing.md', WHISTLE);
  const pack = combinePack({ path: 'p' }, [wb, cp], VCSE);

  it('a requirement is met when any document meets it, and its evidence names that document', () => {
    // each document meets what the other does not
    expect(result(cp, 'WT26-C4-WHISTLEBLOWING').status).not.toBe('met');
    expect(result(wb, 'WT26-C4-WHISTLEBLOWING').status).toBe('met');
    expect(result(wb, 'WT26-C4-ALLEGATIONS').status).not.toBe('met');
    expect(result(cp, 'WT26-C4-ALLEGATIONS').status).toBe('met');
    const whistle = result(pack, 'WT26-C4-WHISTLEBLOWING');
    expect(whistle.status).toBe('met');
    expect(whistle.evidence.length).toBeGreaterThan(0);
    for (const e of whistle.evidence) expect(e.document).toBe('p/whistleblowing.md');
    const allegations = result(pack, 'WT26-C4-ALLEGATIONS');
    expect(allegations.status).toBe('met');
    for (const e of allegations.evidence) expect(e.document).toBe('p/child-protection.md');
  });

  it('never meets what no document meets, and recounts and rescores the pack', () => {
    for (const r of pack.results) {
      const own = [result(cp, r.id).status, result(wb, r.id).status];
      if (r.status === 'met') expect(own).toContain('met');
      else expect(own).not.toContain('met');
    }
    const met = pack.results.filter((r) => r.status === 'met').length;
    expect(pack.counts.met).toBe(met);
    expect(met).toBeGreaterThan(Math.max(cp.counts.met, wb.counts.met));
    expect(pack.score).toBeGreaterThan(Math.max(cp.score, wb.score));
  });

  it('is a document of format pack: its folder, the members in path order, a hash over them; valid against the report schema', () => {
    expect(pack.path).toBe('p');
    expect(pack.format).toBe('pack');
    expect(pack.pack!.documents.map((d) => d.path)).toEqual(['p/child-protection.md', 'p/whistleblowing.md']);
    expect(pack.sha256).toBe(packSha256([cp, wb]));
    expect(pack.sha256).not.toBe(packSha256([{ ...cp, sha256: '1'.repeat(64) }, wb]));
    const validate = reportValidator();
    expect(validate(JSON.parse(JSON.stringify(reportOf([pack])))), JSON.stringify(validate.errors)).toBe(true);
  });

  it('anchors a gap in the main document (the child protection policy), a partial where it came closest', () => {
    expect(mainDocument([wb, cp]).path).toBe('p/child-protection.md');
    expect(mainDocument([{ path: 'q/a.md' }, { path: 'q/b.md', title: 'Safeguarding Policy' }]).path).toBe('q/b.md');
    expect(mainDocument([{ path: 'q/a.md' }, { path: 'q/b.md' }]).path).toBe('q/a.md');
    const gaps = pack.results.filter((r) => r.status === 'gap');
    expect(gaps.length).toBeGreaterThan(0);
    for (const g of gaps) expect(g.anchor?.document).toBe('p/child-protection.md');
    for (const r of pack.results.filter((x) => x.status === 'partial')) {
      const from = r.anchor!.document!;
      expect(result(from === cp.path ? cp : wb, r.id).status).toBe('partial');
    }
  });

  it('a met by absence in one document does not hide another document’s outdated term', () => {
    const old = doc('p/online-safety.md', OLD_TERMS);
    expect(result(cp, 'WT26-GEN-SUPERSEDED-TERMS').status).toBe('met');
    expect(result(old, 'WT26-GEN-SUPERSEDED-TERMS').status).toBe('outdated');
    const r = result(combinePack({ path: 'p' }, [cp, old], VCSE), 'WT26-GEN-SUPERSEDED-TERMS');
    expect(r.status).toBe('outdated');
    expect(r.evidence[0]!.document).toBe('p/online-safety.md');
    expect(r.anchor!.document).toBe('p/online-safety.md');
  });

  it('a document out of date is not brought up to date by another: currency requirements take the outdated one', () => {
    const current = doc('p/child-protection.md', '# Child Protection Policy\n\nWe follow Working Together to Safeguard Children 2026.\n');
    const old = doc('p/code.md', '# Code of Conduct\n\nWe follow Working Together to Safeguard Children 2018.\n');
    const id = 'WT26-GEN-CURRENT-EDITION';
    expect([result(current, id).status, result(old, id).status]).toEqual(['met', 'outdated']);
    const currency = currencyRequirements(catalogue());
    expect([...currency].sort()).toEqual(['WT26-C4-EDUCATION-GUIDANCE', 'WT26-GEN-CURRENT-EDITION', 'WT26-GEN-REVIEW-DATE', 'WT26-GEN-SUPERSEDED-TERMS']);
    const r = result(combinePack({ path: 'p' }, [current, old], VCSE, currency), id);
    expect(r.status).toBe('outdated');
    expect(r.message).toContain('p/code.md: cites the 2018 edition');
    expect(r.anchor!.document).toBe('p/code.md');
    // without the rule, best-of would call it met
    expect(result(combinePack({ path: 'p' }, [current, old], VCSE), id).status).toBe('met');
  });

  it('takes the finding nearest to met: needs review over partial over outdated over gap', () => {
    const base = result(cp, 'WT26-C4-NAMED-LEAD');
    const as = (path: string, status: RequirementResult['status']): DocumentResult => {
      const d = doc(path, '# Policy\n\nText.\n');
      const anchor = { kind: 'document-start' as const, line: 1, heading: null, trail: [] };
      const evidence = status === 'gap' ? [] : [{ line: 3, column: 1, endLine: 3, excerpt: `${status} text` }];
      return { ...d, results: d.results.map((r) => (r.id === base.id ? { ...r, status, evidence, anchor, message: status } : r)) };
    };
    const order: Array<RequirementResult['status']> = ['needs-review', 'partial', 'outdated', 'gap'];
    for (let i = 0; i < order.length; i++)
      for (let j = i + 1; j < order.length; j++) {
        const r = result(combinePack({ path: 'q' }, [as('q/a.md', order[j]!), as('q/b.md', order[i]!)], VCSE), base.id);
        expect(r.status, `${order[i]} against ${order[j]}`).toBe(order[i]);
      }
  });
});

describe('contradicting timescales', () => {
  const cp = doc('club/child-protection.md', CP);
  const code = doc('club/code-of-conduct.md', CODE_FIVE_DAYS);

  it('a wrong figure is carried machine-readably on the document’s own result', () => {
    const own = result(code, 'WT26-C4-ALLEGATIONS');
    expect(own.status).toBe('partial');
    expect(own.conflict).toEqual({ stated: '5 working days', expected: '1 working day', line: 5 });
    const right = result(cp, 'WT26-C4-ALLEGATIONS');
    expect(right.status).toBe('met');
    expect(right.conflict).toBeUndefined();
    expect(right.evidence.find((e) => e.figure)?.figure).toBe('1 working day');
  });

  it('one document meeting a timescale and another stating a different figure make the pack partial, naming both', () => {
    const r = result(combinePack({ path: 'club' }, [cp, code], VCSE), 'WT26-C4-ALLEGATIONS');
    expect(r.status).toBe('partial');
    expect(r.message).toContain('club/child-protection.md states 1 working day (line 10)');
    expect(r.message).toContain('club/code-of-conduct.md states 5 working days (line 5)');
    expect(r.anchor!.document).toBe('club/code-of-conduct.md');
    expect(r.evidence.map((e) => e.document)).toContain('club/code-of-conduct.md');
    expect(r.evidence.map((e) => e.document)).toContain('club/child-protection.md');
    // without the contradicting document, the same requirement is met
    expect(result(combinePack({ path: 'club' }, [cp], VCSE), 'WT26-C4-ALLEGATIONS').status).toBe('met');
  });
});

describe('packProfile', () => {
  const d = (profile: DocumentResult['profile'], profileSource: DocumentResult['profileSource']) => ({ profile, profileSource });
  it('the manifest, else --profile, else the first type a document declares, else the default', () => {
    expect(packProfile('school', 'sports', [d('health', 'front-matter')])).toEqual({ profile: 'school', source: 'manifest' });
    expect(packProfile(undefined, 'sports', [d('health', 'front-matter')])).toEqual({ profile: 'sports', source: 'cli' });
    expect(packProfile(undefined, undefined, [d('vcse', 'default'), d('health', 'yaml'), d('school', 'front-matter')])).toEqual({
      profile: 'health',
      source: 'yaml',
    });
    expect(packProfile(undefined, undefined, [d('vcse', 'default')])).toEqual({ profile: 'vcse', source: 'default' });
  });
});

describe('PackStage', () => {
  it('pack files are contiguous in report order even when a folder name sorts between them', () => {
    const files = ['a/x.md', 'a-b/y.md', 'a/z.md', 'a.b/w.md', 'a b/v.md', 'a/sub/u.md'].sort(byPath);
    const packOf = (f: string) => f.slice(0, f.indexOf('/'));
    const seen: string[] = [];
    for (const f of files) if (seen.at(-1) !== packOf(f)) seen.push(packOf(f));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('passes each pack on when the next begins, with its errors at once; judges a document again with the pack’s profile', async () => {
    const emitted: FileResult[] = [];
    const reaudited: string[] = [];
    const stage = new PackStage({
      packs: [
        { path: 'a', files: ['a/x.md', 'a/z.md'] },
        { path: 'a-b', files: ['a-b/y.md'] },
      ],
      form: 'document',
      failOn: 'must',
      asOf: '2026-11-01',
      reaudit: (path, profile) => {
        reaudited.push(`${path} ${profile}`);
        return Promise.resolve({ document: { ...auditText(CP, profile, undefined, path), profileSource: 'cli' }, errors: [], warnings: [] });
      },
      emit: (r) => {
        emitted.push(r);
        return Promise.resolve();
      },
    });
    const school = { ...auditText(CP, 'school', undefined, 'a-b/y.md'), profileSource: 'front-matter' as const };
    await stage.add({ path: 'a-b/y.md', document: school, errors: [], warnings: [], fails: false });
    expect(emitted).toEqual([]);
    const declared = { ...auditText(CP, 'sports', undefined, 'a/x.md'), profileSource: 'front-matter' as const };
    await stage.add({ path: 'a/x.md', document: declared, errors: [], warnings: [], fails: false });
    expect(emitted.map((r) => r.path)).toEqual(['a-b']);
    await stage.add({
      path: 'a/z.md',
      document: auditText(WHISTLE, 'vcse', undefined, 'a/z.md'),
      errors: [{ path: 'a/z.md', message: 'x' }],
      warnings: [],
      fails: false,
    });
    await stage.end();
    expect(emitted.map((r) => r.path)).toEqual(['a-b', 'a/z.md', 'a']);
    expect(reaudited).toEqual(['a/z.md sports']);
    const a = emitted[2]!.document!;
    expect(a.profile).toBe('sports');
    expect(a.profileSource).toBe('front-matter');
    expect(emitted[2]!.fails).toBe(a.results.some((r) => r.strength === 'must' && ['gap', 'partial', 'outdated'].includes(r.status)));
    await expect(stage.add({ path: 'a/x.md', errors: [], warnings: [], fails: false })).rejects.toThrow(/did not arrive together/);
  });

  it('for a JSON sink, renders the combined pack as the JSON report lays it out', async () => {
    const emitted: FileResult[] = [];
    const stage = new PackStage({
      packs: [{ path: 'a', files: ['a/x.md', 'a/y.md'] }],
      form: 'json',
      failOn: 'must',
      asOf: '2026-11-01',
      reaudit: () => Promise.reject(new Error('not needed: one profile')),
      emit: (r) => {
        emitted.push(r);
        return Promise.resolve();
      },
    });
    const x = auditText(CP, 'vcse', undefined, 'a/x.md');
    const y = auditText(WHISTLE, 'vcse', undefined, 'a/y.md');
    await stage.add({ path: 'a/x.md', document: x, errors: [], warnings: [], fails: false });
    await stage.add({ path: 'a/y.md', document: y, errors: [], warnings: [], fails: false });
    await stage.end();
    expect(emitted).toHaveLength(1);
    expect(emitted[0]!.document).toBeUndefined();
    expect(new TextDecoder().decode(emitted[0]!.json)).toBe(documentJson(combinePack({ path: 'a' }, [x, y], { profile: 'vcse', source: 'default' })));
  });
});
