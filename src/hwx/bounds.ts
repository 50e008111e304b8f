// Checked access to file bytes and file-given numbers. Every size or count taken from the file
// passes through here before anything loops or slices on it. A failed check raises an
// IssueSignal, which the reader turns into an issue (fatal or warning, depending on where).

import { AneccError } from './errors.js';
import type { HwxIssue, IssuePath } from './issues.js';
import type { Token } from './tokens.js';

export const maxLoadCommandCount = 4096;
export const maxSectionsPerSegment = 256;
export const maxSymbolCount = 1 << 20;
const maxStringLengthInBytes = 4096;
export const maxIdentLengthInBytes = 1 << 16;
/**
 * Symbol names decode at most this many bytes per string-table byte: one pass over the table, plus
 * one more for names that end another name (linkers share tails); more means names overlap on purpose.
 */
export const maxNameBytesPerStringByte = 2;
/** Upstream anecc refuses 0xffff tasks or more; the reader stops at the same count. */
export const maxTaskCount = 0xffff;

/** Carries one issue out of a nested reader; never leaves src/hwx. */
export class IssueSignal extends AneccError<HwxIssue['code']> {
  override readonly name = 'IssueSignal';
  readonly issue: HwxIssue;
  constructor(issue: HwxIssue) {
    super(issue.code, issue.code);
    this.issue = issue;
  }
}

export function fail(issue: HwxIssue): never {
  throw new IssueSignal(issue);
}

/** True when `len` bytes exist at `offset`. */
export function fits(bytes: Uint8Array, offset: number, len: number): boolean {
  return Number.isSafeInteger(offset) && offset >= 0 && len >= 0 && offset + len <= bytes.length;
}

/** Read a token, or fail with `truncated`. */
export function readToken<T>(bytes: Uint8Array, token: Token<T>, offset: number, path: IssuePath): T {
  if (!fits(bytes, offset, token.len)) {
    fail({
      code: 'truncated',
      offset,
      path,
      needed: token.len,
      available: Math.max(0, bytes.length - Math.max(0, offset)),
    });
  }
  return token.get(bytes, offset);
}

/** A u64 as a number, or fail with `unsafe_integer`. */
export function toSafeNumber(value: bigint, field: string, offset: number, path: IssuePath): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    fail({ code: 'unsafe_integer', offset, path, field, value: value.toString() });
  }
  return Number(value);
}

/** A byte size or end offset that must not pass `limit` (bytes). */
export function boundSize(value: number, limit: number, what: string, offset: number, path: IssuePath = []): number {
  if (value > limit) fail({ code: 'out_of_bounds', offset, path, field: what, value, limit });
  return value;
}

/** A count that must not pass `limit`. */
export function boundCount(value: number, limit: number, what: string, offset: number, path: IssuePath = []): number {
  if (value > limit) fail({ code: 'too_many', offset, path, field: what, value, limit });
  return value;
}

/** A value that must be at least `minimum`. */
export function atLeast(value: number, minimum: number, what: string, offset: number, path: IssuePath = []): number {
  if (value < minimum) fail({ code: 'too_small', offset, path, field: what, value, minimum });
  return value;
}

const utf8 = new TextDecoder('utf-8');

/** The bytes of a NUL-terminated string at `offset` (without the NUL), at most `maxLen` and never past `end`. */
export function cStringBytes(bytes: Uint8Array, offset: number, end: number, maxLen = maxStringLengthInBytes): Uint8Array | undefined {
  const stop = Math.min(end, bytes.length, offset + maxLen);
  if (!Number.isSafeInteger(offset) || offset < 0 || offset >= stop) return undefined;
  const raw = bytes.subarray(offset, stop);
  const nul = raw.indexOf(0);
  return nul < 0 ? raw : raw.subarray(0, nul);
}

export function decodeUtf8(raw: Uint8Array): string {
  return utf8.decode(raw);
}

/** A NUL-terminated string at `offset`, at most `maxLen` bytes and never past `end`. */
export function readCString(bytes: Uint8Array, offset: number, end: number, maxLen = maxStringLengthInBytes): string | undefined {
  const raw = cStringBytes(bytes, offset, end, maxLen);
  return raw === undefined ? undefined : utf8.decode(raw);
}

/** An unexpected error (a reader bug) as an issue, so that nothing untyped leaves the reader. */
export function internalIssue(error: unknown, path: IssuePath = []): HwxIssue {
  let detail: string;
  try {
    detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    detail = 'an error that cannot be shown';
  }
  return { code: 'internal', offset: 0, path, detail };
}

/** Run a part of the reader whose failure should not stop the whole file: its issue becomes a warning. */
export function tolerant<T>(warnings: HwxIssue[], fallback: T, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof IssueSignal) {
      warnings.push(error.issue);
      return fallback;
    }
    throw error;
  }
}
