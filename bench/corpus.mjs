/**
 * Generates a benchmark corpus of realistic, varied Markdown policies from the bundled samples and
 * the evaluation policies: each file has its own front matter (organisation, type, dates, named
 * leads), a title, and about 8 KB of sections drawn from different source policies, shuffled,
 * renumbered, with names, phone numbers and some wording varied. Deterministic for a given N.
 *
 *   node bench/corpus.mjs [N] [outDir]
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = [join(ROOT, 'samples'), join(ROOT, 'test', 'eval', 'policies')];
export const TARGET_BYTES = 8 * 1024;

/** Small seeded PRNG (mulberry32), so the same N gives the same corpus. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (r, list) => list[Math.floor(r() * list.length)];
function shuffle(r, list) {
  const a = [...list];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

const PLACES = [
  'Ashby',
  'Brookfield',
  'Castleford',
  'Dunmore',
  'Elmstead',
  'Fairhaven',
  'Glenwood',
  'Hartley',
  'Ivybridge',
  'Kingsmere',
  'Larkhill',
  'Millford',
  'Northcote',
  'Oakridge',
  'Pennington',
  'Queensbury',
  'Redcliffe',
  'Stanwick',
  'Thornbury',
  'Upwood',
  'Wexcombe',
  'Yardley',
];
const KINDS = [
  { type: 'school', names: ['Primary School', 'Academy', 'C of E Primary School', 'High School', 'Infant School'] },
  { type: 'sports', names: ['Juniors FC', 'Swimming Club', 'Cricket Club', 'Gymnastics Club', 'Athletics Club', 'RFC'] },
  { type: 'vcse', names: ['Youth Club', 'Community Trust', 'Scout Group', 'Youth Theatre', 'Family Centre', 'Church'] },
  { type: 'health', names: ['Medical Practice', 'Community Health Trust', 'Dental Practice'] },
  { type: 'residential', names: ["Children's Home", 'Residential School'] },
  { type: 'fostering', names: ['Fostering Service', 'Family Placements'] },
];
const FIRST = [
  'Aisha',
  'Ben',
  'Chloe',
  'Daniel',
  'Elena',
  'Farid',
  'Grace',
  'Harry',
  'Imani',
  'Jack',
  'Kiran',
  'Laura',
  'Mohammed',
  'Niamh',
  'Oliver',
  'Priya',
  'Rhys',
  'Sophie',
  'Tom',
  'Yusuf',
  'Zara',
];
const LAST = [
  'Ahmed',
  'Barker',
  'Clarke',
  'Dlamini',
  'Evans',
  'Fletcher',
  'Gupta',
  'Hughes',
  'Iqbal',
  'Jones',
  'Kowalski',
  'Lewis',
  'Murphy',
  'Nwosu',
  "O'Brien",
  'Patel',
  'Roberts',
  'Singh',
  'Taylor',
  'Walsh',
];
const LEAD_ROLES = [
  'Designated Safeguarding Lead',
  'Designated Safeguarding Officer',
  'Club Welfare Officer',
  'Safeguarding Lead',
  'Named Person for Safeguarding',
];
/** Wording swaps applied at random, both ways; all keep the sense of the sentence. */
const SWAPS = [
  ['staff and volunteers', 'staff, volunteers and trustees'],
  ['as soon as possible', 'without delay'],
  ['must', 'will'],
  ['young people', 'young members'],
  ['concerns', 'worries'],
  ['make sure', 'ensure'],
  ['record', 'write down'],
  ['parents and carers', 'parents or carers'],
];

