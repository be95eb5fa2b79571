/**
 * Between the audit and the report in a pack run (--pack-by dir): files arrive one at a time in
 * sorted path order, and a pack's files are contiguous in that order (they share the prefix
 * "<pack folder>/", and strings with a common prefix are never interleaved by a lexicographic
 * sort). So only the current pack's documents are held: when a file of the next pack arrives, the
 * current one is combined (pack.ts), waived and compared with the baseline as one organisation,
 * and passed on. Memory stays flat in the number of packs.
 */
import type { Profile } from '../catalogue/types.js';
import type { FileOutcome, FileResult, ResultForm } from './audit-file.js';
import type { BaselineSet } from './baseline.js';
import { documentJson } from './document-json.js';
import { documentFails, type FailOn } from './exit-code.js';
import { combinePack, packProfile, type PackSpec } from './pack.js';
import type { DocumentResult } from './result.js';
import { applyReviewerMarks } from './reviewer-marks.js';
import type { WaiverSet } from './waivers.js';

export interface PackStageOptions {
  packs: PackSpec[];
  form: ResultForm;
  failOn: FailOn;
  asOf: string;
  /** --profile */
  profile?: Profile;
  waivers?: WaiverSet;
  baseline?: BaselineSet;
  /** requirements every document must be current for (pack.ts currencyRequirements) */
  currency?: ReadonlySet<string>;
  /** audit a file again with the pack's profile (its own declared type, or none, differed) */
  reaudit(path: string, profile: Profile): Promise<FileOutcome>;
  /** where results go on: per-file errors and warnings at once, each pack's result when it is complete */
  emit(r: FileResult): Promise<void>;
}

const encoder = new TextEncoder();

export class PackStage {
  private readonly packOf = new Map<string, number>();
  private current = -1;
  private docs: DocumentResult[] = [];
  /** packs already passed on: a file of one of them now would mean the order broke */
  private readonly done = new Set<number>();

  constructor(private readonly o: PackStageOptions) {
    o.packs.forEach((p, i) => {
      for (const f of p.files) this.packOf.set(f, i);
    });
  }

  async add(r: FileResult): Promise<void> {
    const i = this.packOf.get(r.path);
    if (i === undefined) throw new Error(`PackStage: ${r.path} is in no pack`);
    if (i !== this.current) {
      if (this.done.has(i)) throw new Error(`PackStage: the files of pack ${this.o.packs[i]!.path} did not arrive together`);
      await this.flush();
      this.current = i;
    }
    if (r.errors.length > 0 || r.warnings.length > 0) await this.o.emit({ path: r.path, errors: r.errors, warnings: r.warnings, fails: false });
    if (r.document) this.docs.push(r.document);
  }

  /** Pass on the last pack. */
  async end(): Promise<void> {
    await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.current === -1) return;
    const spec = this.o.packs[this.current]!;
    this.done.add(this.current);
    this.current = -1;
    const docs = this.docs;
    this.docs = [];
    if (docs.length === 0) return; // every file of it failed: its errors are already reported
    const chosen = packProfile(spec.manifest?.profile, this.o.profile, docs, spec.declared);
    // one profile for the whole pack: a document judged with another is judged again
    const judged: DocumentResult[] = [];
    for (const d of docs) {
      if (d.profile === chosen.profile) judged.push(d);
      else {
        const again = await this.o.reaudit(d.path, chosen.profile);
        if (again.document) judged.push(again.document);
        else await this.o.emit({ path: d.path, errors: again.errors, warnings: [], fails: false });
      }
    }
    if (judged.length === 0) return;
    const { document: doc, waivers } = applyReviewerMarks(combinePack(spec, judged, chosen, this.o.currency), this.o.waivers, this.o.baseline, this.o.asOf);
    const fails = documentFails(doc, this.o.failOn);
    const base = { path: doc.path, errors: [], warnings: [], fails, ...(waivers ? { waivers } : {}) };
    await this.o.emit(this.o.form === 'json' ? { ...base, json: encoder.encode(documentJson(doc)) } : { ...base, document: doc });
  }
}
