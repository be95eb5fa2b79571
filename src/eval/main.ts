/**
 * `npm run eval`: audits the labelled development set (test/eval) and prints, per requirement and
 * overall, the confusion matrix, false assurance, false alarm, exact agreement and partial recall —
 * and the same for naive word-spotting baselines computed in the same run. `--verbose` lists
 * every disagreement with the label's note.
 */
import { join, resolve } from 'node:path';
import { loadCatalogue } from '../catalogue/load.js';
import { packageRoot } from '../util/package-paths.js';
import { auditDocument } from '../audit/engine.js';
import { loadPolicy } from '../document/load.js';
import { DocIndex } from '../match/doc-index.js';
import { naiveStatus } from './baseline.js';
import { LABEL_STATUSES, readLabels } from './labels.js';
import { confusion, figures, pct, STATUSES, type Figures, type Pair } from './metrics.js';

const LINE_TOLERANCE = 3;

function row(label: string, f: Figures): string {
  return `${label.padEnd(38)} ${String(f.n).padStart(4)}  ${pct(f.exact, f.n).padStart(7)}  ${`${f.falseAssurance}/${f.notMet}`.padStart(7)} ${pct(f.falseAssurance, f.notMet).padStart(7)}  ${`${f.falseAlarm}/${f.met}`.padStart(7)} ${pct(f.falseAlarm, f.met).padStart(7)}`;
}

async function main(): Promise<void> {
  const verbose = process.argv.includes('--verbose');
  // --set DIR: another labelled set of the same layout (policies/, labels/), e.g. the held-out one
  const setAt = process.argv.indexOf('--set');
  const root = setAt !== -1 && process.argv[setAt + 1] ? resolve(process.argv[setAt + 1]!) : join(packageRoot(), 'test', 'eval');
  const catalogue = loadCatalogue();
  if (catalogue.errors.length > 0) {
    for (const e of catalogue.errors) console.error(`${e.path}:${e.line ?? 0}: ${e.message}`);
    process.exitCode = 2;
  }
  const tool: Pair[] = [];
  const naive: Pair[] = [];
  const naiveSyn: Pair[] = [];
  let lineChecked = 0;
  let lineAgreed = 0;
  const misses: string[] = [];
  for (const lf of readLabels(join(root, 'labels'))) {
    const doc = await loadPolicy(join(root, 'policies', lf.policy));
    const result = auditDocument(catalogue, doc, { profile: lf.profile, profileSource: 'cli', asOf: lf.asOf });
    const index = new DocIndex(doc, catalogue.phrases);
    for (const [id, label] of Object.entries(lf.labels)) {
      const r = result.results.find((x) => x.id === id);
      const c = catalogue.requirements.find((x) => x.req.id === id);
      if (!r || !c) {
        misses.push(`${lf.policy}: ${id} is labelled but not in the catalogue`);
        continue;
      }
      tool.push({ id, policy: lf.policy, expected: label.status, actual: r.status });
      naive.push({ id, policy: lf.policy, expected: label.status, actual: naiveStatus(c, index, 'key-term') });
      naiveSyn.push({ id, policy: lf.policy, expected: label.status, actual: naiveStatus(c, index, 'synonyms') });
      if (label.line !== undefined && label.status === r.status && r.evidence.length > 0) {
        lineChecked++;
        if (r.evidence.some((e) => Math.abs(e.line - label.line!) <= LINE_TOLERANCE)) lineAgreed++;
      }
      if (verbose && label.status !== r.status) {
        misses.push(
          `${lf.policy}:${label.line ?? '-'} ${id} expected ${label.status}, got ${r.status} (${r.message})${label.note ? ` — label: ${label.note}` : ''}`,
        );
      }
    }
  }

  const ids = [...new Set(tool.map((p) => p.id))].sort();
  const header = `${'requirement'.padEnd(38)} ${'n'.padStart(4)}  ${'exact'.padStart(7)}  ${'false assurance'.padStart(15)}  ${'false alarm'.padStart(15)}`;
  console.log(`wt-audit accuracy on the labelled development set (${new Set(tool.map((p) => p.policy)).size} policies, ${tool.length} labels)\n`);
  console.log(header);
  for (const id of ids) console.log(row(id, figures(tool.filter((p) => p.id === id))));
  console.log('');
  console.log(header);
  const ft = figures(tool);
  const fn = figures(naive);
  const fs = figures(naiveSyn);
  console.log(row('OVERALL wt-audit', ft));
  console.log(row('OVERALL naive: key term = met', fn));
  console.log(row('OVERALL naive: any synonym = met', fs));

  const matrix = (name: string, pairs: Pair[]) => {
    const m = confusion(pairs);
    console.log(`\nConfusion matrix, ${name} (rows: label, columns: tool status)`);
    console.log(`${''.padEnd(13)}${STATUSES.map((s) => s.padStart(15)).join('')}`);
    for (const e of LABEL_STATUSES.filter((s) => m.has(s))) {
      console.log(`${e.padEnd(13)}${STATUSES.map((s) => String(m.get(e)?.get(s) ?? 0).padStart(15)).join('')}`);
    }
  };
  matrix('naive (key term)', naive);
  matrix('naive (any synonym)', naiveSyn);
  console.log(
    `\nEvidence line within ±${LINE_TOLERANCE} of the labelled line, where statuses agree: ${lineAgreed}/${lineChecked} (${pct(lineAgreed, lineChecked)})`,
  );
  console.log(`\nSummary (${tool.length} labels)`);
  const line = (name: string, a: (f: Figures) => string, target: string) =>
    console.log(
      `  ${name.padEnd(16)} wt-audit ${a(ft).padStart(6)} · naive key term ${a(fn).padStart(6)} · naive any synonym ${a(fs).padStart(6)}  (target ${target})`,
    );
  line('false assurance', (f) => `${pct(f.falseAssurance, f.notMet)}`, '≤ 1%');
  line('false alarm', (f) => pct(f.falseAlarm, f.met), '≤ 5%');
  line('exact agreement', (f) => pct(f.exact, f.n), '≥ 92%');
  line('partial recall', (f) => pct(f.partialFound, f.partial), '≥ 85%');
  // the tool's own matrix next to its figures: where its disagreements go
  matrix('wt-audit', tool);
  if (misses.length > 0) console.log(`\n${misses.join('\n')}`);
}

await main();
