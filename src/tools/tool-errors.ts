// Why inspect, diff or clean could not answer, as values with a `code`. The CLI prints the
// message on one line; nothing here prints.

import { AneccError } from '../hwx/index.js';

export type ToolErrorCode =
  /** The file cannot be read from disk. */
  | 'unreadable'
  /** The file is larger than maxInputSizeInBytes. */
  | 'too_large'
  /** Neither an HWX file nor an .anec file. */
  | 'unknown_kind'
  /** HWX magic, but the container is broken (the reader's issues are in `details`). */
  | 'bad_hwx'
  /** The file is not what the command works on (clean takes .anec files). */
  | 'wrong_kind'
  /** The file ends before what its own header says it holds; writing a fixed copy would hide that. */
  | 'truncated';

export class ToolError extends AneccError<ToolErrorCode> {
  override readonly name = 'ToolError';
  readonly path: string;

  constructor(code: ToolErrorCode, path: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.path = path;
  }
}
