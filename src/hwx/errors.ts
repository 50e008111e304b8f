// The only error the reader throws. Its message is derived from the issues.

import type { HwxIssue } from './issues.js';
import { formatIssues } from './messages.js';

/** The only error the HWX reader throws: `issues` says what is wrong and where, `message` in words. */
export class HwxFormatError extends Error {
  override readonly name = 'HwxFormatError';
  readonly code = 'hwx_format';
  readonly issues: readonly HwxIssue[];

  constructor(issues: readonly HwxIssue[]) {
    super(formatIssues(issues));
    this.issues = issues;
  }
}
