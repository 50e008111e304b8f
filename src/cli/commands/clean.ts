// Placeholder until the clean tool lands.
import { ExitCode, type Io } from '../io.js';

export async function runClean(_argv: readonly string[], io: Io): Promise<number> {
  io.stderr('anecc: clean is not available yet\n');
  return ExitCode.failed;
}
