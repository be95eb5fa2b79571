/**
 * YAML policy → PolicyDocument, for organisations that keep their policy as data:
 *
 *   policy:   { organisation, type, title, approved, last_reviewed, review_by, leads: [{role, name, phone, email}] }
 *   sections: [{ heading, text, sections: [...] }]
 *
 * The file is validated against checks/schema/policy.schema.json; every error names the file
 * line and column of the offending node, because the people fixing these files are not developers.
 */
import type { ErrorObject, Options as AjvOptions, ValidateFunction } from 'ajv';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type Scalar } from 'yaml';
import { validatorFor } from '../util/schema-validator.js';
import { yamlErrorText } from './frontmatter.js';
import { collapseSpace, countLines, DocumentBuilder, URL_LIKE } from './builder.js';
import { metaFromYamlMap, valueText } from './meta.js';
import { InputError, type PolicyDocument } from './model.js';
import { locateIn, nodeStart, pointerSegments, type LineColumn } from '../util/yaml-locate.js';
import { checkYamlNesting } from './yaml-guard.js';

/** Aliases beyond this many make toJS throw: a "billion laughs" file is refused, not expanded. */
const MAX_ALIASES = 100;

export const POLICY_SCHEMA = 'policy.schema.json';
/** ajv options for the YAML policy schema: every error, so a policy author sees them all. */
export const POLICY_AJV_OPTIONS: AjvOptions = { allErrors: true, allowUnionTypes: true };

/** The policy schema's validator: precompiled at build time, else compiled on first use; kept for the life of the process. */
function policyValidator(): ValidateFunction {
  return validatorFor(POLICY_SCHEMA, POLICY_AJV_OPTIONS);
}

// ---------------------------------------------------------------------------------------------
// Errors with places

interface Located {
  line: number;
  column: number;
  message: string;
}

/** "/sections/0/heading" → "sections[0].heading" — how a person would name the field. */
function fieldPath(segments: ReadonlyArray<string | number>): string {
  let out = '';
  for (const s of segments) out += typeof s === 'number' ? `[${s}]` : out === '' ? s : `.${s}`;
  return out === '' ? 'the file' : out;
}

function schemaProblem(err: ErrorObject, doc: Document, lines: LineCounter): Located {
  const segs = pointerSegments(err.instancePath);
  const where = fieldPath(segs);
  const params = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      return { ...locateIn(doc, lines, segs, key), message: `${where}: unknown field "${key}"` };
    }
    case 'required':
      return { ...locateIn(doc, lines, segs), message: `${where}: missing required field "${String(params.missingProperty)}"` };
    case 'enum':
      return { ...locateIn(doc, lines, segs), message: `${where} must be one of: ${(params.allowedValues as unknown[]).join(', ')}` };
    default:
      return { ...locateIn(doc, lines, segs), message: `${where} ${err.message ?? 'is not valid'}` };
  }
}

