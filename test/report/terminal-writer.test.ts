/** The streaming terminal writer writes exactly the bytes of renderTerminal, a document at a time. */
import { describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/audit/result.js';
import { reportOf } from '../helpers/report.js';
import { PipelinedWrite } from '../../src/report/pipelined-write.js';
import { renderTerminal, TerminalReportWriter, type TerminalOptions } from '../../src/report/terminal.js';
import { auditText } from '../helpers/audit-text.js';

async function streamed(r: AuditReport, opts: TerminalOptions): Promise<string> {
  const chunks: string[] = [];
  const w = new TerminalReportWriter(async (c) => {
    await new Promise((res) => setTimeout(res, 1));
    chunks.push(typeof c === 'string' ? c : new TextDecoder().decode(c));
  }, opts);
  w.start({ ...r, documents: [], errors: [], warnings: [] });
  for (const d of r.documents) await w.document(d);
  await w.end(r.errors, r.warnings);
  return chunks.join('');
}

describe('TerminalReportWriter', () => {
  const a = auditText('# Policy\n\nReport any concern to the designated safeguarding lead, Jane Smith, on 01632 960000.\n', 'vcse', '2026-11-01', 'a.md');
  const b = auditText('# Another\n\nNothing much.\n', 'school', '2026-11-01', 'b.md');
  const errors = [{ path: 'c.md', line: 3, column: 1, message: 'bad thing' }];
  const warnings = [{ path: 'a.md', message: 'unknown type' }];

  for (const [name, r] of [
    ['no documents', reportOf([])],
    ['no documents, errors and warnings', reportOf([], errors, warnings)],
    ['several documents with errors', reportOf([a, b, a], errors, warnings)],
  ] as const) {
    for (const opts of [{}, { quiet: true, color: 1 as const }]) {
      it(`${name} (${JSON.stringify(opts)}): same bytes as renderTerminal`, async () => {
        const whole = renderTerminal(r, opts);
        expect(await streamed(r, opts)).toBe(whole);
        expect(whole).toContain('Summary:');
      });
    }
  }
});

describe('renderTerminal --quiet', () => {
  const HEADING = 'New or strengthened in 2026';
  const isRecent = (change: string) => change === 'new-2026' || change === 'strengthened-2026';
  it('prints the 2026 heading when one of its requirements is a finding', () => {
    const d = auditText('# Policy\n\nNothing much.\n', 'vcse', '2026-11-01', 'q.md');
    expect(d.results.some((r) => isRecent(r.change) && r.status === 'gap')).toBe(true);
    expect(renderTerminal(reportOf([d]), { quiet: true })).toContain(HEADING);
  });
  it('leaves the 2026 heading out when none of its requirements is a finding', () => {
    const d = auditText('# Policy\n\nNothing much.\n', 'vcse', '2026-11-01', 'q.md');
    const allMet = { ...d, results: d.results.map((r) => (isRecent(r.change) ? { ...r, status: 'met' as const } : r)) };
    expect(renderTerminal(reportOf([allMet]), { quiet: true })).not.toContain(HEADING);
    expect(renderTerminal(reportOf([allMet]), {})).toContain(HEADING);
  });
});

describe('PipelinedWrite', () => {
  it('writes in the order sent even when nobody waits, one at a time', async () => {
    const written: string[] = [];
    let busy = 0;
    let most = 0;
    const w = new PipelinedWrite(async (c) => {
      busy++;
      most = Math.max(most, busy);
      await new Promise((res) => setTimeout(res, 3 - (written.length % 3)));
      written.push(String(c));
      busy--;
    });
    const sends = ['a', 'b', 'c', 'd', 'e'].map((x) => w.send(x));
    await Promise.all(sends);
    await w.settle();
    expect(written).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(most).toBe(1);
  });
});

describe('renderTerminal: met by absence', () => {
  it('says what was looked for and not found', () => {
    const d = auditText('# Policy\n\nReport concerns to the welfare officer.\n', 'vcse', '2026-11-01', 'm.md');
    const text = renderTerminal(reportOf([d]), {});
    const at = text.indexOf('WT26-GEN-SUPERSEDED-TERMS');
    expect(at).toBeGreaterThan(-1);
    expect(text.slice(at, at + 600).replace(/\s+/g, ' ')).toMatch(/looked for local safeguarding children board, serious case review/);
  });
});
