/** The labelled development set: test/eval/labels/*.yaml, one file per policy. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Profile } from '../catalogue/types.js';

export const LABEL_STATUSES = ['met', 'partial', 'gap', 'outdated', 'needs-review'] as const;
export type LabelStatus = (typeof LABEL_STATUSES)[number];

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

/** A label file that cannot be used: which file, and why. */
export class LabelError extends Error {}

export function readLabels(dir: string): LabelFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const raw = parse(readFileSync(join(dir, f), 'utf8')) as { policy: string; profile: Profile; as_of: string; labels: Record<string, Label> };
      for (const [id, l] of Object.entries(raw.labels ?? {})) {
        if (!(LABEL_STATUSES as readonly string[]).includes(l?.status)) {
          throw new LabelError(`${join(dir, f)}: ${id}: status '${String(l?.status)}' is not one of ${LABEL_STATUSES.join(', ')}`);
        }
      }
      return { file: f, policy: raw.policy, profile: raw.profile, asOf: String(raw.as_of), labels: raw.labels };
    });
}
