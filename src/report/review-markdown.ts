/**
 * The review in GitHub-flavoured Markdown: the same contents as the HTML review (cover, summary
 * with ratings, new in 2026, every requirement, action plan, method and limits), for a repository
 * or a document that is edited by hand. All text goes through escapeMarkdown, so nothing in a
 * policy can become a link, an image, HTML or a table cell.
 */
import type { AuditReport, DocumentResult, InputErrorReport, RequirementInfo, RequirementResult, Status } from '../audit/result.js';
import { escapeMarkdown as md, markdownCode } from './markdown-escape.js';
import {
  buildReview,
  defaultTitle,
  METHOD_AND_LIMITS,
  noteOf,
  precisionOf,
  PROFILE_SOURCE_TEXT,
  RAG_LABEL,
  RAG_RULE,
  catalogueChanges,
  safeUrl,
  SCORE_RULE,
  whereText,
  type DocumentReview,
  type Review,
  type ReviewOptions,
} from './review-model.js';
import { STATUS_LABEL, STATUS_ORDER, STATUS_SYMBOL } from './status-words.js';

function status(s: Status): string {
  return `${STATUS_SYMBOL[s]} ${STATUS_LABEL[s]}`;
}

function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function pct(score: number | null): string {
  return score === null ? '–' : `${score}%`;
}

function cover(review: Review, title: string): string {
  const r = review.report;
  const out: string[] = [
    `# ${md(title)}`,
    '',
    `A review of ${review.documents.length === 1 ? 'one safeguarding policy' : `${review.documents.length} safeguarding policies`} against *Working Together to Safeguard Children ${md(r.catalogue.edition)}*, as of ${md(r.asOf)}.`,
  ];
  for (const [i, d] of review.documents.entries()) {
    const doc = d.doc;
    out.push('', review.documents.length === 1 ? '**The policy**' : `**Policy ${i + 1} of ${review.documents.length}**`, '');
    out.push(
      table(
        ['', ''],
        [
          ['Organisation', doc.organisation !== undefined ? md(doc.organisation) : '*not given in the policy*'],
          ...(doc.title !== undefined ? [['Policy title', md(doc.title)]] : []),
          ...(doc.pack
            ? [
                ['Pack', `${md(doc.path)}${doc.pack.submitted ? `, submitted ${md(doc.pack.submitted)}` : ''}`],
                ...doc.pack.documents.map((m, k) => [
                  `Document ${k + 1}`,
                  `${md(m.path)} (${md(m.format)})${m.title ? `, ${md(m.title)}` : ''}, SHA-256 ${markdownCode(m.sha256)}`,
                ]),
              ]
            : [
                ['File', `${md(doc.path)} (${md(doc.format)})`],
                ['SHA-256 of the file', markdownCode(doc.sha256)],
              ]),
          ['Judged as', `${md(doc.profile)}: ${md(PROFILE_SOURCE_TEXT[doc.profileSource])}`],
          ['Overall score', `**${doc.score}%**`],
        ],
      ),
    );
  }
  out.push(
    '',
    '**This review**',
    '',
    table(
      ['', ''],
      [
        ['Catalogue', `${md(r.catalogue.id)}, Working Together ${md(r.catalogue.edition)} edition, ${r.catalogue.requirements} requirements`],
        ...(catalogueChanges(r.catalogue) ? [['Catalogue changes', md(catalogueChanges(r.catalogue)!)]] : []),
        ['SHA-256 of the catalogue', markdownCode(r.catalogue.sha256)],
        ['Tool', `${md(r.tool.name)} ${md(r.tool.version)}`],
        ['Dates judged as at', md(r.asOf)],
        ['Report schema', md(r.schemaVersion)],
      ],
    ),
  );
  return out.join('\n');
}

