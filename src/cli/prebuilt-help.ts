// `anecc --help` without loading commander or the converter: the text commander makes from the
// convert command's definition at its width for output that is not a terminal (80 columns),
// computed by the build (scripts/bundle-cli.mjs, from convertHelpText()) so it cannot drift.
// Absent when running tsc's output, and for a terminal (whose width commander follows): commander
// prints the help then.

import { stdoutIsTerminal } from './io.js';

declare const __ANECC_CONVERT_HELP__: string | undefined;
const prebuilt = typeof __ANECC_CONVERT_HELP__ === 'string' ? __ANECC_CONVERT_HELP__ : undefined;

/** The help to print for `argv`, when it is exactly `--help` and the prebuilt text applies. */
export function prebuiltHelpFor(argv: readonly string[]): string | undefined {
  return argv.length === 1 && argv[0] === '--help' && !stdoutIsTerminal() ? prebuilt : undefined;
}