function firstWithCount(path: string, problems: Located[]): InputError {
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (+${problems.length - 1} more)` : '';
  return new InputError(`${first.message}${more}`, path, first.line, first.column);
}

function syntaxProblem(doc: Document.Parsed, lines: LineCounter, source: string): Located[] {
  return doc.errors.map((err) => {
    const pos = lines.linePos(err.pos[0]);
    let message = `YAML syntax error: ${yamlErrorText(err)}`;
    if (err.code === 'DUPLICATE_KEY') {
      const key = /^[^:\n]*/.exec(source.slice(err.pos[0]))![0].trim();
      message = `duplicate key "${key}": each key may appear only once in a mapping`;
    }
    return { line: pos.line, column: pos.col, message };
  });
}

// ---------------------------------------------------------------------------------------------
// Section text → blocks

interface TextLine {
  line: number;
  column: number;
  text: string;
}

function resolveScalar(node: unknown, doc: Document): Scalar | undefined {
  const n = isAlias(node) ? node.resolve(doc) : node;
  return isScalar(n) ? n : undefined;
}

function indentOf(s: string): number {
  return s.length - s.trimStart().length;
}

/**
 * The lines of a text scalar with their file positions. Block scalars (| and >) and plain or
 * single-quoted scalars are read from the source, where lines map one to one onto the file;
 * a double-quoted scalar with escapes is read from its value, all placed at its first line.
 */
function scalarLines(node: Scalar, source: string, lines: LineCounter): TextLine[] {
  const [start, end] = node.range ?? [0, 0];
  const first = lines.linePos(start);
  const raw = source.slice(start, end).split('\n');
  const value = valueText(node.value);

  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    // raw[0] is the header (| or >-); content starts on the next line
    const body = raw.slice(1);
    const indent = Math.min(...body.filter((l) => l.trim() !== '').map(indentOf), Number.MAX_SAFE_INTEGER);
    return body.map((l, i) => ({ line: first.line + 1 + i, column: indent + 1, text: l.trim() === '' ? '' : l.slice(indent) }));
  }
  if (node.type === 'QUOTE_DOUBLE' && (raw.length === 1 || raw.join('\n').includes('\\'))) {
    return value.split('\n').map((text) => ({ line: first.line, column: first.col + 1, text }));
  }
  const quoted = node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE';
  return raw.map((l, i) => {
    let text = i === 0 ? l : l.trimStart();
    let column = i === 0 ? first.col : indentOf(l) + 1;
    if (quoted) {
      if (i === 0) {
        text = text.slice(1);
        column++;
      }
      if (i === raw.length - 1) text = text.replace(/['"]\s*$/, '');
      if (node.type === 'QUOTE_SINGLE') text = text.replace(/''/g, "'");
    }
    return { line: first.line + i, column, text };
  });
}

/** "- item", "* item", "1. item", "2) item", "a) item" */
const LIST_MARKER = /^\s*(?:[-*+•]|\d{1,3}[.)]|\(?[a-z]\))\s+/;

interface Run {
  kind: 'paragraph' | 'list-item';
  lines: TextLine[];
}

/** Paragraphs (separated by blank lines) and list items, as Markdown would read them. */
function splitRuns(lines: TextLine[]): Run[] {
  const runs: Run[] = [];
  let cur: Run | undefined;
  for (const l of lines) {
    if (l.text.trim() === '') {
      if (cur) runs.push(cur);
      cur = undefined;
      continue;
    }
    const m = LIST_MARKER.exec(l.text);
    if (m) {
      if (cur) runs.push(cur);
      cur = { kind: 'list-item', lines: [{ line: l.line, column: l.column + m[0].length, text: l.text.slice(m[0].length) }] };
    } else if (cur) {
      cur.lines.push(l);
    } else {
      cur = { kind: 'paragraph', lines: [l] };
    }
  }
  if (cur) runs.push(cur);
  return runs;
}

/**
 * Light inline Markdown in YAML text: [text](url) keeps its text, **bold** and `code` lose their
 * marks. Quantifiers are bounded so a hostile line cannot make the regular expressions slow.
 */
function stripInline(s: string): { text: string; linkChars: number } {
  let linkChars = 0;
  const text = s
    .replace(/\[([^\]\n]{0,500})\]\(([^)\s]{0,2000})(?:\s+"[^"\n]{0,500}")?\)/g, (_m, t: string, url: string) => {
      if (!/^(?:mailto|tel):/i.test(url) && !URL_LIKE.test(t.trim())) linkChars += t.replace(/\s/g, '').length;
      return t;
    })
    .replace(/<((?:https?:\/\/|mailto:)[^>\s]{1,2000})>/g, (_m, u: string) => u.replace(/^mailto:/i, ''))
    .replace(/\*\*(?=\S)([^*\n]{1,500}?)\*\*/g, '$1')
    .replace(/__(?=\S)([^_\n]{1,500}?)__/g, '$1')
    .replace(/`([^`\n]{1,500})`/g, '$1');
  return { text, linkChars };
}

function addTextBlocks(builder: DocumentBuilder, lines: TextLine[]): void {
  const runs = splitRuns(lines);
  let listGroup: number | undefined;
  runs.forEach((run, i) => {
    const { text, linkChars } = stripInline(run.lines.map((l) => l.text.trim()).join(' '));
    const last = run.lines[run.lines.length - 1]!;
    let group: number;
    if (run.kind === 'list-item') {
      listGroup ??= builder.newGroup();
      group = listGroup;
    } else {
      group = builder.newGroup();
      // "Staff must:" followed by a list reads as one unit with that list
      listGroup = text.trimEnd().endsWith(':') && runs[i + 1]?.kind === 'list-item' ? group : undefined;
    }
    builder.addBlock({
      kind: run.kind,
      text,
      group,
      linkChars,
      line: run.lines[0]!.line,
      column: run.lines[0]!.column,
      endLine: last.line,
      endColumn: last.column + last.text.length,
    });
  });
}

// ---------------------------------------------------------------------------------------------

function walkSections(seq: Node | undefined, depth: number, doc: Document, source: string, lines: LineCounter, builder: DocumentBuilder): void {
  if (!isSeq(seq)) return;
  for (const item of seq.items) {
    if (!isMap(item)) continue;
    const headingNode = resolveScalar(item.get('heading', true), doc);
    const heading = collapseSpace(valueText(headingNode?.value));
    if (headingNode && heading !== '') {
      const [s, e] = headingNode.range ?? [0, 0];
      const start = lines.linePos(s);
      const end = lines.linePos(e);
      builder.openSection(heading, Math.min(6, depth), start.line, start.col);
      builder.addBlock({
        kind: 'heading',
        text: heading,
        group: builder.newGroup(),
        line: start.line,
        column: start.col,
        endLine: end.line,
        endColumn: end.col,
      });
    }
    const textNode = resolveScalar(item.get('text', true), doc);
    if (textNode && typeof textNode.value === 'string') addTextBlocks(builder, scalarLines(textNode, source, lines));
    walkSections(item.get('sections', true), depth + 1, doc, source, lines, builder);
  }
}

/** Where the first alias (`*name`) is written, to point at an alias bomb. */
function firstAliasAt(doc: Document, lines: LineCounter): LineColumn | undefined {
  let at: LineColumn | undefined;
  visit(doc, {
    Alias(_key, node) {
      at = nodeStart(node, lines);
      return visit.BREAK;
    },
  });
  return at;
}

/**
 * Parse a YAML policy into the document model, without its hash.
 * @throws InputError for YAML syntax errors, duplicate keys, alias bombs and schema errors,
 *   each with the file line and column of the first problem.
 */
export function parseYamlPolicy(path: string, text: string): Omit<PolicyDocument, 'sha256'> {
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) throw firstWithCount(path, syntaxProblem(doc, lines, source));
  checkYamlNesting(path, doc.contents, lines);

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    if (e instanceof ReferenceError) {
      const at = firstAliasAt(doc, lines);
      throw new InputError(`too many YAML aliases (more than ${MAX_ALIASES}): refusing to expand what looks like an alias bomb`, path, at?.line, at?.column);
    }
    throw e;
  }

  const validate = policyValidator();
  if (!validate(data)) {
    const problems = (validate.errors ?? []).map((err) => schemaProblem(err, doc, lines));
    throw firstWithCount(path, problems);
  }

  const policyNode = doc.get('policy', true) as Node | undefined;
  const meta = metaFromYamlMap(isMap(policyNode) ? policyNode : null, { doc, lines, lineOffset: 0 });
  const builder = new DocumentBuilder();
  builder.addLeadFields(meta.leads, 'Named leads (policy header)', source.split('\n'));
  walkSections(doc.get('sections', true) as Node | undefined, 1, doc, source, lines, builder);

  return { path, format: 'yaml', meta, sections: builder.sections, blocks: builder.blocks, lineCount: countLines(source) };
}