function summary(d: DocumentReview): string {
  const doc = d.doc;
  const findings = doc.counts.gap + doc.counts.partial + doc.counts.outdated + doc.counts['needs-review'];
  const out = [
    '### Summary',
    '',
    `Overall score **${doc.score}%**. Of ${doc.results.length} requirements in the catalogue, ${doc.results.length - doc.counts['not-applicable']} apply to a ${md(doc.profile)} policy; ${findings === 0 ? 'none needs action' : `${findings} need${findings === 1 ? 's' : ''} action (see the action plan)`}.`,
    '',
    table(
      STATUS_ORDER.map((s) => status(s)),
      [STATUS_ORDER.map((s) => String(doc.counts[s]))],
    ),
    '',
    table(
      ['Chapter', 'Score', 'Rating', 'Met', 'Partial', 'Gap', 'Outdated or needs review', '“Must” gaps', 'Not applicable'],
      d.chapters.map((c) => [
        md(c.name),
        pct(c.score),
        RAG_LABEL[c.rag],
        String(c.counts.met),
        String(c.counts.partial),
        String(c.counts.gap),
        String(c.counts.outdated + c.counts['needs-review']),
        String(c.mustGaps),
        String(c.counts['not-applicable']),
      ]),
    ),
    '',
    `**How the ratings are decided.** ${md(SCORE_RULE)}`,
    '',
    ...RAG_RULE.text.map((t) => `- ${md(t)}`),
  ];
  return out.join('\n');
}

function recent(d: DocumentReview): string {
  if (d.recent.length === 0) return '';
  return [
    '### New and strengthened in 2026',
    '',
    table(
      ['Status', 'Requirement', 'In 2026', 'Strength'],
      d.recent.map((r) => [status(r.status), `${md(r.title)} (${markdownCode(r.id)})`, r.change === 'new-2026' ? 'New' : 'Strengthened', r.strength]),
    ),
  ].join('\n');
}

function requirement(r: RequirementResult, doc: DocumentResult, info: RequirementInfo | undefined): string {
  const change = r.change === 'new-2026' ? ', new in 2026' : r.change === 'strengthened-2026' ? ', strengthened in 2026' : '';
  const out = [`#### ${md(r.id)}: ${md(r.title)}`, '', `- **Status:** ${status(r.status)} (${r.strength}${change})`];
  const note = noteOf(r);
  if (note !== undefined) out.push(`- **Finding:** ${md(note)}`);
  if (r.status === 'waived') {
    const w = r.waiver;
    const parts = w
      ? [
          w.reason !== undefined ? `reason: ${md(w.reason)}` : '',
          w.approvedBy !== undefined ? `approved by: ${md(w.approvedBy)}` : '',
          w.expires !== undefined ? `expires: ${md(w.expires)}` : '',
          w.source !== undefined ? `recorded in: ${md(w.source)}` : '',
        ].filter(Boolean)
      : ['accepted by a waiver; the run recorded no reason or approver'];
    out.push(`- **Waiver:** ${parts.join('; ')}`);
  }
  if (r.evidence.length === 0) out.push('- **Evidence:** none found in the policy');
  else {
    out.push('- **Evidence:**');
    // a Word or PDF quote is placed as its reader finds it ("p. 3, line 12", "¶ 42")
    for (const e of r.evidence)
      out.push(
        `  - ${md(e.document ?? doc.path)}, ${e.where ? md(e.where) : `line ${e.line}${e.endLine > e.line ? `–${e.endLine}` : ''}`}: “${md(e.excerpt)}”`,
      );
  }
  const where = r.status === 'met' ? undefined : whereText(r);
  if (where !== undefined) out.push(`- **${r.status === 'gap' ? 'Where it belongs' : 'Where to strengthen it'}:** ${md(where)}`);
  if (r.status !== 'met' && info) {
    out.push(`- **What to add:** ${md(info.remediation)}`);
    if (info.modelWording) out.push(`- **Model wording** (adapt the bracketed parts): ${md(info.modelWording)}`);
  }
  const url = safeUrl(info?.referenceDetail.url);
  out.push(`- **Reference:** ${md(info?.reference ?? r.reference)}${url ? ` <${url}>` : ''}`);
  out.push(`- **Precision:** ${md(precisionOf(info))}`);
  return out.join('\n');
}

