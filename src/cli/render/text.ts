// Text renderings shared by the commands.
import type { EngineOutcome, LogRecord } from '../../anec/index.js';

/** Upstream's logging format: `anecc::info: message`. */
export function renderLogRecord(record: LogRecord): string {
  return `anecc::${record.level}: ${record.message}\n`;
}

/** One line naming the file and the reason, and the exception upstream raises in that place. */
export function renderFailure(path: string, outcome: EngineOutcome): string {
  const error = outcome.error;
  // Python's StopIteration has no text of its own: say what it means here.
  const reason = error?.message || (error?.type === 'StopIteration' ? 'a word upstream scans for is not in the file' : 'no reason given');
  return `anecc: error: cannot convert ${path}: ${reason} (upstream anecc raises ${error?.type ?? 'an error'} here)\n`;
}
