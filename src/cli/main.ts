// Entry point: picks the command and turns every outcome into an exit status.
import { existsSync } from 'node:fs';
import { FullCliNeeded } from './full-cli.js';
import { ExitCode, processIo, type Io } from './io.js';
import { positionalCount } from './plain-argv.js';
import { prebuiltHelpFor } from './prebuilt-help.js';
import { recoverRawArguments } from './raw-argv.js';
import { reportUsageError, UsageError } from './usage.js';

type CommandRunner = (argv: readonly string[], io: Io) => Promise<number>;

/** Subcommands, loaded only when used so plain conversions start fast. */
const subcommands: Record<string, () => Promise<CommandRunner>> = {
  inspect: async () => (await import('./commands/inspect.js')).runInspect,
  diff: async () => (await import('./commands/diff.js')).runDiff,
  clean: async () => (await import('./commands/clean.js')).runClean,
  retarget: async () => (await import('./commands/retarget.js')).runRetarget,
  check: async () => (await import('./commands/check.js')).runCheck,
  doctor: async () => (await import('./commands/doctor.js')).runDoctor,
};

/**
 * A first argument naming a subcommand runs it, unless a file of that name exists and nothing
 * else is positional: then it is upstream's `anecc PATH`, which must keep converting.
 */
function pickSubcommand(argv: readonly string[]): string | undefined {
  const [first, ...rest] = argv;
  if (first === undefined || !Object.hasOwn(subcommands, first)) return undefined;
  if (existsSync(first) && positionalCount(rest) === 0) return undefined;
  return first;
}

export async function main(rawArgv: readonly string[], io: Io = processIo): Promise<number> {
  // File names that are not UTF-8 reach us as U+FFFD; get their bytes back (Linux).
  const argv = recoverRawArguments(rawArgv);
  const debug = argv.includes('--debug');
  try {
    const sub = pickSubcommand(argv);
    if (sub !== undefined) return await (await subcommands[sub]!())(argv.slice(1), io);
    const help = prebuiltHelpFor(argv);
    if (help !== undefined) {
      io.stdout(help);
      return ExitCode.ok;
    }
    // Loaded here rather than at the top so that --help does not load the converter.
    const { runConvert } = await import('./commands/convert.js');
    return await runConvert(argv, io);
  } catch (error) {
    if (error instanceof FullCliNeeded) throw error;
    if (error instanceof UsageError) return reportUsageError(error, io);
    io.stderr(`anecc: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    else io.stderr('anecc: run again with --debug for the stack trace, and please report it\n');
    return ExitCode.failed;
  }
}
