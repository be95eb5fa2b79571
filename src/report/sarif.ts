/**
 * SARIF 2.1.0 for code scanning (GitHub's profile of it). Only what needs fixing is a result: gap,
 * partial, outdated and needs review; met, not applicable and waived are left out (GitHub ignores
 * `kind` and suppressions, so they would show as alerts). Every result has a location with a
 * region: the anchor (the heading where the content belongs, or the section holding the weak
 * text), else line 1, in a repository-relative URI with a uriBaseId. partialFingerprints come from
 * the requirement id, the document's repository path and the anchor's heading trail, so an alert
 * keeps its identity when lines move. Each catalogue requirement is a rule with its citation and
 * remediation as help. Written a document at a time; the same results give the same bytes.
 */
import { createHash } from 'node:crypto';
import { resultFails, type FailOn } from '../audit/exit-code.js';
import type { AuditReport, DocumentResult, InputErrorReport, RequirementInfo, RequirementResult } from '../audit/result.js';
import type { Sink } from './pipelined-write.js';
import { anchorPath, findingDocument, findingLine, findingWhere, isReported, pathUri, repoPath } from './locate.js';
import { StreamingReporter, type ReportContext } from './reporter.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The base every artifact URI is relative to: the repository's root. */
export const URI_BASE_ID = 'SRCROOT';
/** The partialFingerprints key: versioned, so a change of recipe never reuses an old name. */
export const FINGERPRINT_KEY = 'wtAuditFinding/v1';

const STATUS_WORD: Record<string, string> = { gap: 'Gap', partial: 'Partial', outdated: 'Outdated', 'needs-review': 'Needs review' };

function level(r: RequirementResult, failOn: FailOn): 'error' | 'warning' | 'note' {
  if (resultFails(r, failOn)) return 'error';
  return r.status === 'needs-review' ? 'note' : 'warning';
}

function helpText(req: RequirementInfo): { text: string; markdown: string } {
  const wording = req.modelWording ? [`Model wording: ${req.modelWording}`] : [];
  const text = [`${req.title} (${req.strength}).`, `Reference: ${req.reference}.`, `What to write: ${req.remediation}`, ...wording].join('\n\n');
  const markdown = [
    `**${req.title}** (${req.strength})`,
    `**Reference:** [${req.reference}](${req.referenceDetail.url})`,
    `**What to write:** ${req.remediation}`,
    ...(req.modelWording ? [`**Model wording:**\n\n> ${req.modelWording.replace(/\n/g, '\n> ')}`] : []),
  ].join('\n\n');
  return { text, markdown };
}

/** What kind of duty a rule is: a local requirement is the partnership's, not the statutory guidance's. */
function kindOf(req: RequirementInfo): string {
  if (req.local) return `A local requirement of the partnership (${req.strength})`;
  return req.strength === 'must' ? 'A statutory duty (must)' : 'Expected practice (should)';
}

function rule(req: RequirementInfo): object {
  return {
    id: req.id,
    shortDescription: { text: req.title },
    fullDescription: { text: `${req.title}. ${kindOf(req)}; ${req.reference}.` },
    helpUri: req.referenceDetail.url,
    help: helpText(req),
    defaultConfiguration: { level: req.severity },
    properties: { tags: ['safeguarding', `chapter-${req.chapter}`, req.change, ...(req.local ? ['local'] : [])], strength: req.strength },
  };
}

/** Stable identity of a finding: requirement, document and anchor heading trail, never a line. */
export function fingerprint(id: string, docPath: string, trail: string): string {
  return createHash('sha256').update(`${id}\0${docPath}\0${trail}`).digest('hex');
}

function message(r: RequirementResult): string {
  // a Word or PDF document has no lines a viewer can show: the message names the page or paragraph
  const at = findingWhere(r) ? ` (${findingWhere(r)})` : '';
  const where =
    r.anchor?.kind === 'heading'
      ? ` It belongs under “${r.anchor.heading}”${at}.`
      : r.status === 'gap'
        ? ' The policy has no section for it yet.'
        : at
          ? ` See ${findingWhere(r)}.`
          : '';
  const detail = r.message ? ` ${r.message.charAt(0).toUpperCase()}${r.message.slice(1)}${/[.!?]$/.test(r.message) ? '' : '.'}` : '';
  return `${STATUS_WORD[r.status] ?? r.status}: ${r.title}.${detail}${where}`;
}

