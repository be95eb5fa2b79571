/**
 * No hangs: the tokenizer, the phrase scanner, every matcher, the engine and the loaders stay
 * linear on hostile text, and a whole audit of each kind of structure stays linear and costs no
 * more than 5× a typical policy per byte. Each case times (in CPU time) the same work on a small
 * input and on one FACTOR (6) times larger, and compares the cost per byte (helpers/scaling.ts): no
 * absolute time limits.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// plain JavaScript shared with bench/cost.mjs, which measures the same structures in cold processes
import { STRUCTURES } from '../../bench/structures.mjs';
import { resolveProfile } from '../../src/audit/profile.js';
import { policyFromBytes } from '../../src/document/load.js';
import { ROOT } from '../helpers/run-cli.js';
import { auditDocument } from '../../src/audit/engine.js';
import { evaluateCheck } from '../../src/audit/evaluate-check.js';
import type { CompiledCheck } from '../../src/catalogue/compiled.js';
import { decodePolicyBytes } from '../../src/document/decode.js';
import { parseMarkdown } from '../../src/document/markdown.js';
import { InputError, type PolicyDocument } from '../../src/document/model.js';
import { parseYamlPolicy } from '../../src/document/yaml-policy.js';
import { findDates } from '../../src/match/dates.js';
import { DocIndex } from '../../src/match/doc-index.js';
import type { MatchContext } from '../../src/match/outcome.js';
import { tokenize } from '../../src/match/text.js';
import { catalogue, TEST_AS_OF } from '../helpers/audit-text.js';
import { documentOf, nearMatches, prefix, RUNS } from './helpers/adversarial.js';
import { cpuMs, describeGrowth, LINEAR_BOUND, steadyGrowth, type Growth } from './helpers/scaling.js';

function expectLinear(g: Growth): void {
  if (process.env.SHOW_GROWTH) console.log(expect.getState().currentTestName, describeGrowth(g));
  expect(g.ratio, describeGrowth(g)).toBeLessThan(LINEAR_BOUND);
}

const textSize = (s: string) => s.length;
const docSize = (d: PolicyDocument) => d.blocks.reduce((n, b) => n + b.text.length, 0);

/** Parse, and count a refusal (InputError) as done: refusing quickly is a fine answer to hostile input. */
function parseOrRefuse(parse: () => unknown): void {
  try {
    parse();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
  }
}

const near = nearMatches(catalogue().phrases.source);
const nearSentences = nearMatches(catalogue().phrases.source, true);

describe('tokenizer: long runs of one character or unit', () => {
  for (const unit of Object.values(RUNS)) {
    it(`"${unit}" repeated`, () => {
      expectLinear(steadyGrowth((k) => unit.repeat(Math.ceil((4000 * k) / unit.length)), textSize, tokenize));
    });
  }
});

describe('phrase scanner: near matches of every catalogue phrase', () => {
  const once = { maxScale: 1, runs: [2, 1] as [number, number] };
  it('in one endless sentence', () => {
    const phrases = catalogue().phrases;
    expectLinear(
      steadyGrowth(
        (k) => `${near} `.repeat(k),
        textSize,
        (tt) => phrases.scan(tt),
        { ...once, prepare: tokenize },
      ),
    );
  });
  it('the tokenizer on the same text', () => {
    expectLinear(steadyGrowth((k) => `${near} `.repeat(k), textSize, tokenize, once));
  });
});

describe('dates: fixed patterns stay linear', () => {
  for (const unit of ['1 ', '1/1/', 'September ', '1st of ', '2026-', '12 September, ']) {
    it(`"${unit}" repeated`, () => {
      expectLinear(steadyGrowth((k) => unit.repeat(Math.ceil((8000 * k) / unit.length)), textSize, findDates));
    });
  }
  it('one digit, then a long run of spaces', () => {
    expectLinear(steadyGrowth((k) => `1${' '.repeat(20000 * k)}x`, textSize, findDates));
  });
});

/** The phrase ids a compiled check looks for. */
function phraseIds(c: CompiledCheck): number[] {
  switch (c.type) {
    case 'near':
      return c.groups.flat();
    case 'timescale':
      return [...c.concept, ...c.also];
    case 'heading':
      return c.any;
    case 'terms':
      return c.terms.flatMap((t) => t.ids);
    case 'edition':
      return c.names;
    default:
      return [];
  }
}

