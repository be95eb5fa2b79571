/**
 * The one document model every loader produces and every check reads.
 * Loaders never judge content; they only say where text is and what kind of place it sits in.
 */

export type PolicyFormat = 'markdown' | 'yaml' | 'html' | 'docx' | 'pdf';

/** Where a block of text sits, which decides how much its words count as evidence. */
export type BlockContext =
  | 'body' // ordinary policy text
  | 'glossary' // a glossary / abbreviations / jargon list: defines words, commits to nothing
  | 'links' // a list of links, references or related documents: names things, commits to nothing
  | 'adults'; // a section about adults at risk: its procedures are not, alone, evidence for children

export type BlockKind = 'heading' | 'paragraph' | 'list-item' | 'table-row' | 'blockquote' | 'admonition' | 'html' | 'code' | 'field'; // a YAML policy's scalar field rendered as text (e.g. a lead's contact)

export interface Position {
  /** 1-based line */
  line: number;
  /** 1-based column */
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Block extends Position {
  kind: BlockKind;
  /** Plain text of the block, inline markup removed (links keep their text). */
  text: string;
  /**
   * For a block over several source lines: where in `text` each line after the first begins, so
   * evidence can name the line of the sentence it quotes. Absent when that is not known for sure.
   */
  lineStarts?: number[];
  context: BlockContext;
  /** Index into PolicyDocument.sections of the section this block belongs to. */
  section: number;
  /**
   * Blocks that came as one unit share a group: the items of one list, the rows of one table,
   * a paragraph ending in ':' and the list that follows it. The near matcher's "within:
   * paragraph" is narrower (DocIndex.paragraphUnits): one block, or one item or row together with
   * its lead-in or header row; two items of the same list are not one paragraph.
   */
  group: number;
}

export interface Section {
  /** Heading text; null for the text before the first heading (or a document with none). */
  heading: string | null;
  /** 0 for the preamble, 1-6 for headings. */
  depth: number;
  /** Line of the heading (1 for the preamble). */
  line: number;
  column: number;
  /** Heading texts from the top of the document down to and including this one. */
  trail: string[];
  /** Words of body text directly in this section (not in subsections). */
  bodyWords: number;
}

export interface NamedLead {
  /** As written: "Designated Safeguarding Lead", "Welfare Officer", "Deputy DSL" ... */
  role: string;
  name?: string;
  phone?: string;
  email?: string;
  line?: number;
}

export interface PolicyMeta {
  organisation?: string;
  /** Organisation type as declared (`type:`), not yet checked against the known profiles. */
  type?: string;
  /** Line of the `type:` key, for error messages. */
  typeLine?: number;
  title?: string;
  /** ISO dates (YYYY-MM-DD) when the source gave a parseable date, else the raw string. */
  approved?: string;
  lastReviewed?: string;
  reviewBy?: string;
  /** Lines where those date fields were written (for evidence). */
  fieldLines: Record<string, number>;
  leads: NamedLead[];
}

/** Where a line of a PDF's extracted text is on the printed page. */
export interface PageLine {
  page: number;
  /** line on that page, counted from the top, running headers left out */
  line: number;
}

export interface PolicyDocument {
  path: string;
  format: PolicyFormat;
  sha256: string;
  /**
   * How `line` reads in this format. Absent: the file's own lines (Markdown, YAML, HTML).
   * 'paragraph': Word, where `line` is the paragraph number (¶), and paragraphPages gives its page
   * where Word recorded one. 'page': PDF, where `line` counts
   * the lines of the extracted text and `pageLines[line - 1]` says which page and line that is.
   */
  placing?: 'paragraph' | 'page';
  pageLines?: PageLine[];
  /** Word: the page each paragraph was on when Word last laid the file out, by paragraph number, where known */
  paragraphPages?: Array<number | undefined>;
  meta: PolicyMeta;
  sections: Section[];
  /** All text blocks in document order (headings included, kind 'heading'). */
  blocks: Block[];
  lineCount: number;
  /** What the reader changed or left out, to tell the user (a table too wide, read as plain text). */
  warnings?: DocumentWarning[];
}

/** A problem with part of a document that does not stop its audit. */
export interface DocumentWarning {
  /** 1-based line of the file */
  line: number;
  message: string;
}

/** A problem found while reading a file: the file is reported as errored, others go on. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly path: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

export function emptyMeta(): PolicyMeta {
  return { fieldLines: {}, leads: [] };
}
