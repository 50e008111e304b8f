// Typed failures of the bridge. Each keeps what Python said (type and text) apart from our own
// wording, and the foreign error it wraps as `cause`.

import { AneccError } from '../hwx/index.js';
import type { PatchErrorCode, PythonEngineErrorCode } from './types.js';

interface PythonEngineErrorDetails {
  readonly pythonType?: string | undefined;
  readonly pythonMessage?: string | undefined;
  /** Last lines the child wrote to stderr, for diagnosis (tracebacks, warnings). */
  readonly stderrTail?: string | undefined;
  readonly cause?: unknown;
}

/** The Python engine could not start, answer, or finish a call. */
export class PythonEngineError extends AneccError<PythonEngineErrorCode> {
  override readonly name = 'PythonEngineError';
  readonly pythonType: string | undefined;
  readonly pythonMessage: string | undefined;
  readonly stderrTail: string | undefined;

  constructor(code: PythonEngineErrorCode, message: string, details: PythonEngineErrorDetails = {}) {
    super(code, message, details);
    ({ pythonType: this.pythonType, pythonMessage: this.pythonMessage, stderrTail: this.stderrTail } = details);
  }
}

interface PatchErrorDetails {
  /** The patch file (as named in `series`). */
  readonly patch?: string | undefined;
  /** Package-relative file the patch targets. */
  readonly file?: string | undefined;
  /** 1-based hunk number within that file's section of the patch. */
  readonly hunk?: number | undefined;
  /** The hunk's `@@ -a,b +c,d @@` header. */
  readonly hunkHeader?: string | undefined;
  readonly cause?: unknown;
}

/** patches/ could not be applied to upstream. */
export class PatchError extends AneccError<PatchErrorCode> {
  override readonly name = 'PatchError';
  readonly patch: string | undefined;
  readonly file: string | undefined;
  readonly hunk: number | undefined;
  readonly hunkHeader: string | undefined;

  constructor(code: PatchErrorCode, message: string, details: PatchErrorDetails = {}) {
    super(code, message, details);
    ({ patch: this.patch, file: this.file, hunk: this.hunk, hunkHeader: this.hunkHeader } = details);
  }
}

// SGR sequences chalk puts around pythonia's error lines when stderr is a terminal.
const ansiPattern = /\u001b\[[0-9;]*m/g;
// pythonia ends its stack with `🌉 Type: text` (colour terminals) or `*** JS *** Type: text`.
const bridgeMarkerPattern = /^(?:\u{1F309}|\*\*\* JS \*\*\*)\s*/u;
const pythonErrorLinePattern = /^([A-Za-z_][\w.]*)(?::\s?(.*))?$/;

/** A Python exception's type and text, from the last line of a pythonia error's stack. */
export function parsePythonExceptionStack(
  stack: string | undefined,
): { readonly type: string; readonly message: string } | undefined {
  if (!stack) return undefined;
  const lines = stack
    .replace(ansiPattern, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const last = lines.at(-1);
  if (last === undefined) return undefined;
  const match = pythonErrorLinePattern.exec(last.replace(bridgeMarkerPattern, ''));
  if (!match?.[1]) return undefined;
  return { type: match[1], message: match[2] ?? '' };
}
