/** The labelled development set: test/eval/labels/*.yaml, one file per policy. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Profile } from '../catalogue/types.js';

export type LabelStatus = 'met' | 'partial' | 'gap' | 'outdated';

export interface Label {
  status: LabelStatus;
  line?: number;
  note?: string;
}

export interface LabelFile {
  file: string;
  policy: string;
  profile: Profile;
  asOf: string;
  labels: Record<string, Label>;
}

export function readLabels(dir: string): LabelFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const raw = parse(readFileSync(join(dir, f), 'utf8')) as { policy: string; profile: Profile; as_of: string; labels: Record<string, Label> };
      return { file: f, policy: raw.policy, profile: raw.profile, asOf: String(raw.as_of), labels: raw.labels };
    });
}
