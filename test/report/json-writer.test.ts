/** The streaming JSON writer writes exactly the bytes of renderJson, a document at a time. */
import { describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/audit/result.js';
import { reportOf } from '../helpers/report.js';
import { auditText } from '../helpers/audit-text.js';
import { documentJson } from '../../src/audit/document-json.js';
import { JsonReportWriter, renderJson } from '../../src/report/json.js';

async function streamed(r: AuditReport, asBytes: boolean): Promise<string> {
  const chunks: Array<string | Uint8Array> = [];
  const w = new JsonReportWriter((c) => {
    chunks.push(c);
  });
  w.start({ ...r, documents: [], errors: [], warnings: [] });
  const enc = new TextEncoder();
  for (const d of r.documents) await w.document(asBytes ? enc.encode(documentJson(d)) : documentJson(d));
  await w.end(r.errors, r.warnings);
  const dec = new TextDecoder();
  return chunks.map((c) => (typeof c === 'string' ? c : dec.decode(c))).join('');
}

describe('JsonReportWriter', () => {
  const a = auditText(
    '# Policy\n\nReport any concern to the designated safeguarding lead, Jane Smith, on 01632 960000 — “quoted” — ✓.\n',
    'vcse',
    '2026-11-01',
    'a.md',
  );
  const b = auditText('# Another\n\nNothing much.\n', 'school', '2026-11-01', 'b.md');
  const errors = [{ path: 'c.md', line: 3, column: 1, message: 'bad "thing"\nhere' }];
  const warnings = [{ path: 'a.md', message: 'unknown type' }];

  for (const [name, r] of [
    ['no documents, no errors', reportOf([])],
    ['no documents, errors', reportOf([], errors, warnings)],
    ['one document', reportOf([a])],
    ['several documents with errors and warnings', reportOf([a, b, a], errors, warnings)],
  ] as const) {
    it(`${name}: same bytes as renderJson`, async () => {
      expect(await streamed(r, false)).toBe(renderJson(r));
      expect(await streamed(r, true)).toBe(renderJson(r));
    });
  }

  it('keeps one write in flight with a slow sink, in order, and the bytes are the same', async () => {
    const r = reportOf([a, b, a, b], errors, warnings);
    const chunks: string[] = [];
    let inFlight = 0;
    let most = 0;
    const w = new JsonReportWriter(async (c) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((res) => setTimeout(res, 2));
      chunks.push(typeof c === 'string' ? c : new TextDecoder().decode(c));
      inFlight--;
    });
    w.start({ ...r, documents: [], errors: [], warnings: [] });
    for (const d of r.documents) await w.document(documentJson(d));
    await w.end(r.errors, r.warnings);
    expect(most).toBe(1);
    expect(chunks.join('')).toBe(renderJson(r));
  });

  it('a failed write is thrown by the next call, and nothing more is written', async () => {
    const r = reportOf([a, b, a]);
    let calls = 0;
    const w = new JsonReportWriter(() => {
      calls++;
      return calls === 1 ? Promise.reject(new Error('disk full')) : Promise.resolve();
    });
    w.start({ ...r, documents: [], errors: [], warnings: [] });
    await w.document(documentJson(a));
    await expect(w.document(documentJson(b))).rejects.toThrow('disk full');
    await expect(w.end([], [])).rejects.toThrow('disk full');
    expect(calls).toBe(1);
  });
});
