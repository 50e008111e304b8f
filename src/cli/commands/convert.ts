// The drop-in: `anecc PATH [-n NAME] [-o OUT] [-w] [-p] [-f]`, as upstream's run.py, plus the
// engine and profile choices. Only this layer prints and decides exit codes.
import { accessSync, constants, existsSync } from 'node:fs';
import type { Command } from 'commander';
import { anecTargetNames, profiles } from '../../anec/index.js';
import { convert, ConvertSetupError, engineChoices, normalizeConvertOptions, OptionsError, type ConversionOptions, type ConvertReport } from '../../convert/index.js';
import { outputUnwritable } from '../../convert/messages.js';
import { renderChanges } from '../render/changes-text.js';
import { ExitCode, type Io } from '../io.js';
import { renderLogRecord, renderFailure } from '../render/text.js';
import { parsePlainConvertArgv } from '../plain-argv.js';
import { parseWith, UsageError, type Synopsis } from '../usage.js';
import { writeFileAtomic } from '../../lifecycle/index.js';
import { fsPath } from '../../names/escaped-bytes.js';

const convertSynopsis: Synopsis = {
  usage: 'anecc [OPTIONS] PATH',
  help: 'anecc --help',
  // Upstream's run.py options, in its order (click suggests among these).
  suggestFirst: ['--name', '--out', '--write', '--print', '--force', '--help'],
};

const DESCRIPTION = "Convert an HWX file from Apple's ANE compiler into an .anec file for libane.";

const EPILOGUE = `
Commands:
  anecc inspect FILE [--summary|--all]    what an HWX or .anec file holds (--format json|html)
  anecc diff A B [C...] [--format F]      field by field, one column per file (text, markdown, html)
  anecc clean IN.anec -o OUT              zero spurious KernelDMA/NE registers
  anecc check FILE [--target T]           why a model may compute 0.0 on Linux, cause by cause
  anecc retarget IN -o OUT --target T     an .anec laid out for another libane
  anecc doctor                            check the Python engine
A file named like a command still converts when it is the only argument.

Exit status: 0 done; 1 the input cannot be converted; 2 usage error;
3 the native and Python engines disagree (nothing is written).`;

// commander is loaded only for what the plain parser hands over (help, usage errors, rare forms).
async function convertCommand(): Promise<Command> {
  const { Command, Option } = await import('commander');
  return new Command('anecc')
    .description(DESCRIPTION)
    .usage('[OPTIONS] PATH')
    .argument('[PATH]', 'HWX file to convert')
    .option('-n, --name <TEXT>', 'Model name')
    .option('-o, --out <TEXT>', 'Output file name (default $name.anec)')
    .option('-w, --write', 'Write anec.')
    .option('-p, --print', 'Print struct.')
    .option('-f, --force', 'Bypass warnings.')
    .addOption(
      new Option('--engine <ENGINE>', 'both: run native and Python and compare; native; python. Default: $ANECC_ENGINE, else both when upstream anecc can be imported, else native').choices(
        engineChoices,
      ),
    )
    .addOption(new Option('--profile <PROFILE>', 'patched (default): upstream plus patches/, reads macOS 26 files; upstream: anecc 1.0.9 exactly').choices(profiles))
    .addOption(
      new Option('--target <TARGET>', 'anecc-1.0.9 (default): payload at 0x1000, as upstream writes; libane: payload at 0x800, as eiln/ane libane reads since e585747').choices(
        anecTargetNames,
      ),
    )
    .option('--clean', 'Zero the KernelDMA/NE registers of tasks that use no kernel')
    .option('--remap-slots', 'EXPERIMENTAL, not verified on hardware: rebind task slots to outputs first, then inputs')
    .option('--debug', 'Show stack traces of internal errors')
    .option('--version', "Show the version (and upstream's, when the Python engine is usable) and exit.")
    .helpOption('--help', 'Show this message and exit.')
    .addHelpText('after', EPILOGUE);
}

