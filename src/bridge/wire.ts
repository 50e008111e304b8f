// The pipe transport's wire format (python.ts sends, py/anecc_bridge.py `serve` answers): one JSON
// object per line on descriptor 3 of the child, a socket pair.
//   request  {"id":N,"fn":"convert","arg":"<text>"}            (arg absent for probe and ping)
//   answer   {"id":N,"result":"<the function's JSON text>"}
//         or {"id":N,"exception":{"type":"...","message":"..."}}  (the function raised)
// The child decides how much it sends, so what is kept of a line is bounded here.

import { constants } from 'node:buffer';

/**
 * Longest answer line read. `-p` text of a big file is large, so the bound is high, but never
 * past the longest string V8 can make (a line decodes to at most as many UTF-16 units as bytes).
 */
export const maxAnswerLineBytes = Math.min(512 * 1024 * 1024, constants.MAX_STRING_LENGTH);

export type Answer =
  | { readonly id: number; readonly result: string }
  | { readonly id: number; readonly exception: { readonly type: string; readonly message: string } };

export function encodeRequest(id: number, fn: string, arg: string | undefined): string {
  return `${JSON.stringify(arg === undefined ? { id, fn } : { id, fn, arg })}\n`;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The answer in `line`, or why it is not one. */
export function decodeAnswer(line: string): Answer | { readonly problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { problem: 'not JSON' };
  }
  if (!isRecord(value) || !Number.isSafeInteger(value['id'])) return { problem: 'no call id' };
  const id = value['id'] as number;
  const { result, exception } = value;
  if (typeof result === 'string' && exception === undefined) return { id, result };
  if (result === undefined && isRecord(exception) && typeof exception['type'] === 'string' && typeof exception['message'] === 'string') {
    return { id, exception: { type: exception['type'], message: exception['message'] } };
  }
  return { problem: `call ${id}: neither a result text nor an exception` };
}

/**
 * Splits a byte stream into lines, keeping at most `maxBytes` of an unfinished line: a longer one
 * is reported (once) instead of buffered, and nothing is read after it.
 */
export class LineReader {
  #pieces: Buffer[] = [];
  #size = 0;
  #stopped = false;

  constructor(
    private readonly maxBytes: number,
    private readonly onLine: (line: string) => void,
    private readonly onTooLong: () => void,
  ) {}

  /** Stops reading (after a bad line, say): later chunks are dropped. */
  stop(): void {
    this.#stopped = true;
    this.#pieces = [];
    this.#size = 0;
  }

  push(chunk: Buffer): void {
    let start = 0;
    while (!this.#stopped) {
      const end = chunk.indexOf(0x0a, start);
      const piece = chunk.subarray(start, end === -1 ? chunk.length : end);
      if (this.#size + piece.length > this.maxBytes) {
        this.stop();
        this.onTooLong();
        return;
      }
      if (end === -1) {
        if (piece.length > 0) this.#pieces.push(piece);
        this.#size += piece.length;
        return;
      }
      const line = Buffer.concat([...this.#pieces, piece], this.#size + piece.length).toString('utf8');
      this.#pieces = [];
      this.#size = 0;
      start = end + 1;
      this.onLine(line);
    }
  }
}
