// Why inspect, diff or clean could not answer, as values with a `code`; the wording is in
// messages.ts. The CLI prints the message on one line; nothing here prints.

import { AneccError } from '../hwx/index.js';
import { toolMessage, type ToolErrorCode, type ToolFailure } from './messages.js';

export class ToolError extends AneccError<ToolErrorCode> {
  override readonly name = 'ToolError';
  readonly path: string;
  /** The facts the message is worded from. */
  readonly failure: ToolFailure;

  constructor(failure: ToolFailure, options?: { cause?: unknown }) {
    super(failure.code, toolMessage(failure), options);
    this.path = failure.path;
    this.failure = failure;
  }
}
