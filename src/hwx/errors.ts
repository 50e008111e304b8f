// The base of every typed failure in the package, and the reader's own. It sits in the bottom
// layer so that every other layer can extend it without an import running back up.

import type { HwxIssue } from './issues.js';
import { formatIssues } from './messages.js';

/**
 * A failure as a value: a stable snake_case `code` to branch on, a one-line `message` for people,
 * and the foreign error it wraps as `cause`. Subclasses name themselves (`override readonly name`)
 * and narrow `Code` to their own union.
 */
export abstract class AneccError<Code extends string = string> extends Error {
  readonly code: Code;

  constructor(code: Code, message: string, options?: { readonly cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}

/** The only error the reader throws. Its message is derived from the issues. */
export class HwxFormatError extends AneccError<'hwx_format'> {
  override readonly name = 'HwxFormatError';
  readonly issues: readonly HwxIssue[];

  constructor(issues: readonly HwxIssue[]) {
    super('hwx_format', formatIssues(issues));
    this.issues = issues;
  }
}
