// `anecc check FILE [--target T] [--json] [--fix -o OUT]`: every known reason a model computes
// 0.0 (or times out) on Linux, for an HWX or .anec file, with the evidence and the fix.
import { Command, Option } from 'commander';
import { anecTargetNames, DEFAULT_TARGET, findAnecTarget } from '../../anec/index.js';
import { checkLoaded, checkReportSchema, fixCheck, type CheckReport, type FixedCheck } from '../../tools/check/index.js';
import { loadFile, ToolError } from '../../tools/index.js';
import { ExitCode, type Io } from '../io.js';
import { renderCheckText } from '../render/check-text.js';
import { renderJsonReport } from '../render/json-report.js';
import { parseWith, UsageError, type Synopsis } from '../usage.js';
import { writeOutput } from '../report-output.js';

const checkSynopsis: Synopsis = { usage: 'anecc check [OPTIONS] FILE', help: 'anecc check --help' };

const EPILOGUE = `
Causes, each ok, problem or unknown: conversion, payload offset (against --target), slot order
(reads, writes and kernel bindings against libane's outputs-first order), spurious KernelDMA/NE,
td_size against each task's length, intermediate buffers against libane's slots, tiles against
the tensors' shapes and strides, the generation (H13 only), and any other inspect warning.

Targets: anecc-1.0.9 (default; payload at 0x1000, what anecc 1.0.9 writes, read by libane of
eiln/ane 8fd8c7c..e585747); libane (payload at 0x800, read by libane since eiln/ane e585747).

--fix -o OUT applies every fix that exists (retarget, clean, remap), lists what it did and
checks the result again; none of these fixes has been run on hardware by this project.

Exit status: 0 no problem (after --fix: in the written file); 1 a problem, or the file cannot be
read; 2 usage error.`;

function checkCommand(): Command {
  return new Command('anecc check')
    .description('Check an HWX or .anec file for every known cause of wrong output (0.0, timeouts) on Linux.')
    .usage('[OPTIONS] FILE')
    .argument('<FILE>', 'HWX or .anec file (told apart by content)')
    .addOption(new Option('--target <TARGET>', 'the libane it is for: anecc-1.0.9 (default) or libane').choices(anecTargetNames))
    .option('--json', 'Print the report as JSON')
    .option('--fix', 'Apply every fix that exists and write the result to -o')
    .option('-o, --out <FILE>', 'With --fix: where to write the fixed .anec (atomically)')
    .option('-v, --verbose', 'Show the evidence of causes that are ok too')
    .option('--debug', 'Show stack traces of internal errors')
    .helpOption('--help', 'Show this message and exit.')
    .addHelpText('after', EPILOGUE);
}

export async function runCheck(argv: readonly string[], io: Io): Promise<number> {
  const command = checkCommand();
  const exit = parseWith(command, argv, io, checkSynopsis);
  if (exit !== undefined) return exit;
  const [path] = command.processedArgs as [string];
  const options = command.opts<{ target?: string; json?: boolean; fix?: boolean; out?: string; verbose?: boolean }>();
  const target = options.target === undefined ? DEFAULT_TARGET : findAnecTarget(options.target);
  if (target === undefined) throw new UsageError(`--target: expected ${anecTargetNames.join(' or ')}, got "${options.target}"`, checkSynopsis);
  if (options.fix === true && options.out === undefined) throw new UsageError('--fix needs -o OUT: where to write the fixed file', checkSynopsis);
  if (options.fix !== true && options.out !== undefined) throw new UsageError('-o is only used with --fix', checkSynopsis);
  let report: CheckReport;
  let fixed: FixedCheck | undefined;
  try {
    const loaded = loadFile(path);
    if (options.fix === true) {
      fixed = fixCheck(loaded, target, options.out!);
      report = fixed.report;
    } else {
      report = checkLoaded(loaded, target);
    }
  } catch (error) {
    if (!(error instanceof ToolError)) throw error;
    io.stderr(`anecc: error: ${error.message}\n`);
    return ExitCode.failed;
  }
  if (fixed !== undefined) {
    if (fixed.anec === undefined) {
      io.stdout(options.json ? renderJsonReport(checkReportSchema, report) : renderCheckText(report, options.verbose === true));
      io.stderr(`anecc: error: ${path}: does not convert, so there is nothing to fix; nothing written\n`);
      return ExitCode.failed;
    }
    if (writeOutput(io, options.out!, [fixed.anec.header, fixed.anec.payload]) !== ExitCode.ok) return ExitCode.failed;
  }
  io.stdout(options.json ? renderJsonReport(checkReportSchema, report) : renderCheckText(report, options.verbose === true));
  const remaining = report.fix === null ? report.problems : report.fix.problemsAfter;
  return remaining.length === 0 ? ExitCode.ok : ExitCode.failed;
}
