/** Waivers: a reviewer's accepted findings become `waived` with reason and approver; expired ones give the finding back; unused ones are warned about. */
import { describe, expect, it } from 'vitest';
import { scoreOf } from '../../src/audit/result.js';
import { applyWaivers, waiverWarnings, type Waiver } from '../../src/audit/waivers.js';
import { auditText } from '../helpers/audit-text.js';

const doc = auditText('# Policy\n\nReport any concern to the designated safeguarding lead.\n', 'vcse', '2026-11-01', 'partners/club/policy.md');
const gap = doc.results.find((r) => r.status === 'gap')!;
const met = doc.results.find((r) => r.status === 'met');

function waiver(over: Partial<Waiver> = {}): Waiver {
  return {
    requirement: gap.id,
    scope: 'partners/**',
    base: '/repo',
    reason: 'covered by the county procedure',
    approvedBy: 'J. Reviewer',
    source: { path: '.wt-audit.yaml', line: 7 },
    ...over,
  };
}
const set = (...list: Waiver[]) => ({ list, cwd: '/repo' });

describe('applyWaivers', () => {
  it('turns a covered finding into waived, with reason, approver and source, and rescores without it', () => {
    const out = applyWaivers(doc, set(waiver({ expires: '2027-01-31' })), '2026-11-01');
    const r = out.document.results.find((x) => x.id === gap.id)!;
    expect(r.status).toBe('waived');
    expect(r.waiver).toEqual({ reason: 'covered by the county procedure', approvedBy: 'J. Reviewer', expires: '2027-01-31', source: '.wt-audit.yaml:7' });
    expect(r.message).toContain('covered by the county procedure (approved by J. Reviewer, until 2027-01-31; was gap');
    expect(out.document.counts.gap).toBe(doc.counts.gap - 1);
    expect(out.document.counts.waived).toBe(1);
    expect(out.document.score).toBe(scoreOf(out.document.counts, doc.results.length));
    expect(out.document.score).toBeGreaterThanOrEqual(doc.score);
    expect(out.used).toEqual([0]);
    // the original result is left as it was
    expect(doc.results.find((x) => x.id === gap.id)!.status).toBe('gap');
  });

  it('holds through its expiry day and not after it: then the finding stays and the waiver is reported expired', () => {
    expect(applyWaivers(doc, set(waiver({ expires: '2026-11-01' })), '2026-11-01').document.counts.waived).toBe(1);
    const late = applyWaivers(doc, set(waiver({ expires: '2026-10-31' })), '2026-11-01');
    expect(late.document.results.find((x) => x.id === gap.id)!.status).toBe('gap');
    expect(late.expired).toEqual([0]);
    expect(late.used).toEqual([]);
  });

  it('leaves documents outside its scope, other requirements and met results alone', () => {
    for (const w of [waiver({ scope: 'other/**' }), waiver({ requirement: 'WT26-NO-SUCH' }), ...(met ? [waiver({ requirement: met.id })] : [])]) {
      const out = applyWaivers(doc, set(w), '2026-11-01');
      expect(out.document).toEqual(doc);
      expect(out.used).toEqual([]);
    }
    // the scope is relative to the folder of the file that holds the waiver
    expect(applyWaivers(doc, set(waiver({ scope: 'club/*.md', base: '/repo/partners' })), '2026-11-01').used).toEqual([0]);
  });
});

describe('waiverWarnings', () => {
  it('warns, at the waiver, of an expired one that met findings and of one that waived nothing', () => {
    const list = [
      waiver(),
      waiver({ expires: '2026-01-01', source: { path: 'w.yaml', line: 3 } }),
      waiver({ scope: 'none/**', source: { path: 'w.yaml', line: 9 } }),
    ];
    const warnings = waiverWarnings(set(...list), new Set([0]), new Map([[1, 2]]));
    expect(warnings).toEqual([
      { path: 'w.yaml', line: 3, message: `waiver for ${gap.id} (partners/**) expired on 2026-01-01: its finding is reported again in 2 documents` },
      {
        path: 'w.yaml',
        line: 9,
        message: `waiver for ${gap.id} (none/**) matches no finding: no audited document in its scope has that requirement as a finding`,
      },
    ]);
  });
});
