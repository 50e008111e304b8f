import { fileURLToPath } from 'node:url';
import { execa, type Options } from 'execa';

export const anecc = fileURLToPath(new URL('../../bin/anecc.cjs', import.meta.url));

/** Runs the built `anecc` with `reject: false`: the exit code and both streams are data. */
export async function runAnecc(args: readonly string[], options: Options = {}) {
  const result = await execa('node', [anecc, ...args], { reject: false, timeout: 60_000, ...options });
  return { exitCode: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr) };
}