function splitDoc(text) {
  const body = text.replace(/^---\n[\s\S]*?\n---\n/, '');
  const lines = body.split('\n');
  const sections = [];
  let cur = null;
  for (const line of lines) {
    if (/^#{2,3} /.test(line)) {
      if (cur) sections.push(cur);
      cur = { heading: line.replace(/^#+\s*/, '').replace(/^(?:\d+\.?)+\s*/, ''), lines: [] };
    } else if (cur) cur.lines.push(line);
  }
  if (cur) sections.push(cur);
  // keep sections with real text; drop tiny ones (a title line, an empty document-control block)
  return sections.map((s) => ({ heading: s.heading, text: s.lines.join('\n').trim() })).filter((s) => s.text.length > 200);
}

function loadSections() {
  const all = [];
  const sourceNames = [];
  for (const dir of SOURCES) {
    for (const f of readdirSync(dir).sort()) {
      if (!f.endsWith('.md') || /^readme/i.test(f)) continue;
      const text = readFileSync(join(dir, f), 'utf8').replace(/\r\n?/g, '\n');
      const org = /^organisation:\s*(.+)$/m.exec(text)?.[1]?.trim();
      const people = [...text.matchAll(/^\s*name:\s*(.+)$/gm)].map((m) => m[1].trim());
      sourceNames.push(...(org ? [org] : []));
      for (const s of splitDoc(text)) all.push({ ...s, org, people });
    }
  }
  return all;
}

function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function vary(r, text, org, people, newOrg, leadName) {
  let t = text;
  if (org) t = t.replace(new RegExp(escapeRe(org), 'g'), newOrg);
  for (const p of people) t = t.replace(new RegExp(escapeRe(p), 'g'), leadName);
  // phone numbers in the Ofcom drama ranges, renumbered
  t = t.replace(/\b(01632|0113 496|07700 900|020 7946) ?(\d{3,4})\b/g, (_, a) => `${a} ${String(Math.floor(r() * 900) + 100)}`);
  for (const [a, b] of SWAPS) {
    if (r() < 0.3) t = t.replace(new RegExp(`\\b${escapeRe(a)}\\b`, 'g'), b);
    else if (r() < 0.15) t = t.replace(new RegExp(`\\b${escapeRe(b)}\\b`, 'g'), a);
  }
  return t;
}

function isoDate(y, m, d) {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function makePolicy(i, sections) {
  const r = rng(0x5eed + i * 7919);
  const kind = pick(r, KINDS);
  const org = `${pick(r, PLACES)} ${pick(r, kind.names)}`;
  const person = () => `${pick(r, FIRST)} ${pick(r, LAST)}`;
  const lead = person();
  const deputy = person();
  const year = 2018 + Math.floor(r() * 9); // 2018 … 2026
  const approved = isoDate(year, 1 + Math.floor(r() * 12), 1 + Math.floor(r() * 28));
  const reviewBy = isoDate(year + 1, 1 + Math.floor(r() * 12), 1 + Math.floor(r() * 28));
  const role = pick(r, LEAD_ROLES);
  const slug = org.toLowerCase().replace(/[^a-z]+/g, '');
  const front = [
    '---',
    `organisation: ${org}`,
    r() < 0.85 ? `type: ${kind.type}` : null,
    'title: Safeguarding and Child Protection Policy',
    `approved: ${approved}`,
    r() < 0.8 ? `review_by: ${reviewBy}` : null,
    'leads:',
    `  - role: ${role}`,
    `    name: ${lead}`,
    `    phone: "01632 960${String(100 + (i % 900)).padStart(3, '0')}"`,
    `    email: safeguarding@${slug}.example.org`,
    `  - role: Deputy ${role}`,
    `    name: ${deputy}`,
    '---',
    '',
  ].filter((l) => l !== null);
  const out = [
    ...front,
    `# ${org}: Safeguarding and Child Protection Policy`,
    '',
    `Approved by the ${pick(r, ['board of trustees', 'governing body', 'committee', 'management team'])} on ${approved}.`,
    '',
  ];
  let size = out.join('\n').length;
  const used = new Set();
  let n = 0;
  for (const s of shuffle(r, sections)) {
    if (size >= TARGET_BYTES - 300) break;
    if (used.has(s.heading.toLowerCase())) continue;
    const text = vary(r, s.text, s.org, s.people, org, lead);
    if (size + text.length > TARGET_BYTES + 1200) continue;
    used.add(s.heading.toLowerCase());
    n++;
    // most documents use numbered ## headings; some use bold lines or unnumbered ### headings
    const style = r();
    const heading = style < 0.7 ? `## ${n}. ${s.heading}` : style < 0.85 ? `### ${s.heading}` : `**${s.heading}**`;
    out.push(heading, '', text, '');
    size += heading.length + text.length + 3;
  }
  return `${out.join('\n').trimEnd()}\n`;
}

export function generateCorpus(n, outDir) {
  const sections = loadSections();
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  let bytes = 0;
  const width = String(n).length;
  for (let i = 1; i <= n; i++) {
    const text = makePolicy(i, sections);
    bytes += Buffer.byteLength(text);
    writeFileSync(join(outDir, `policy-${String(i).padStart(Math.max(4, width), '0')}.md`), text);
  }
  return { files: n, bytes, sections: sections.length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const n = Number(process.argv[2] ?? 1000);
  const dir = process.argv[3] ?? join(ROOT, 'bench', 'corpus');
  const s = generateCorpus(n, dir);
  console.log(`${s.files} policies, ${(s.bytes / 1024 / s.files).toFixed(1)} KB each on average, from ${s.sections} source sections → ${dir}`);
}
