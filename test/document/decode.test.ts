import { describe, expect, it } from 'vitest';
import { decodePolicyBytes } from '../../src/document/decode.js';
import { InputError } from '../../src/document/model.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function utf16(s: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + s.length * 2);
  out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const [hi, lo] = [c >> 8, c & 0xff];
    out[2 + i * 2] = bigEndian ? hi : lo;
    out[3 + i * 2] = bigEndian ? lo : hi;
  }
  return out;
}

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

describe('decodePolicyBytes', () => {
  it('reads plain UTF-8, keeping non-ASCII text', () => {
    expect(decodePolicyBytes(utf8('# Policy\nChildren’s safety – always.\n'), 'a.md')).toBe('# Policy\nChildren’s safety – always.\n');
  });

  it('strips a UTF-8 byte order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('# Title\n')]);
    const text = decodePolicyBytes(bytes, 'a.md');
    expect(text).toBe('# Title\n');
    expect(text.charCodeAt(0)).toBe(0x23);
  });

  it('decodes UTF-16 little-endian with a BOM', () => {
    expect(decodePolicyBytes(utf16('# Policy\nDSL: Jane £5\n', false), 'a.md')).toBe('# Policy\nDSL: Jane £5\n');
  });

  it('decodes UTF-16 big-endian with a BOM', () => {
    expect(decodePolicyBytes(utf16('# Policy\nDSL: Jane\n', true), 'a.md')).toBe('# Policy\nDSL: Jane\n');
  });

  it('refuses NUL bytes without a UTF-16 BOM as binary', () => {
    const err = errorOf(() => decodePolicyBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), 'policy.docx.md'));
    expect(err.message).toMatch(/^binary file \(NUL bytes\)/);
    expect(err.path).toBe('policy.docx.md');
  });

  it('reads invalid UTF-8 as windows-1252, including Word smart quotes and the euro sign', () => {
    // "Children\x92s" with a cp1252 right single quote, "\x93safe\x94", "\x80" and "\xe9"
    const bytes = new Uint8Array([...utf8('Children'), 0x92, ...utf8('s '), 0x93, ...utf8('safe'), 0x94, 0x20, 0x80, 0x35, 0x20, 0x63, 0x61, 0x66, 0xe9]);
    expect(decodePolicyBytes(bytes, 'a.md')).toBe('Children’s “safe” €5 café');
  });

  it('refuses an empty file and a whitespace-only file', () => {
    expect(errorOf(() => decodePolicyBytes(new Uint8Array(), 'a.md')).message).toBe('empty file');
    expect(errorOf(() => decodePolicyBytes(utf8(' \n\t\r\n'), 'a.md')).message).toBe('empty file');
    expect(errorOf(() => decodePolicyBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x0a]), 'a.md')).message).toBe('empty file');
  });
});
