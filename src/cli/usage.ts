// Usage errors in the shape upstream's click prints them, so scripts that parse them keep working.
// Types only: commander loads with the commands that parse with it, not with every conversion
// (a plain `anecc FILE -o OUT` is parsed by plain-argv.ts).
import type { Command, CommanderError } from 'commander';
// The error base alone, not the reader: `anecc --help` and usage errors do not load it.
import { AneccError } from '../hwx/errors.js';
import { ExitCode, type Io } from './io.js';

/** How a command is called, for usage errors: `anecc [OPTIONS] PATH` and its help command. */
export interface Synopsis {
  readonly usage: string;
  readonly help: string;
}

export class UsageError extends AneccError<'usage'> {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    readonly synopsis: Synopsis,
  ) {
    super('usage', message);
  }
}

export function reportUsageError(error: UsageError, io: Io): number {
  io.stderr(`Usage: ${error.synopsis.usage}\nTry '${error.synopsis.help}' for help.\n\nError: ${error.message}\n`);
  return ExitCode.usage;
}

const sentence = (text: string): string => {
  const t = text.replace(/^error: /, '');
  return t.charAt(0).toUpperCase() + t.slice(1);
};

/** click's wording for the errors scripts are most likely to match; commander's otherwise. */
function clickMessage(command: Command, error: CommanderError): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1];
  switch (error.code) {
    case 'commander.excessArguments': {
      const extra = command.args.slice(command.registeredArguments.length);
      if (extra.length > 0) return `Got unexpected extra argument${extra.length > 1 ? 's' : ''} (${extra.join(' ')})`;
      break;
    }
    case 'commander.unknownOption':
      if (quoted) return `No such option: ${quoted}`;
      break;
    case 'commander.optionMissingArgument':
      if (quoted) return `Option '${quoted.split(/[ ,]/)[0]}' requires an argument.`;
      break;
  }
  return sentence(error.message);
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
    .configureOutput({ writeOut: io.stdout, writeErr: () => {}, outputError: () => {} });
  try {
    command.parse([...argv], { from: 'user' });
    return undefined;
  } catch (error) {
    if (!isCommanderError(error)) throw error;
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help' || error.code === 'commander.version') return ExitCode.ok;
    throw new UsageError(clickMessage(command, error), synopsis);
  }
}