/** At most n items, spread evenly over the list. */
function spread<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]!);
}

describe('matchers: each type, over near matches of the phrases it looks for', () => {
  const compiled = catalogue();
  const byType = new Map<string, CompiledCheck[]>();
  for (const r of compiled.requirements) for (const c of [...r.topic, ...r.specifics, ...r.outdated]) byType.set(c.type, [...(byType.get(c.type) ?? []), c]);
  for (const [type, checks] of [...byType].sort(([a], [b]) => a.localeCompare(b))) {
    // the same unit repeated: the large input holds exactly what the small one does, FACTOR times
    const ids = [...new Set(checks.flatMap(phraseIds))].sort((a, b) => a - b);
    const sources = spread(ids.length > 0 ? ids.map((i) => compiled.phrases.source[i]!) : compiled.phrases.source, 150);
    const shapes: Record<string, (k: number) => PolicyDocument> = {
      'one long sentence': (k) => documentOf([nearMatches(sources).repeat(k)]),
      'many short blocks': (k) => documentOf(Array.from({ length: k }, () => nearMatches(sources, true).split('. ')).flat()),
    };
    for (const [shape, make] of Object.entries(shapes)) {
      it(`${type} (${checks.length} checks), ${shape}`, () => {
        const prepare = (doc: PolicyDocument): MatchContext => ({ index: new DocIndex(doc, compiled.phrases), asOf: TEST_AS_OF, glossaryCounts: false });
        const run = (ctx: MatchContext) => {
          for (const c of checks) evaluateCheck(c, ctx);
        };
        expectLinear(steadyGrowth(make, docSize, run, { prepare, maxScale: 8 }));
      });
    }
  }
});

describe('engine: auditDocument on hostile documents', () => {
  const audit = (doc: PolicyDocument) => auditDocument(catalogue(), doc, { profile: 'vcse', profileSource: 'cli', asOf: TEST_AS_OF });
  const opts = { maxScale: 1, runs: [2, 1] as [number, number] };
  // every phrase of the catalogue, a slice at a time (each slice repeated, so small and large hold the same phrases)
  const SLICE = 45000;
  for (let from = 0; from < near.length; from += SLICE) {
    const slice = prefix(near.slice(from), SLICE);
    it(`near matches of phrases ${Math.round((100 * from) / near.length)}–${Math.min(100, Math.round((100 * (from + SLICE)) / near.length))}% of the catalogue, in one endless sentence`, () => {
      expectLinear(steadyGrowth((k) => documentOf([`${slice} `.repeat(k)]), docSize, audit, opts));
    });
  }
  it('near matches as sentences in one block, and as many blocks', () => {
    const unit = prefix(nearSentences, SLICE);
    expectLinear(steadyGrowth((k) => documentOf([`${unit} `.repeat(k)]), docSize, audit, opts));
    expectLinear(steadyGrowth((k) => documentOf(Array.from({ length: k }, () => unit.split('. ')).flat()), docSize, audit, opts));
  });
  for (const unit of ['safeguarding ', 'formerly the LSCB ', 'refer to the LADO within 3 working days ', 'Jane Smith ', '[insert name] ', 'a@b.co ', 'not ']) {
    it(`"${unit.trim()}" repeated in one sentence`, () => {
      expectLinear(steadyGrowth((k) => documentOf([unit.repeat(Math.ceil((6000 * k) / unit.length))]), docSize, audit));
    });
  }
});

