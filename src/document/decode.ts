/**
 * Turns the raw bytes of a policy file into text.
 *
 * Policies arrive from Word exports, old intranets and Windows editors, so we accept the encodings
 * those produce (UTF-8 with or without BOM, UTF-16 with BOM, windows-1252) and refuse only what
 * cannot be a text policy at all.
 */
import { InputError } from './model.js';

/**
 * windows-1252 code points for bytes 0x80–0x9F. Node 20's TextDecoder('windows-1252') decodes
 * these as C1 control characters (plain latin1), which would turn a Word "smart" apostrophe
 * (0x92) into an invisible character and split words, so we map them ourselves.
 * Undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) keep their latin1 value, as browsers do.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c,
  0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  // build in chunks so a large file does not create one string per byte
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    const codes = new Array<number>(end - start);
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      codes[i - start] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b;
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

function decodeUtf16(bytes: Uint8Array, bigEndian: boolean): string {
  // decode as little-endian; for big-endian swap each byte pair first (portable across ICU builds)
  const body = bytes.subarray(2, bytes.length - ((bytes.length - 2) % 2));
  let le = body;
  if (bigEndian) {
    le = new Uint8Array(body.length);
    for (let i = 0; i + 1 < body.length; i += 2) {
      le[i] = body[i + 1]!;
      le[i + 1] = body[i]!;
    }
  }
  return new TextDecoder('utf-16le').decode(le);
}

/**
 * Decode a policy file's bytes.
 * @throws InputError for binary content (NUL bytes without a UTF-16 BOM) or an empty file.
 */
export function decodePolicyBytes(bytes: Uint8Array, path: string): string {
  let text: string;
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = decodeUtf16(bytes, false);
  } else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = decodeUtf16(bytes, true);
  } else {
    const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
    const nul = body.indexOf(0);
    if (nul !== -1) {
      throw new InputError(`binary file (NUL bytes) – not a Markdown or YAML policy (first NUL at byte ${nul})`, path);
    }
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      // not valid UTF-8: almost always a Windows "ANSI" export, where windows-1252 is the right guess
      text = decodeWindows1252(body);
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new InputError('empty file', path);
  return text;
}
