// The only door to the terminal: commands write through an Io so tests can run them in-process.
import { fstatSync, writeSync } from 'node:fs';
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
  stdout: (text) => writeStdio(1, hasEscapedBytes(text) ? encodeEscaped(text) : Buffer.from(text, 'utf8')),
  stderr: (text) => writeStdio(2, Buffer.from(backslashEscaped(text), 'utf8')),
  terminalColumns: () => (stdoutIsTerminal() ? process.stdout.columns : undefined),
};

/**
 * Whether standard output is a terminal. process.stdout, the only way to ask, is made only when
 * it can be one (a character device): making it costs what writeStdio saves.
 */
export function stdoutIsTerminal(): boolean {
  try {
    if (!fstatSync(1).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return process.stdout.isTTY === true;
}

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
 * on an unhandled EPIPE with a stack trace; any other failure to write is one line and exit 1.
 */
function onWriteError(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE') process.stderr.write(`anecc: error: cannot write output (${error.code ?? error.message})\n`);
  process.exit(error.code === 'EPIPE' ? (process.exitCode ?? 0) : ExitCode.failed);
}

let streamsGuarded = false;

/** Before anything is written through process.stdout or process.stderr (see writeStdio). */
function exitQuietlyOnBrokenPipe(): void {
  if (streamsGuarded) return;
  streamsGuarded = true;
  for (const stream of [process.stdout, process.stderr]) stream.on('error', onWriteError);
}

// Descriptors that go through Node's stream from now on (see writeStdio).
const throughStream = new Set<1 | 2>(process.platform === 'win32' ? [1, 2] : []);

/**
 * Writes to standard output or error synchronously, with write(2) itself, as Node's own streams
 * write files, terminals and pipes on Linux: the streams load node:stream and net or tty, about
 * 4 ms of every command. Through the stream instead: on Windows (its console wants the stream's
 * UTF-16), and once a descriptor refuses with EAGAIN (non-blocking, as one shared with a Node
 * parent can be, and full): everything after that on that descriptor, so that nothing is reordered.
 */
function writeStdio(fd: 1 | 2, bytes: Uint8Array): void {
  let offset = 0;
  if (!throughStream.has(fd)) {
    try {
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
      return;
    } catch (error) {
      throughStream.add(fd);
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') {
        // As the stream reports it: after what runs now, not in the middle of it.
        process.nextTick(onWriteError, error);
        return;
      }
    }
  }
  exitQuietlyOnBrokenPipe();
  (fd === 1 ? process.stdout : process.stderr).write(bytes.subarray(offset));
}