describe('loaders: Markdown and YAML that used to be slow', () => {
  const md = (text: string) => parseOrRefuse(() => parseMarkdown('hostile.md', text));
  const yaml = (text: string) => parseOrRefuse(() => parseYamlPolicy('hostile.yaml', text));
  const mdCases: Record<string, (k: number) => string> = {
    // one paragraph of many lines: micromark is quadratic in them, so long paragraphs are cut into pieces
    'a paragraph of thousands of lines': (k) => 'Staff report every concern to the lead.\n'.repeat(100 * k),
    'a quoted paragraph of thousands of lines': (k) => '> Staff report every concern to the lead.\n'.repeat(100 * k),
    'lines of template tags ending in text': (k) => `${'{% a %}'.repeat(30)}x\n`.repeat(10 * k),
    'unclosed fenced divs': (k) => ':::note\n'.repeat(300 * k),
    'a fenced div title with a long tail': (k) => `::: note${' '.repeat(3000 * k)}\u2028x\n`,
    'indented code with many blank lines': (k) => `    alpha beta gamma delta epsilon\n${'\n'.repeat(2000 * k)}    zeta\n`,
    'emphasis markers up to the limit, in many paragraphs': (k) => `${'*a '.repeat(100)}x${' a*'.repeat(100)}\n\n`.repeat(k),
    'lists nested 10,000 deep (refused)': (k) => `${'- '.repeat(1250 * k)}x\n`,
    'quotes nested 10,000 deep (refused)': (k) => `${'> '.repeat(1250 * k)}x\n`,
    'too many markers in one paragraph (refused)': (k) => `${'*a '.repeat(1000 * k)}x\n`,
  };
  for (const [name, make] of Object.entries(mdCases)) {
    it(`Markdown: ${name}`, () => {
      expectLinear(steadyGrowth(make, textSize, md));
    });
  }
  const yamlCases: Record<string, (k: number) => string> = {
    'one very long text': (k) => `sections:\n  - heading: A\n    text: "${'a '.repeat(5000 * k)}"\n`,
    'many sections': (k) => `sections:\n${'  - heading: Roles\n    text: The DSL leads.\n'.repeat(100 * k)}`,
    'sections nested 10,000 deep (refused)': (k) => `sections: ${'[{heading: a, sections: '.repeat(300 * k)}[]${'}]'.repeat(300 * k)}\n`,
  };
  for (const [name, make] of Object.entries(yamlCases)) {
    it(`YAML: ${name}`, () => {
      expectLinear(steadyGrowth(make, textSize, yaml));
    });
  }
  it('decoding windows-1252 bytes', () => {
    const make = (k: number) => new Uint8Array(20000 * k).fill(0x92);
    expectLinear(
      steadyGrowth(
        make,
        (b) => b.length,
        (b) => decodePolicyBytes(b, 'cp1252.md'),
      ),
    );
  });
});

describe('whole audit: each kind of structure, beside a typical policy', () => {
  /** Read, parse and judge a file's bytes, as the CLI does for each file. */
  const auditBytes = ({ name, bytes }: { name: string; bytes: Uint8Array }) => {
    const doc = policyFromBytes(name, bytes, name.endsWith('.yaml') ? 'yaml' : 'markdown');
    auditDocument(catalogue(), doc, { profile: resolveProfile(doc, undefined).profile, profileSource: 'default', asOf: TEST_AS_OF });
  };
  const encoder = new TextEncoder();
  /** Every second one of the samples and the evaluation policies (each set and profile is among them): real-looking policies of 3–15 KB. */
  const typical = ['samples', 'test/eval/policies']
    .flatMap((dir) =>
      readdirSync(join(ROOT, dir))
        .filter((f) => f.endsWith('.md') && !/^readme/i.test(f))
        .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join(ROOT, dir, f))) })),
    )
    .filter((_, i) => i % 2 === 0);
  const typicalBytes = typical.reduce((n, t) => n + t.bytes.length, 0);
  /** CPU time per byte of auditing the typical policies, the fastest of three rounds. */
  let typicalPerByte = 0;
  beforeAll(() => {
    typical.forEach(auditBytes); // warm up
    let best = Infinity;
    for (let round = 0; round < 3; round++) {
      const t = cpuMs();
      typical.forEach(auditBytes);
      best = Math.min(best, cpuMs() - t);
    }
    typicalPerByte = best / typicalBytes;
  }, 120_000);
  /** No structure may cost more than this many times a typical policy, per byte. */
  const MAX_TIMES_TYPICAL = 5;

  for (const [kind, structure] of Object.entries(STRUCTURES)) {
    it(`${kind}: linear, and at most ${MAX_TIMES_TYPICAL}× a typical policy per byte`, () => {
      const input = (k: number) => ({ name: `structure.${structure.ext}`, bytes: encoder.encode(structure.make(8192 * k)) });
      const g = steadyGrowth(input, (i) => i.bytes.length, auditBytes, { maxScale: 4 });
      expectLinear(g);
      const times = g.largeMs / g.largeBytes / typicalPerByte;
      if (process.env.SHOW_GROWTH) console.log(kind, `${times.toFixed(2)}× typical per byte`);
      expect(times, `${describeGrowth(g)}: ${times.toFixed(2)}× a typical policy per byte`).toBeLessThan(MAX_TIMES_TYPICAL);
    });
  }
});
