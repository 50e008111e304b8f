// `anecc inspect FILE [--json] [--all]`: what an HWX or .anec file holds.
import { Command } from 'commander';
import { inspectFile, inspectReportSchema, ToolError, type InspectReport } from '../../tools/index.js';
import { ExitCode, type Io } from '../io.js';
import { renderInspectText } from '../render/inspect-text.js';
import { renderJsonReport } from '../render/json-report.js';
import { parseWith, type Synopsis } from '../usage.js';

const inspectSynopsis: Synopsis = { usage: 'anecc inspect [OPTIONS] FILE', help: 'anecc inspect --help' };

function inspectCommand(): Command {
  return new Command('anecc inspect')
    .description('Show what an HWX or .anec file holds: generation, compiler, segments, slots, tensors, tasks and registers, warnings.')
    .usage('[OPTIONS] FILE')
    .argument('<FILE>', 'HWX or .anec file (told apart by content)')
    .option('--json', 'Print the report as JSON (integers only; shape in the README)')
    .option('--all', 'Also show registers written with 0')
    .option('--debug', 'Show stack traces of internal errors')
    .helpOption('--help', 'Show this message and exit.')
    .addHelpText('after', '\nExit status: 0 shown; 1 the file cannot be read or is neither HWX nor .anec; 2 usage error.');
}

export async function runInspect(argv: readonly string[], io: Io): Promise<number> {
  const command = inspectCommand();
  const exit = parseWith(command, argv, io, inspectSynopsis);
  if (exit !== undefined) return exit;
  const [path] = command.processedArgs as [string];
  const options = command.opts<{ json?: boolean; all?: boolean }>();
  let report: InspectReport;
  try {
    report = inspectFile(path);
  } catch (error) {
    if (!(error instanceof ToolError)) throw error;
    io.stderr(`anecc: error: ${error.message}\n`);
    return ExitCode.failed;
  }
  io.stdout(options.json ? renderJsonReport(inspectReportSchema, report) : renderInspectText(report, { all: options.all === true }));
  return ExitCode.ok;
}
