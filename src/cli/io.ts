// The only door to the terminal: commands write through an Io so tests can run them in-process.
import { backslashEscaped, encodeEscaped, hasEscapedBytes } from '../names/escaped-bytes.js';
export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Columns of the terminal stdout is, undefined when stdout is a pipe or a file. */
  readonly terminalColumns?: () => number | undefined;
}

// Bytes of a file name that is not UTF-8 are written as upstream's Python writes them: raw on
// stdout (the -p struct name), as `\udcff` on stderr (backslashreplace).
export const processIo: Io = {
  stdout: (text) => void process.stdout.write(hasEscapedBytes(text) ? encodeEscaped(text) : text),
  stderr: (text) => void process.stderr.write(backslashEscaped(text)),
  terminalColumns: () => (process.stdout.isTTY ? process.stdout.columns : undefined),
};

/** Exit statuses of the `anecc` command. */
export const ExitCode = {
  ok: 0,
  /** The input cannot be converted (or inspected, diffed, cleaned). For `diff`: the files differ. */
  failed: 1,
  /** Usage error. */
  usage: 2,
  /** `--engine both`: the native and Python engines disagree; nothing was written. */
  disagreement: 3,
} as const;

/**
 * `anecc ... | head` closes stdout early: stop quietly, as a shell tool should, instead of dying
 * on an unhandled EPIPE with a stack trace. Returns what removes the listeners again.
 */
export function exitQuietlyOnBrokenPipe(): () => void {
  const onError = (error: NodeJS.ErrnoException): void => {
    if (error.code !== 'EPIPE') process.stderr.write(`anecc: error: cannot write output (${error.code ?? error.message})\n`);
    process.exit(error.code === 'EPIPE' ? (process.exitCode ?? 0) : ExitCode.failed);
  };
  const streams = [process.stdout, process.stderr];
  for (const stream of streams) stream.on('error', onError);
  return () => {
    for (const stream of streams) stream.removeListener('error', onError);
  };
}
