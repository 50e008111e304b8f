// Usage errors in the shape upstream's click prints them, so scripts that parse them keep working.
// Types only: commander loads with the commands that parse with it, not with every conversion
// (a plain `anecc FILE -o OUT` is parsed by plain-argv.ts).
import type { Command, CommanderError } from 'commander';
// The error base alone, not the reader: `anecc --help` and usage errors do not load it.
import { AneccError } from '../hwx/errors.js';
import { closeMatches } from './close-matches.js';
import { ExitCode, type Io } from './io.js';

/** How a command is called, for usage errors: `anecc [OPTIONS] PATH` and its help command. */
export interface Synopsis {
  readonly usage: string;
  readonly help: string;
  /**
   * Long options whose suggestions win: upstream's own, so that a misspelled upstream option gets
   * exactly upstream's "Did you mean" line although this command has more options.
   */
  readonly suggestFirst?: readonly string[];
}

export class UsageError extends AneccError<'usage'> {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    readonly synopsis: Synopsis,
    /** click prints some errors (an option without its value) without the usage lines. */
    readonly showUsage = true,
  ) {
    super('usage', message);
  }
}

export function reportUsageError(error: UsageError, io: Io): number {
  const usage = error.showUsage ? `Usage: ${error.synopsis.usage}\nTry '${error.synopsis.help}' for help.\n\n` : '';
  io.stderr(`${usage}Error: ${error.message}\n`);
  return ExitCode.usage;
}

/** click's suggestion for an unknown long option: difflib's close matches among the long options. */
function suggestion(command: Command, option: string, first: readonly string[]): string {
  if (!option.startsWith('--')) return '';
  const longs = [...command.options.map((o) => o.long), '--help'].filter((o): o is string => o !== undefined);
  const preferred = closeMatches(option, first);
  const found = (preferred.length > 0 ? preferred : closeMatches(option, longs)).sort();
  if (found.length === 0) return '';
  return found.length === 1 ? ` Did you mean ${found[0]}?` : ` (Possible options: ${found.join(', ')})`;
}

/** The option as the user typed it: click names `--out` or `-o`, whichever was given last. */
function typedOption(flags: string, argv: readonly string[]): string {
  const short = /(?:^|[ ,])(-[^-\s,])/.exec(flags)?.[1];
  const long = /(--[^\s,=]+)/.exec(flags)?.[1];
  for (let i = argv.length - 1; i >= 0; i--) {
    const arg = argv[i]!;
    if (long !== undefined && arg === long) return long;
    // `-o` alone or at the end of a cluster such as `-wo`.
    if (short !== undefined && /^-[^-]/.test(arg) && arg.endsWith(short.slice(1))) return short;
  }
  return short ?? long ?? flags;
}

const sentence = (text: string): string => {
  const t = text.replace(/^error: /, '');
  return t.charAt(0).toUpperCase() + t.slice(1);
};

/** click's wording for the errors scripts are most likely to match; commander's otherwise. */
function clickError(command: Command, error: CommanderError, argv: readonly string[], synopsis: Synopsis): UsageError {
  const quoted = /'([^']+)'/.exec(error.message)?.[1];
  if (error.code === 'commander.optionMissingArgument' && quoted) {
    return new UsageError(`Option '${typedOption(quoted, argv)}' requires an argument.`, synopsis, false);
  }
  if (error.code === 'commander.unknownOption' && quoted) {
    // click looks the name up without an attached `=value`.
    const name = quoted.startsWith('--') ? quoted.split('=')[0]! : quoted;
    return new UsageError(`No such option: ${name}${suggestion(command, name, synopsis.suggestFirst ?? [])}`, synopsis);
  }
  if (error.code === 'commander.excessArguments') {
    const extra = command.args.slice(command.registeredArguments.length);
    if (extra.length > 0) return new UsageError(`Got unexpected extra argument${extra.length > 1 ? 's' : ''} (${extra.join(' ')})`, synopsis);
  }
  return new UsageError(sentence(error.message), synopsis);
}

/** commander's own errors (exitOverride), told apart by their code without loading commander. */
function isCommanderError(error: unknown): error is CommanderError {
  const code: unknown = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('commander.');
}

/**
 * Parses `argv` with `command`, turning commander's own exits into values: the help text is
 * printed and 0 returned, a usage error becomes UsageError. Returns undefined when parsing worked.
 */
export function parseWith(command: Command, argv: readonly string[], io: Io, synopsis: Synopsis): number | undefined {
  command
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: () => {},
      outputError: () => {},
      // Through `io`, not commander's own look at process.stdout, which a pipe pays for (see io.ts):
      // only a terminal has columns, and only a terminal may have colours.
      getOutHelpWidth: () => io.terminalColumns?.() ?? 80,
      getOutHasColors: () => io.terminalColumns?.() !== undefined && process.stdout.hasColors?.() === true,
    });
  try {
    command.parse([...argv], { from: 'user' });
    return undefined;
  } catch (error) {
    if (!isCommanderError(error)) throw error;
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help' || error.code === 'commander.version') return ExitCode.ok;
    throw clickError(command, error, argv, synopsis);
  }
}
