// File names that are not valid UTF-8, carried as Python carries them (PEP 383 surrogateescape):
// each byte that is not part of a valid UTF-8 sequence becomes the lone surrogate U+DC80..U+DCFF.
// Python's json, open() and os.fsencode() read these strings back to the same bytes, so the
// Python engine gets the file upstream would; the native side turns them back into a Buffer at
// each file-system call (fsPath) and into the bytes or text upstream prints.

const escapeBase = 0xdc00;

function isEscape(code: number): boolean {
  return code >= 0xdc80 && code <= 0xdcff;
}

/** True when `text` holds an escaped byte (and so must reach the file system as a Buffer). */
export function hasEscapedBytes(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isEscape(text.charCodeAt(i))) return true;
  return false;
}

/** Length of the valid UTF-8 sequence at `i`, or 0 (RFC 3629: no overlongs, no surrogates, <= U+10FFFF). */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i]!;
  if (b0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => i + k < bytes.length && bytes[i + k]! >= lo && bytes[i + k]! <= hi;
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((b0 >= 0xe1 && b0 <= 0xec) || b0 === 0xee || b0 === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/** bytes.decode('utf-8', 'surrogateescape'). */
export function decodeEscaped(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; ) {
    const length = sequenceLength(bytes, i);
    if (length === 0) {
      text += String.fromCharCode(escapeBase + bytes[i]!);
      i += 1;
    } else {
      text += Buffer.from(bytes.subarray(i, i + length)).toString('utf8');
      i += length;
    }
  }
  return text;
}

/** text.encode('utf-8', 'surrogateescape'). */
export function encodeEscaped(text: string): Buffer {
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isEscape(code)) continue;
    parts.push(Buffer.from(text.slice(start, i), 'utf8'), Buffer.of(code - escapeBase));
    start = i + 1;
  }
  parts.push(Buffer.from(text.slice(start), 'utf8'));
  return Buffer.concat(parts);
}

/** The path as Node's fs functions must get it: a Buffer when it holds escaped bytes. */
export function fsPath(path: string): string | Buffer {
  return hasEscapedBytes(path) ? encodeEscaped(path) : path;
}

/** How Python's stderr (errors='backslashreplace') shows an escaped byte: `\udcff`. */
export function backslashEscaped(text: string): string {
  return text.replace(/[\udc80-\udcff]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}
