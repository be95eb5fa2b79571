/**
 * What a file's first bytes say it is, against what its extension says: a PDF renamed .docx, a
 * legacy .doc renamed .docx, a Word file renamed .md. Caught here with a message that says what
 * to do, before a reader fails on it with a message that does not.
 */
import { InputError, type PolicyFormat } from './model.js';

type Kind = 'pdf' | 'zip' | 'ole' | 'other';

function kindOf(bytes: Uint8Array, pdfAnywhereInHead: boolean): Kind {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.startsWith('PK\u0003\u0004')) return 'zip';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'ole';
  // a PDF's header may follow a little junk; readers accept it within the first kilobyte
  if (pdfAnywhereInHead ? head.includes('%PDF-') : head.startsWith('%PDF-')) return 'pdf';
  return 'other';
}

const LOOKS_LIKE: Record<Exclude<Kind, 'other'>, string> = {
  pdf: 'it is a PDF: give it a .pdf name',
  zip: 'it is a zip archive (a Word .docx is one): give a Word file a .docx name',
  ole: 'it is a legacy Word .doc (or another old Office file): save it as .docx or PDF',
};

/** @throws InputError when the content is plainly another kind of file than the name says */
export function sniffMismatch(path: string, bytes: Uint8Array, format: PolicyFormat): void {
  // only a file named .pdf may have junk before its header: text that mentions %PDF- is still text
  const kind = kindOf(bytes, format === 'pdf');
  const expected: Kind = format === 'pdf' ? 'pdf' : format === 'docx' ? 'zip' : 'other';
  if (kind === expected) return;
  const what =
    format === 'pdf'
      ? 'not a PDF'
      : format === 'docx'
        ? 'not a Word .docx file'
        : `not a ${format === 'html' ? 'HTML' : format === 'yaml' ? 'YAML' : 'Markdown'} text file`;
  if (kind === 'other') {
    if (format === 'pdf') throw new InputError('not a PDF (no %PDF- header): the file is damaged or has the wrong name', path);
    throw new InputError(`${what} (it is not a zip archive): the file is damaged or has the wrong name`, path);
  }
  throw new InputError(`${what}: ${LOOKS_LIKE[kind]}`, path);
}
