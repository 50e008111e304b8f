// Placeholder until the inspect tool lands.
import { ExitCode, type Io } from '../io.js';

export async function runInspect(_argv: readonly string[], io: Io): Promise<number> {
  io.stderr('anecc: inspect is not available yet\n');
  return ExitCode.failed;
}
