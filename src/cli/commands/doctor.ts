// Placeholder until the doctor tool lands.
import { ExitCode, type Io } from '../io.js';

export async function runDoctor(_argv: readonly string[], io: Io): Promise<number> {
  io.stderr('anecc: doctor is not available yet\n');
  return ExitCode.failed;
}
