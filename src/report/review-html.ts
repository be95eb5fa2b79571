/**
 * The review as one self-contained HTML file, to read on screen or print: a cover, then per
 * document a summary (scores, counts, red/amber/green per chapter, a coverage chart), what is new
 * or strengthened in 2026, every requirement with its evidence or where its text belongs, and an
 * action plan; then how the statuses are decided and what the tool cannot see.
 *
 * Nothing is loaded from anywhere: the styles are inline, the chart is inline SVG, there is no
 * script, and a Content-Security-Policy forbids anything else. All text is escaped (html-escape.ts).
 */
import type { AuditReport, DocumentResult, InputErrorReport, RequirementInfo, RequirementResult, Status } from '../audit/result.js';
import { cssString, escapeHtml as h, idOf } from './html-escape.js';
import {
  buildReview,
  defaultTitle,
  METHOD_AND_LIMITS,
  noteOf,
  organisationsOf,
  precisionOf,
  PROFILE_SOURCE_TEXT,
  RAG_LABEL,
  RAG_RULE,
  catalogueChanges,
  safeUrl,
  SCORE_RULE,
  whereText,
  type ChapterSummary,
  type DocumentReview,
  type Rag,
  type Review,
  type ReviewOptions,
} from './review-model.js';
import { STATUS_LABEL, STATUS_ORDER, STATUS_SYMBOL } from './status-words.js';

import { REVIEW_CSS } from './review-style.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'";

function badge(status: Status): string {
  return `<span class="badge s-${status}"><span aria-hidden="true">${STATUS_SYMBOL[status]}</span> ${h(STATUS_LABEL[status])}</span>`;
}

function ragBadge(rag: Rag): string {
  const symbol = { green: '●', amber: '◆', red: '▲', unrated: '–' }[rag];
  return `<span class="badge r-${rag}"><span aria-hidden="true">${symbol}</span> ${RAG_LABEL[rag]}</span>`;
}

function pct(score: number | null): string {
  return score === null ? '–' : `${score}%`;
}

function row(cells: string[]): string {
  return `<tr>${cells.join('')}</tr>`;
}

/** A two-column table of facts, headers in the first column. */
function factTable(caption: string, facts: Array<[string, string]>, cls = 'facts'): string {
  const rows = facts.map(([k, v]) => row([`<th scope="row">${h(k)}</th>`, `<td>${v}</td>`])).join('\n');
  return `<table class="${cls}"><caption>${h(caption)}</caption><tbody>\n${rows}\n</tbody></table>`;
}

function mono(text: string): string {
  return `<code class="hash">${h(text)}</code>`;
}

// ---------------------------------------------------------------------------------------------
// cover

