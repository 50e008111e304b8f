// The common conversion command lines, parsed without commander: `anecc FILE -o OUT -p`, with any
// of the convert command's options written out separately. Loading commander costs more than a
// whole native conversion of a small file, so the plain case skips it. Anything else (help, an
// unknown or clustered option, `--opt=value`, `--`, a value that starts with '-', a bad choice,
// no or several paths) returns undefined and goes to commander, which keeps every message
// click-compatible; the options found here are exactly the ones commander would find.

/** What commander's `opts()` plus the path argument hold after parsing the convert command. */
export interface PlainConvertArgv {
  readonly path: string;
  readonly name?: string;
  readonly out?: string;
  readonly engine?: string;
  readonly profile?: string;
  readonly target?: string;
  readonly write?: true;
  readonly print?: true;
  readonly force?: true;
  readonly clean?: true;
  readonly remapSlots?: true;
  readonly debug?: true;
}

type Flag = 'write' | 'print' | 'force' | 'clean' | 'remapSlots' | 'debug';
type Valued = 'name' | 'out' | 'engine' | 'profile' | 'target';

const FLAGS: Readonly<Record<string, Flag>> = {
  '-w': 'write',
  '--write': 'write',
  '-p': 'print',
  '--print': 'print',
  '-f': 'force',
  '--force': 'force',
  '--clean': 'clean',
  '--remap-slots': 'remapSlots',
  '--debug': 'debug',
};

const VALUED: Readonly<Record<string, Valued>> = {
  '-n': 'name',
  '--name': 'name',
  '-o': 'out',
  '--out': 'out',
  '--engine': 'engine',
  '--profile': 'profile',
  '--target': 'target',
};

const shortLetters = (table: Readonly<Record<string, unknown>>): ReadonlySet<string> =>
  new Set(Object.keys(table).filter((o) => /^-[^-]$/.test(o)).map((o) => o[1]!));
const shortFlags = shortLetters(FLAGS);
const shortValued = shortLetters(VALUED);

/** An option whose value is the next argument: a valued one, or short flags clustered before one (`-wn NAME`, as click allows). */
function takesValue(arg: string): boolean {
  if (Object.hasOwn(VALUED, arg)) return true;
  return arg.length > 2 && arg[0] === '-' && shortValued.has(arg.at(-1)!) && [...arg.slice(1, -1)].every((c) => shortFlags.has(c));
}

/** How many positional arguments the convert command's `argv` holds (option values are not). */
export function positionalCount(argv: readonly string[]): number {
  let count = 0;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return count + argv.length - i - 1;
    if (takesValue(arg)) i++;
    else if (!arg.startsWith('-') || arg === '-') count++;
  }
  return count;
}

/**
 * The convert command's options when `argv` is plain, else undefined. `choices` are the values
 * commander accepts for --engine, --profile and --target.
 */
export function parsePlainConvertArgv(
  argv: readonly string[],
  choices: { readonly engine: readonly string[]; readonly profile: readonly string[]; readonly target: readonly string[] },
): PlainConvertArgv | undefined {
  const options: Record<string, string | true> = {};
  let path: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const flag = Object.hasOwn(FLAGS, arg) ? FLAGS[arg] : undefined;
    const valued = Object.hasOwn(VALUED, arg) ? VALUED[arg] : undefined;
    if (flag !== undefined) {
      options[flag] = true;
    } else if (valued !== undefined) {
      const value = argv[++i];
      if (value === undefined || value.startsWith('-')) return undefined;
      if ((valued === 'engine' || valued === 'profile' || valued === 'target') && !choices[valued].includes(value)) return undefined;
      // Given twice, the last one counts, as with commander.
      options[valued] = value;
    } else if (arg.startsWith('-') || path !== undefined) {
      return undefined;
    } else {
      path = arg;
    }
  }
  return path === undefined ? undefined : { ...options, path };
}
