// Placeholder until the diff tool lands.
import { ExitCode, type Io } from '../io.js';

export async function runDiff(_argv: readonly string[], io: Io): Promise<number> {
  io.stderr('anecc: diff is not available yet\n');
  return ExitCode.failed;
}
