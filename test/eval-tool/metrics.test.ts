/** The eval's figures and its label reader (npm run eval). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLabels } from '../../src/eval/labels.js';
import { confusion, figures } from '../../src/eval/metrics.js';

const pair = (expected: string, actual: string) => ({ id: 'X', policy: 'p', expected, actual });

describe('eval figures', () => {
  it('partial recall counts labelled partials reported partial, and nothing else', () => {
    const f = figures([pair('partial', 'partial'), pair('partial', 'gap'), pair('partial', 'met'), pair('met', 'partial'), pair('gap', 'gap')]);
    expect(f).toMatchObject({ partial: 3, partialFound: 1, falseAssurance: 1, notMet: 4, met: 1, falseAlarm: 0, exact: 2 });
  });
  it('the confusion matrix keeps label rows and tool columns apart', () => {
    const m = confusion([pair('partial', 'gap'), pair('partial', 'gap'), pair('gap', 'partial')]);
    expect(m.get('partial')?.get('gap')).toBe(2);
    expect(m.get('gap')?.get('partial')).toBe(1);
  });
});

describe('label files', () => {
  const write = (status: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'wt-labels-'));
    writeFileSync(join(dir, 'x.yaml'), `policy: x.md\nprofile: school\nas_of: 2026-11-01\nlabels:\n  WT26-C4-TRAINING: { status: ${status} }\n`);
    return dir;
  };
  it('needs-review is a label status', () => {
    expect(readLabels(write('needs-review'))[0]!.labels['WT26-C4-TRAINING']!.status).toBe('needs-review');
  });
  it('an unknown status is an error naming the file and the requirement', () => {
    expect(() => readLabels(write('mett'))).toThrow(/x\.yaml: WT26-C4-TRAINING: status 'mett'/);
  });
});