function notApplicable(d: DocumentReview): string {
  if (d.notApplicable.length === 0) return '';
  return [
    '### Not applicable',
    '',
    `These requirements do not apply to a ${md(d.doc.profile)} policy, so they are not scored.`,
    '',
    table(
      ['Requirement', 'Why'],
      d.notApplicable.map((r) => [`${md(r.title)} (${markdownCode(r.id)})`, md(r.message)]),
    ),
  ].join('\n');
}

function actionPlan(d: DocumentReview, review: Review): string {
  if (d.actions.length === 0) return '### Action plan\n\nNo finding: nothing to add.';
  const rows = d.actions.map((r, i) => {
    const info = review.requirements.get(r.id);
    const note = noteOf(r);
    const where = whereText(r);
    const what = [note !== undefined ? `*${md(note)}.*` : '', md(info?.remediation ?? ''), where !== undefined ? `Place: ${md(where)}.` : '']
      .filter(Boolean)
      .join(' ');
    return [String(i + 1), `${md(r.title)} (${markdownCode(r.id)})`, r.strength, status(r.status), what, md(info?.reference ?? r.reference), ' ', ' '];
  });
  return [
    '### Action plan',
    '',
    'Every finding (gap, partial, outdated, needs review), “must” before “should” and gaps first. The owner and due-date columns are left for you to fill in.',
    '',
    table(['#', 'Requirement', 'Strength', 'Status', 'What to add', 'Reference', 'Owner', 'Due date'], rows),
  ].join('\n');
}

function documentPart(d: DocumentReview, review: Review): string {
  const doc = d.doc;
  const name = doc.organisation !== undefined ? `${doc.organisation}${doc.title !== undefined ? `: ${doc.title}` : ''}` : doc.path;
  const parts = [
    `## ${md(name)}`,
    '',
    `${doc.pack ? `Pack of ${doc.pack.documents.length} documents` : 'File'} ${md(doc.path)}, judged as a ${md(doc.profile)} policy.`,
    '',
    summary(d),
    recent(d),
  ];
  for (const c of d.byChapter) {
    parts.push(`### ${md(c.name)}`, c.results.map((r) => requirement(r, doc, review.requirements.get(r.id))).join('\n\n'));
  }
  parts.push(notApplicable(d), actionPlan(d, review));
  return parts.filter((p) => p !== '').join('\n\n');
}

function problems(errors: InputErrorReport[], warnings: InputErrorReport[]): string {
  if (errors.length + warnings.length === 0) return '';
  const place = (e: InputErrorReport) =>
    `${e.path}${e.line !== undefined ? `:${e.line}` : ''}${e.line !== undefined && e.column !== undefined ? `:${e.column}` : ''}`;
  const list = (xs: InputErrorReport[]) => xs.map((e) => `- ${md(place(e))}: ${md(e.message)}`).join('\n');
  const out = ['## Files not audited and warnings'];
  if (errors.length > 0) out.push('', '### Not audited', '', 'These could not be read or audited, so this review says nothing about them.', '', list(errors));
  if (warnings.length > 0) out.push('', '### Warnings', '', list(warnings));
  return out.join('\n');
}

/** The whole review of a report as one Markdown document. The same report gives the same bytes. */
export function renderReviewMarkdown(report: AuditReport, opts: ReviewOptions = {}): string {
  const review = buildReview(report);
  const parts = [
    cover(review, opts.title ?? defaultTitle(review)),
    ...review.documents.map((d) => documentPart(d, review)),
    problems(report.errors, report.warnings),
    ['## Method and limits', ...METHOD_AND_LIMITS.map((p) => md(p))].join('\n\n'),
  ];
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`;
}
