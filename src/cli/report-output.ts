// Where a report goes: stdout, or `-o FILE` written whole or not at all (as the other outputs).
import { ExitCode, type Io } from './io.js';
import { writeFileAtomic } from '../lifecycle/index.js';

/** Width for text when stdout is not a terminal: what the tests and CI logs read. */
export const PIPE_COLUMNS = 100;

export type ReportFormat = 'text' | 'json' | 'markdown' | 'html';

/** Text width: the terminal's when writing to one, else 100 (also for -o files). */
export function textWidth(io: Io, toFile: boolean): number {
  const columns = toFile ? undefined : io.terminalColumns?.();
  return columns !== undefined && columns > 0 ? columns : PIPE_COLUMNS;
}

/** JSON: pretty on a terminal or when asked, compact on a pipe or in a file. */
export function jsonIndent(io: Io, toFile: boolean, pretty: boolean): number {
  return pretty || (!toFile && io.terminalColumns?.() !== undefined) ? 2 : 0;
}

export function emitReport(io: Io, text: string, out: string | undefined): number {
  if (out === undefined) {
    io.stdout(text);
    return ExitCode.ok;
  }
  return writeOutput(io, out, [Buffer.from(text, 'utf8')]);
}

/** `chunks` written to `out` whole or not at all; a failure is said on stderr and returns `failed`. */
export function writeOutput(io: Io, out: string, chunks: readonly Uint8Array[]): number {
  try {
    writeFileAtomic(out, chunks);
  } catch (error) {
    io.stderr(`anecc: error: cannot write ${out} (${(error as NodeJS.ErrnoException).code ?? String(error)})\n`);
    return ExitCode.failed;
  }
  return ExitCode.ok;
}

/** `--format`, with `--json` kept as its short form. */
export function pickFormat(format: ReportFormat | undefined, json: boolean | undefined): ReportFormat {
  return format ?? (json === true ? 'json' : 'text');
}
