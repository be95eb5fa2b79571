/**
 * Every requirement's own examples, run through the real loader and engine (as remark-lint runs
 * every rule's documented examples). A requirement whose examples do not behave fails CI.
 */
import { describe, expect, it } from 'vitest';
import { catalogue, resultFor } from './helpers/audit-text.js';
import type { Profile } from '../src/catalogue/types.js';

const cat = catalogue();

describe('catalogue loads cleanly', () => {
  it('has no catalogue errors', () => {
    expect(cat.errors).toEqual([]);
  });
  it('has requirements', () => {
    expect(cat.requirements.length).toBeGreaterThanOrEqual(20);
  });
});

for (const c of cat.requirements) {
  const req = c.req;
  const profile: Profile = req.example_profile ?? req.applies_to.find((p): p is Profile => p !== 'all') ?? 'vcse';
  describe(`${req.id} examples (as ${profile})`, () => {
    it('has enough examples', () => {
      expect(req.examples.met.length).toBeGreaterThanOrEqual(2);
      // a requirement with specifics shows what a mention without them looks like
      // a rule that can make a partial shows one: specifics missing, or the topic addressed without what it needs
      if ((req.evidence.specifics ?? []).length > 0 || (req.evidence.partly ?? []).length > 0)
        expect((req.examples.partial ?? []).length).toBeGreaterThanOrEqual(1);
      // an absence rule (no superseded terms) cannot have a gap; it has outdated examples instead
      const absenceRule = c.topic.every((t) => t.type === 'terms');
      if (absenceRule) expect((req.examples.outdated ?? []).length).toBeGreaterThanOrEqual(2);
      else expect(req.examples.gap.length).toBeGreaterThanOrEqual(2);
    });
    const cases: Array<[string, string[]]> = [
      ['met', req.examples.met],
      ['partial', req.examples.partial ?? []],
      ['gap', req.examples.gap],
      ['outdated', req.examples.outdated ?? []],
    ];
    for (const [status, texts] of cases) {
      texts.forEach((text, i) => {
        it(`${status} #${i + 1}: ${text.slice(0, 60).replace(/\n/g, ' ')}`, () => {
          const r = resultFor(text, req.id, profile);
          expect({ status: r.status, message: r.message }).toMatchObject({ status });
        });
      });
    }
  });
}