function cover(review: Review, title: string): string {
  const r = review.report;
  const out: string[] = [];
  out.push(`<header class="cover" id="cover">`);
  out.push(`<p class="kicker">Working Together to Safeguard Children ${h(r.catalogue.edition)}</p>`);
  out.push(`<h1>${h(title)}</h1>`);
  out.push(
    `<p class="lede">A review of ${review.documents.length === 1 ? 'one safeguarding policy' : `${review.documents.length} safeguarding policies`} against the ${h(r.catalogue.edition)} statutory guidance, as of ${h(r.asOf)}.</p>`,
  );
  for (const [i, d] of review.documents.entries()) {
    const doc = d.doc;
    const facts: Array<[string, string]> = [
      ['Organisation', doc.organisation !== undefined ? h(doc.organisation) : '<em>not given in the policy</em>'],
      ...(doc.title !== undefined ? ([['Policy title', h(doc.title)]] as Array<[string, string]>) : []),
      ...(doc.pack
        ? ([
            ['Pack', `<code>${h(doc.path)}</code>${doc.pack.submitted ? `, submitted ${h(doc.pack.submitted)}` : ''}`],
            ...doc.pack.documents.map((m, k): [string, string] => [
              `Document ${k + 1}`,
              `<code>${h(m.path)}</code> (${h(m.format)})${m.title ? `, ${h(m.title)}` : ''}<br>SHA-256 ${mono(m.sha256)}`,
            ]),
          ] as Array<[string, string]>)
        : ([
            ['File', `<code>${h(doc.path)}</code> (${h(doc.format)})`],
            ['SHA-256 of the file', mono(doc.sha256)],
          ] as Array<[string, string]>)),
      ['Judged as', `${h(doc.profile)}: ${h(PROFILE_SOURCE_TEXT[doc.profileSource])}`],
      ['Overall score', `<strong>${doc.score}%</strong>`],
    ];
    out.push(factTable(review.documents.length === 1 ? 'The policy' : `Policy ${i + 1} of ${review.documents.length}`, facts));
  }
  out.push(
    factTable('This review', [
      ['Catalogue', `${h(r.catalogue.id)}, Working Together ${h(r.catalogue.edition)} edition, ${r.catalogue.requirements} requirements`],
      ...(catalogueChanges(r.catalogue) ? [['Catalogue changes', h(catalogueChanges(r.catalogue)!)] as [string, string]] : []),
      ['SHA-256 of the catalogue', mono(r.catalogue.sha256)],
      ['Tool', `${h(r.tool.name)} ${h(r.tool.version)}`],
      ['Dates judged as at', h(r.asOf)],
      ['Report schema', h(r.schemaVersion)],
    ]),
  );
  out.push(`</header>`);
  return out.join('\n');
}

function contents(review: Review): string {
  const items = review.documents.map((d, i) => {
    const sub = [
      `<li><a href="#${idOf('doc', String(i + 1), 'summary')}">Summary</a></li>`,
      ...(d.recent.length > 0 ? [`<li><a href="#${idOf('doc', String(i + 1), 'recent')}">New and strengthened in 2026</a></li>`] : []),
      ...d.byChapter.map((c) => `<li><a href="#${idOf('doc', String(i + 1), c.key)}">${h(c.name)}</a></li>`),
      ...(d.notApplicable.length > 0 ? [`<li><a href="#${idOf('doc', String(i + 1), 'na')}">Not applicable</a></li>`] : []),
      `<li><a href="#${idOf('doc', String(i + 1), 'actions')}">Action plan</a></li>`,
    ];
    return `<li><a href="#${idOf('doc', String(i + 1))}">${h(d.name)}</a><ol>${sub.join('')}</ol></li>`;
  });
  const problems = review.report.errors.length + review.report.warnings.length > 0 ? `<li><a href="#problems">Files not audited and warnings</a></li>` : '';
  return `<nav class="contents" aria-labelledby="contents-h"><h2 id="contents-h">Contents</h2><ol>${items.join('\n')}${problems}<li><a href="#method">Method and limits</a></li></ol></nav>`;
}

// ---------------------------------------------------------------------------------------------
// summary

const BAR_FILL: Record<Rag, string> = { green: '#1d7a3e', amber: '#b06a00', red: '#b3261e', unrated: '#767676' };