function location(uri: string, line: number): object {
  return { physicalLocation: { artifactLocation: { uri, uriBaseId: URI_BASE_ID }, region: { startLine: line } } };
}

function notification(p: InputErrorReport, lvl: 'error' | 'warning', ctx: ReportContext): object {
  return { level: lvl, message: { text: p.message }, locations: [location(pathUri(repoPath(p.path, ctx.cwd, ctx.root)), p.line ?? 1)] };
}

const INDENT = '        ';

export class SarifReporter extends StreamingReporter {
  private ruleIndex = new Map<string, number>();
  private count = 0;
  private asOf = '';
  private withBaseline = false;
  /** findings a reviewer waived: not results (GitHub would show them as alerts), listed in the run's properties */
  private readonly waived: object[] = [];

  constructor(
    write: Sink,
    private readonly ctx: ReportContext,
  ) {
    super(write);
  }

  protected head(report: AuditReport): string {
    this.asOf = report.asOf;
    this.withBaseline = report.baseline !== undefined;
    this.ruleIndex = new Map(report.requirements.map((r, i) => [r.id, i]));
    const run = {
      tool: {
        driver: {
          name: report.tool.name,
          version: report.tool.version,
          semanticVersion: report.tool.version,
          informationUri: 'https://www.gov.uk/government/publications/working-together-to-safeguard-children--2',
          rules: report.requirements.map(rule),
          properties: {
            catalogue: report.catalogue.id,
            edition: report.catalogue.edition,
            catalogueSha256: report.catalogue.sha256,
            ...(report.catalogue.local ? { localRequirements: report.catalogue.local } : {}),
            ...(report.catalogue.switchedOff ? { switchedOff: report.catalogue.switchedOff } : {}),
          },
        },
      },
      automationDetails: { id: `${report.tool.name}/${report.catalogue.id}/` },
      originalUriBaseIds: { [URI_BASE_ID]: { description: { text: 'The root of the repository that holds the policies.' } } },
      columnKind: 'utf16CodeUnits',
      results: ['\u0001'],
    };
    const text = JSON.stringify({ $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] }, null, 2);
    // everything up to the results array's opening; the results stream in after it
    return text.slice(0, text.indexOf('"\\u0001"')).trimEnd();
  }

  protected body(doc: DocumentResult): string {
    // the document's identity (a pack's folder); each finding is located in the file it points into
    const path = repoPath(doc.path, this.ctx.cwd, this.ctx.root);
    const uri = pathUri(path);
    const uriOf = (r: RequirementResult) => (doc.pack ? pathUri(repoPath(findingDocument(r, doc.path), this.ctx.cwd, this.ctx.root)) : uri);
    let out = '';
    for (const r of doc.results) {
      if (r.status === 'waived' && r.waiver)
        this.waived.push({
          ruleId: r.id,
          uri,
          reason: r.waiver.reason,
          approvedBy: r.waiver.approvedBy,
          ...(r.waiver.expires ? { expires: r.waiver.expires } : {}),
          waiver: r.waiver.source,
        });
      if (!isReported(r)) continue;
      const result = {
        ruleId: r.id,
        ruleIndex: this.ruleIndex.get(r.id) ?? -1,
        level: level(r, this.failOn),
        message: { text: message(r) },
        locations: [location(uriOf(r), findingLine(r))],
        // a pack's identity is its folder: the alert stays the same while the pack's documents change around it
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(r.id, path, anchorPath(r)) },
        ...(this.withBaseline ? { baselineState: r.known ? 'unchanged' : 'new' } : {}),
        properties: { status: r.status, strength: r.strength, documentSha256: doc.sha256, profile: doc.profile, ...(doc.pack ? { pack: path } : {}) },
      };
      out += `${this.count++ === 0 ? '' : ','}\n${INDENT}${JSON.stringify(result)}`;
    }
    return out;
  }

  protected tail(errors: InputErrorReport[], warnings: InputErrorReport[]): string {
    const invocation = {
      executionSuccessful: errors.length === 0,
      toolExecutionNotifications: [...errors.map((e) => notification(e, 'error', this.ctx)), ...warnings.map((w) => notification(w, 'warning', this.ctx))],
    };
    const close = this.count === 0 ? ']' : '\n      ]';
    const properties = { asOf: this.asOf, failOn: this.failOn, waived: this.waived };
    return `${close},\n      "invocations": [\n${INDENT}${JSON.stringify(invocation)}\n      ],\n      "properties": ${JSON.stringify(properties)}\n    }\n  ]\n}\n`;
  }
}
