/**
 * YAML front matter at the top of a Markdown policy (`---` … `---` or `...`).
 *
 * The front-matter lines are blanked rather than cut, so every line of the Markdown body keeps
 * the line number it has in the file and evidence quotes point at the right place.
 */
import { isMap, isScalar, LineCounter, parseDocument, type YAMLError } from 'yaml';
import { metaFromYamlMap } from './meta.js';
import { emptyMeta, InputError, type PolicyMeta } from './model.js';
import { checkYamlNesting } from './yaml-guard.js';

export interface FrontMatter {
  meta: PolicyMeta;
  /** The input with the front-matter lines replaced by empty lines (same number of lines). */
  body: string;
  /** True when the file opened with a front-matter block (YAML, or TOML which we skip). */
  present: boolean;
  /** Last line of the block (its closing fence); 0 when there is none. */
  endLine: number;
}

const YAML_OPEN = /^---[ \t]*\r?$/;
const YAML_CLOSE = /^(---|\.\.\.)[ \t]*\r?$/;
const TOML_FENCE = /^\+\+\+[ \t]*\r?$/;

/** Message of a yaml error without its own "at line X, column Y" and code excerpt. */
export function yamlErrorText(err: YAMLError): string {
  const text = err.message
    .split('\n')[0]!
    .replace(/ at line \d+, column \d+:?$/, '')
    .trim();
  // the yaml library reports its own stack overflow on absurdly deep nesting as an error
  return /maximum call stack/i.test(text) ? 'nested too deeply to read (thousands of levels of lists or mappings)' : text;
}

function blankLines(lines: string[], from: number, to: number): string {
  const copy = lines.slice();
  for (let i = from; i <= to; i++) copy[i] = '';
  return copy.join('\n');
}

/**
 * Split front matter from a Markdown text (lines separated by "\n").
 * @throws InputError when the front matter is not valid YAML, at its real file line and column.
 */
export function splitFrontMatter(path: string, text: string): FrontMatter {
  const none: FrontMatter = { meta: emptyMeta(), body: text, present: false, endLine: 0 };
  const firstBreak = text.indexOf('\n');
  const first = firstBreak === -1 ? text : text.slice(0, firstBreak);
  const isYaml = YAML_OPEN.test(first);
  if (!isYaml && !TOML_FENCE.test(first)) return none;

  const lines = text.split('\n');
  let close = -1;
  for (let i = 1; i < lines.length; i++) {
    if (isYaml ? YAML_CLOSE.test(lines[i]!) : TOML_FENCE.test(lines[i]!)) {
      close = i;
      break;
    }
  }
  // never closed: a thematic break on line 1, not front matter
  if (close === -1) return none;

  // Hugo-style TOML front matter: we cannot read it without another dependency, so hide it
  if (!isYaml) return { meta: emptyMeta(), body: blankLines(lines, 0, close), present: true, endLine: close + 1 };

  const source = lines.slice(1, close).join('\n');
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0] ?? lineCounter.linePos(err.pos[0]);
    // the YAML source starts on file line 2
    throw new InputError(`invalid front matter: ${yamlErrorText(err)}`, path, pos.line + 1, pos.col);
  }
  checkYamlNesting(path, doc.contents, lineCounter, 1);
  const contents = doc.contents;
  // "---" / a line of text / "---" is a rule and a setext heading in Markdown, not front matter
  if (isScalar(contents) && typeof contents.value === 'string') return none;
  if (contents !== null && !isMap(contents) && !isScalar(contents)) {
    throw new InputError('invalid front matter: expected key: value pairs', path, 2, 1);
  }
  const meta = metaFromYamlMap(isMap(contents) ? contents : null, { doc, lines: lineCounter, lineOffset: 1 });
  return { meta, body: blankLines(lines, 0, close), present: true, endLine: close + 1 };
}