/** click's `Path(exists=True)` also insists on read access. */
function readable(path: string): boolean {
  try {
    accessSync(fsPath(path), constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** The help as `anecc --help` prints it where commander's width is 80 columns (not a terminal). */
export async function convertHelpText(): Promise<string> {
  const command = await convertCommand();
  let text = '';
  // An Io without a terminal: 80 columns, no colours (see parseWith).
  parseWith(command, ['--help'], { stdout: (chunk) => void (text += chunk), stderr: () => {} }, convertSynopsis);
  return text;
}

/** argv as commander parses it: the options given and the PATH argument; or the exit status when done. */
async function parseArgv(argv: readonly string[], io: Io): Promise<{ readonly path: string | undefined } | number> {
  return parsePlainConvertArgv(argv, { engine: engineChoices, profile: profiles, target: anecTargetNames }) ?? (await parseArgvWithCommander(argv, io));
}

/** The same through commander, whatever argv holds (exported for the test that holds the plain parser to it). */
export async function parseArgvWithCommander(argv: readonly string[], io: Io): Promise<{ readonly path: string | undefined } | number> {
  const command = await convertCommand();
  const exit = parseWith(command, argv, io, convertSynopsis);
  if (exit !== undefined) return exit;
  if (command.opts()['version'] === true) return (await import('./version.js')).runVersion(io);
  const [path] = command.processedArgs as [string | undefined];
  return { ...command.opts(), path };
}

export async function runConvert(argv: readonly string[], io: Io): Promise<number> {
  const parsed = await parseArgv(argv, io);
  if (typeof parsed === 'number') return parsed;
  const { path } = parsed;
  if (path === undefined) throw new UsageError("Missing argument 'PATH'.", convertSynopsis);
  if (!existsSync(fsPath(path))) throw new UsageError(`Invalid value for 'PATH': Path '${path}' does not exist.`, convertSynopsis);
  if (!readable(path)) throw new UsageError(`Invalid value for 'PATH': Path '${path}' is not readable.`, convertSynopsis);
  let options: ConversionOptions;
  try {
    // argv and the environment are read here, once; nothing below looks at either again.
    options = normalizeConvertOptions({ ...parsed, path }, process.env);
  } catch (error) {
    if (error instanceof OptionsError) throw new UsageError(error.message, convertSynopsis);
    throw error;
  }
  let report: ConvertReport;
  try {
    report = await convert(options);
  } catch (error) {
    if (!(error instanceof ConvertSetupError)) throw error;
    io.stderr(`anecc: error: ${error.message}\n`);
    // What Python wrote last (a traceback, a warning) is the way in when its engine fails.
    if (options.debug && error.detail) io.stderr(`${error.detail}\n`);
    return error.code === 'bad_python_timeout' || error.code === 'bad_python_transport' ? ExitCode.usage : ExitCode.failed;
  }
  return finish(report, io);
}

function finish(report: ConvertReport, io: Io): number {
  const { options, outcome } = report;
  for (const notice of report.notices) io.stderr(`anecc: ${notice.level}: ${notice.message}\n`);
  if (report.disagreement) {
    const d = report.disagreement;
    io.stderr(
      `anecc: error: the native and Python engines disagree on ${options.path} (profile ${options.profile}) at ${d.where}: native ${d.native}, python ${d.python}; nothing written\n`,
    );
    return ExitCode.disagreement;
  }
  for (const record of outcome.logs) io.stderr(renderLogRecord(record));
  // Not an upstream log line: worded as our own, after upstream's.
  for (const warning of outcome.warnings ?? []) io.stderr(`anecc: warning: ${options.path}: ${warning.message}\n`);
  if (outcome.printed) io.stdout(outcome.printed);
  if (!outcome.ok) {
    io.stderr(renderFailure(options.path, outcome));
    return ExitCode.failed;
  }
  if (report.fixError) {
    io.stderr(`anecc: error: ${options.path}: ${report.fixError.message}; nothing written\n`);
    return ExitCode.failed;
  }
  // On stderr, so that -p output stays exactly upstream's.
  if (report.fixes) io.stderr(renderChanges(report.fixes.changes, report.fixes.mapping));
  if ((options.clean || options.remapSlots) && !outcome.anec) {
    io.stderr('anecc: notice: --clean and --remap-slots change the written file; give -o or -w to write one\n');
  }
  if (outcome.anec) {
    const outPath = options.out || `${outcome.name}.anec`;
    try {
      writeFileAtomic(outPath, [outcome.anec.header, outcome.anec.payload]);
    } catch (error) {
      io.stderr(`anecc: error: ${outputUnwritable(outPath, error as NodeJS.ErrnoException)}\n`);
      return ExitCode.failed;
    }
    io.stderr(renderLogRecord({ level: 'info', message: `compiled anec to: ${outPath}` }));
  }
  return ExitCode.ok;
}