/** Coverage per chapter as horizontal bars, with the rating thresholds marked. */
function chart(d: DocumentReview, n: number): string {
  const rated = d.chapters;
  const W = 640;
  const bar = 430;
  const x0 = 0;
  const rowH = 38;
  const top = 22;
  const H = top + rowH * rated.length + 8;
  const tid = idOf('doc', String(n), 'chart-title');
  const did = idOf('doc', String(n), 'chart-desc');
  const parts: string[] = [];
  parts.push(
    `<svg class="chart" role="img" aria-labelledby="${tid} ${did}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" xmlns="http://www.w3.org/2000/svg">`,
  );
  parts.push(`<title id="${tid}">Coverage per chapter: ${h(d.name)}</title>`);
  const desc = rated.map((c) => `${c.name}: ${c.score === null ? 'not rated' : `${c.score}%, ${RAG_LABEL[c.rag].toLowerCase()}`}`).join('; ');
  parts.push(`<desc id="${did}">${h(desc)}. The same figures are in the table of chapters.</desc>`);
  for (const [at, label] of [
    [RAG_RULE.red, `${RAG_RULE.red}%`],
    [RAG_RULE.green, `${RAG_RULE.green}%`],
  ] as const) {
    parts.push(`<text x="${x0 + (bar * at) / 100}" y="11" text-anchor="middle" class="axis">${label}</text>`);
  }
  rated.forEach((c, i) => {
    const y = top + i * rowH;
    const w = c.score === null ? 0 : Math.max(1, (bar * c.score) / 100);
    parts.push(`<text x="${x0}" y="${y + 11}" class="label">${h(c.name)}</text>`);
    parts.push(`<rect x="${x0}" y="${y + 16}" width="${bar}" height="14" fill="#f0f0f0" stroke="#8a8a8a" stroke-width="0.5" />`);
    if (w > 0) parts.push(`<rect x="${x0}" y="${y + 16}" width="${w.toFixed(1)}" height="14" fill="${BAR_FILL[c.rag]}" />`);
    // the thresholds, across the bar only, so they never strike through a label
    for (const at of [RAG_RULE.red, RAG_RULE.green])
      parts.push(`<line x1="${x0 + (bar * at) / 100}" y1="${y + 13}" x2="${x0 + (bar * at) / 100}" y2="${y + 33}" stroke="#3d3d3d" stroke-dasharray="2 2" />`);
    parts.push(`<text x="${x0 + bar + 8}" y="${y + 28}" class="value">${c.score === null ? 'not rated' : `${c.score}% · ${RAG_LABEL[c.rag]}`}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

function countsTable(d: DocumentResult, n: number): string {
  const head = STATUS_ORDER.map((s) => `<th scope="col">${badge(s)}</th>`).join('');
  const cells = STATUS_ORDER.map((s) => `<td class="num" data-count="${s}">${d.counts[s]}</td>`).join('');
  return `<table class="counts" id="${idOf('doc', String(n), 'counts')}"><caption>Requirements by status</caption><thead>${row([head])}</thead><tbody>${row([cells])}</tbody></table>`;
}

function chapterTable(chapters: ChapterSummary[]): string {
  const head = row([
    '<th scope="col">Chapter</th>',
    '<th scope="col">Score</th>',
    '<th scope="col">Rating</th>',
    '<th scope="col">Met</th>',
    '<th scope="col">Partial</th>',
    '<th scope="col">Gap</th>',
    '<th scope="col">Outdated or needs review</th>',
    '<th scope="col">“Must” gaps</th>',
    '<th scope="col">Not applicable</th>',
  ]);
  const body = chapters
    .map((c) =>
      row([
        `<th scope="row">${h(c.name)}</th>`,
        `<td class="num">${pct(c.score)}</td>`,
        `<td>${ragBadge(c.rag)}</td>`,
        `<td class="num">${c.counts.met}</td>`,
        `<td class="num">${c.counts.partial}</td>`,
        `<td class="num">${c.counts.gap}</td>`,
        `<td class="num">${c.counts.outdated + c.counts['needs-review']}</td>`,
        `<td class="num">${c.mustGaps}</td>`,
        `<td class="num">${c.counts['not-applicable']}</td>`,
      ]),
    )
    .join('\n');
  return `<table class="chapters"><caption>Score and rating per chapter (the text equivalent of the chart)</caption><thead>${head}</thead><tbody>\n${body}\n</tbody></table>`;
}

function summary(d: DocumentReview, n: number): string {
  const doc = d.doc;
  const out: string[] = [];
  out.push(`<section class="summary" aria-labelledby="${idOf('doc', String(n), 'summary')}">`);
  out.push(`<h3 id="${idOf('doc', String(n), 'summary')}">Summary</h3>`);
  const findings = doc.counts.gap + doc.counts.partial + doc.counts.outdated + doc.counts['needs-review'];
  out.push(
    `<p class="score">Overall score <strong>${doc.score}%</strong>. Of ${doc.results.length} requirements in the catalogue, ${doc.results.length - doc.counts['not-applicable']} apply to a ${h(doc.profile)} policy; ${findings === 0 ? 'none needs action' : `${findings} need${findings === 1 ? 's' : ''} action (see the action plan)`}.</p>`,
  );
  out.push(countsTable(doc, n));
  out.push(
    `<figure class="chart-figure">${chart(d, n)}<figcaption>Coverage per chapter; dashed lines mark the ${RAG_RULE.red}% and ${RAG_RULE.green}% thresholds.</figcaption></figure>`,
  );
  out.push(chapterTable(d.chapters));
  out.push(
    `<div class="rule"><p><strong>How the ratings are decided.</strong> ${h(SCORE_RULE)}</p><ul>${RAG_RULE.text.map((t) => `<li>${h(t)}</li>`).join('')}</ul></div>`,
  );
  out.push('</section>');
  return out.join('\n');
}

function recent(d: DocumentReview, n: number): string {
  if (d.recent.length === 0) return '';
  const body = d.recent
    .map((r) =>
      row([
        `<td>${badge(r.status)}</td>`,
        `<th scope="row"><a href="#${idOf('doc', String(n), r.id)}">${h(r.title)}</a><br><span class="rid">${h(r.id)}</span></th>`,
        `<td>${r.change === 'new-2026' ? 'New' : 'Strengthened'}</td>`,
        `<td>${h(r.strength)}</td>`,
      ]),
    )
    .join('\n');
  return `<section class="recent" aria-labelledby="${idOf('doc', String(n), 'recent')}"><h3 id="${idOf('doc', String(n), 'recent')}">New and strengthened in 2026</h3>
<p>What the 2026 edition added or made stronger, and where this policy stands on each.</p>
<table class="list"><caption>New and strengthened requirements</caption><thead>${row(['<th scope="col">Status</th>', '<th scope="col">Requirement</th>', '<th scope="col">In 2026</th>', '<th scope="col">Strength</th>'])}</thead><tbody>
${body}
</tbody></table></section>`;
}

// ---------------------------------------------------------------------------------------------
// requirements

function evidenceList(r: RequirementResult, path: string): string {
  if (r.evidence.length === 0) return '<p class="none">No evidence was found in the policy.</p>';
  return r.evidence
    .map(
      (e) =>
        `<figure class="evidence"><blockquote><p>${h(e.excerpt)}</p></blockquote><figcaption>${h(e.document ?? path)}, ${e.where ? h(e.where) : `line ${e.line}${e.endLine > e.line ? `–${e.endLine}` : ''}`}</figcaption></figure>`,
    )
    .join('\n');
}

function reference(r: RequirementResult, info: RequirementInfo | undefined): string {
  const url = safeUrl(info?.referenceDetail.url);
  const link = url ? `<br><a href="${h(url)}" rel="noreferrer">${h(url)}</a>` : '';
  return `${h(info?.reference ?? r.reference)}.${link}<br><span class="precision">Precision: ${h(precisionOf(info))}.</span>`;
}

function requirement(r: RequirementResult, doc: DocumentResult, info: RequirementInfo | undefined, n: number): string {
  const facts: string[] = [];
  const fact = (k: string, v: string) => facts.push(`<dt>${h(k)}</dt><dd>${v}</dd>`);
  const change = r.change === 'new-2026' ? ', new in 2026' : r.change === 'strengthened-2026' ? ', strengthened in 2026' : '';
  fact('Status', `${badge(r.status)} <span class="strength">${h(r.strength)}${change}</span>`);
  const note = noteOf(r);
  if (note !== undefined) fact('Finding', h(note));
  const waiver = r.waiver;
  if (r.status === 'waived') {
    const parts = waiver
      ? [
          waiver.reason !== undefined ? `Reason: ${h(waiver.reason)}` : undefined,
          waiver.approvedBy !== undefined ? `Approved by: ${h(waiver.approvedBy)}` : undefined,
          waiver.expires !== undefined ? `Expires: ${h(waiver.expires)}` : undefined,
          waiver.source !== undefined ? `Recorded in: ${h(waiver.source)}` : undefined,
        ].filter((p): p is string => p !== undefined)
      : ['Accepted by a waiver; the run recorded no reason or approver.'];
    fact('Waiver', parts.join('<br>'));
  }
  fact('Evidence', evidenceList(r, doc.path));
  const where = r.status === 'met' ? undefined : whereText(r);
  if (where !== undefined) fact(r.status === 'gap' ? 'Where it belongs' : 'Where to strengthen it', h(where));
  if (r.status !== 'met' && info) {
    fact('What to add', h(info.remediation));
    if (info.modelWording)
      fact(
        'Model wording',
        `<div class="model">${h(info.modelWording)}</div><p class="hint">Adapt the bracketed parts; check it against your own procedures before adopting it.</p>`,
      );
  }
  fact('Reference', reference(r, info));
  return `<article class="req" id="${idOf('doc', String(n), r.id)}" data-status="${r.status}">
<h4><span class="rid">${h(r.id)}</span> ${h(r.title)}</h4>
<dl>${facts.join('\n')}</dl>
</article>`;
}

function chapters(d: DocumentReview, review: Review, n: number): string {
  return d.byChapter
    .map((c) => {
      const body = c.results.map((r) => requirement(r, d.doc, review.requirements.get(r.id), n)).join('\n');
      return `<section class="chapter" aria-labelledby="${idOf('doc', String(n), c.key)}"><h3 id="${idOf('doc', String(n), c.key)}">${h(c.name)}</h3>\n${body}\n</section>`;
    })
    .join('\n');
}

function notApplicable(d: DocumentReview, n: number): string {
  if (d.notApplicable.length === 0) return '';
  const body = d.notApplicable
    .map((r) => `<tr data-status="not-applicable"><th scope="row">${h(r.title)}<br><span class="rid">${h(r.id)}</span></th><td>${h(r.message)}</td></tr>`)
    .join('\n');
  return `<section class="na" aria-labelledby="${idOf('doc', String(n), 'na')}"><h3 id="${idOf('doc', String(n), 'na')}">Not applicable</h3>
<p>These requirements do not apply to a ${h(d.doc.profile)} policy, so they are not scored.</p>
<table class="list"><caption>Requirements that do not apply</caption><thead>${row(['<th scope="col">Requirement</th>', '<th scope="col">Why</th>'])}</thead><tbody>
${body}
</tbody></table></section>`;
}

/** Fixed column widths, so the plan fits the page and the text column gets the room. */
const PLAN_COLUMNS = `<colgroup>${['num', 'req', 'strength', 'status', 'what', 'ref', 'owner', 'due'].map((c) => `<col class="col-${c}">`).join('')}</colgroup>`;

function actionPlan(d: DocumentReview, review: Review, n: number): string {
  const id = idOf('doc', String(n), 'actions');
  const intro = `<h3 id="${id}">Action plan</h3>`;
  if (d.actions.length === 0) return `<section class="actions" aria-labelledby="${id}">${intro}<p>No finding: nothing to add.</p></section>`;
  const body = d.actions
    .map((r, i) => {
      const info = review.requirements.get(r.id);
      const where = whereText(r);
      const note = noteOf(r);
      return row([
        `<td class="num">${i + 1}</td>`,
        `<th scope="row">${h(r.title)}<br><span class="rid">${h(r.id)}</span></th>`,
        `<td>${h(r.strength)}</td>`,
        `<td>${badge(r.status)}</td>`,
        `<td>${note !== undefined ? `<p class="note">${h(note)}</p>` : ''}${h(info?.remediation ?? '')}${where !== undefined ? `<p class="where">Place: ${h(where)}.</p>` : ''}</td>`,
        `<td>${h(info?.reference ?? r.reference)}</td>`,
        '<td class="blank"></td>',
        '<td class="blank"></td>',
      ]);
    })
    .join('\n');
  const head = row([
    '<th scope="col">#</th>',
    '<th scope="col">Requirement</th>',
    '<th scope="col">Strength</th>',
    '<th scope="col">Status</th>',
    '<th scope="col">What to add</th>',
    '<th scope="col">Reference</th>',
    '<th scope="col">Owner</th>',
    '<th scope="col">Due date</th>',
  ]);
  return `<section class="actions" aria-labelledby="${id}">${intro}
<p>Every finding (gap, partial, outdated, needs review), “must” before “should” and gaps first. The owner and due-date columns are left for you to fill in.</p>
<table class="plan"><caption>Action plan: ${h(d.name)}</caption>${PLAN_COLUMNS}<thead>${head}</thead><tbody>
${body}
</tbody></table></section>`;
}

function documentSection(d: DocumentReview, review: Review, n: number): string {
  const id = idOf('doc', String(n));
  const name = d.doc.organisation !== undefined ? `${d.doc.organisation}${d.doc.title !== undefined ? `: ${d.doc.title}` : ''}` : d.doc.path;
  return `<section class="document page-${id}" aria-labelledby="${id}">
<h2 id="${id}">${h(name)}</h2>
<p class="path">${d.doc.pack ? `Pack of ${d.doc.pack.documents.length} documents` : 'File'} <code>${h(d.doc.path)}</code>, judged as a ${h(d.doc.profile)} policy.</p>
${summary(d, n)}
${recent(d, n)}
${chapters(d, review, n)}
${notApplicable(d, n)}
${actionPlan(d, review, n)}
</section>`;
}

// ---------------------------------------------------------------------------------------------

function problems(errors: InputErrorReport[], warnings: InputErrorReport[]): string {
  if (errors.length + warnings.length === 0) return '';
  const place = (e: InputErrorReport) =>
    `${e.path}${e.line !== undefined ? `:${e.line}` : ''}${e.line !== undefined && e.column !== undefined ? `:${e.column}` : ''}`;
  const list = (xs: InputErrorReport[]) => `<ul>${xs.map((e) => `<li><code>${h(place(e))}</code> ${h(e.message)}</li>`).join('')}</ul>`;
  return `<section class="problems" aria-labelledby="problems"><h2 id="problems">Files not audited and warnings</h2>
${errors.length > 0 ? `<h3>Not audited</h3><p>These could not be read or audited, so this review says nothing about them.</p>${list(errors)}` : ''}
${warnings.length > 0 ? `<h3>Warnings</h3>${list(warnings)}` : ''}
</section>`;
}

function method(): string {
  return `<section class="method" aria-labelledby="method"><h2 id="method">Method and limits</h2>
${METHOD_AND_LIMITS.map((p) => `<p>${h(p)}</p>`).join('\n')}
</section>`;
}

/** Per-document page names, so that each document's pages carry its own running header. */
function pageRules(review: Review): string {
  const asOf = cssString(`Review as of ${review.report.asOf}`);
  const rules = [`@page { @top-left { content: ${cssString(organisationsOf(review))}; } @top-right { content: ${asOf}; } }`];
  review.documents.forEach((d, i) => {
    const id = idOf('doc', String(i + 1));
    rules.push(`@page ${id} { @top-left { content: ${cssString(d.name)}; } }`);
    rules.push(`.page-${id} { page: ${id}; }`);
  });
  return rules.join('\n');
}

/** The whole review of a report as one HTML document. The same report gives the same bytes. */
export function renderReviewHtml(report: AuditReport, opts: ReviewOptions = {}): string {
  const review = buildReview(report);
  const title = opts.title ?? defaultTitle(review);
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${h(`${report.tool.name} ${report.tool.version}`)}">
<title>${h(`${title} (as of ${report.asOf})`)}</title>
<style>
${REVIEW_CSS}
${pageRules(review)}
</style>
</head>
<body>
<main>
${cover(review, title)}
${contents(review)}
${review.documents.map((d, i) => documentSection(d, review, i + 1)).join('\n')}
${problems(report.errors, report.warnings)}
${method()}
</main>
</body>
</html>
`;
}
