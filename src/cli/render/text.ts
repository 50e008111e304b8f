// Text renderings shared by the commands.
import type { EngineOutcome, LogRecord } from '../../anec/index.js';

/** Upstream's logging format: `anecc::info: message`. */
export function renderLogRecord(record: LogRecord): string {
  return `anecc::${record.level}: ${record.message}\n`;
}

/** One line naming the file and the reason, and the exception upstream raises in that place. */
export function renderFailure(path: string, outcome: EngineOutcome): string {
  const error = outcome.error;
  return `anecc: error: cannot convert ${path}: ${error?.message ?? 'unknown reason'} (upstream anecc raises ${error?.type ?? 'an error'} here)\n`;
}
