// `anecc diff A B [--json]`: register-level differences of two HWX/.anec files.
import { Command } from 'commander';
import { diffFiles, diffReportSchema, ToolError, type DiffReport } from '../../tools/index.js';
import { ExitCode, type Io } from '../io.js';
import { renderDiffText } from '../render/diff-text.js';
import { renderJsonReport } from '../render/json-report.js';
import { parseWith, type Synopsis } from '../usage.js';

const diffSynopsis: Synopsis = { usage: 'anecc diff [OPTIONS] A B', help: 'anecc diff --help' };

/** As cmp(1) and diff(1): 0 same, 1 different, 2 trouble. */
const DIFF_TROUBLE = ExitCode.usage;

function diffCommand(): Command {
  return new Command('anecc diff')
    .description('Show how two HWX or .anec files differ: header fields, task words, registers by name, tensors, segments.')
    .usage('[OPTIONS] A B')
    .argument('<A>', 'first HWX or .anec file')
    .argument('<B>', 'second HWX or .anec file')
    .option('--json', 'Print {a, b, same, differences: [{where, field, a, b}], groups} as JSON')
    .option('--debug', 'Show stack traces of internal errors')
    .helpOption('--help', 'Show this message and exit.')
    .addHelpText('after', '\nExit status: 0 the files are the same; 1 they differ; 2 trouble (unreadable file, usage error).');
}

export async function runDiff(argv: readonly string[], io: Io): Promise<number> {
  const command = diffCommand();
  const exit = parseWith(command, argv, io, diffSynopsis);
  if (exit !== undefined) return exit;
  const [a, b] = command.processedArgs as [string, string];
  const options = command.opts<{ json?: boolean }>();
  let report: DiffReport;
  try {
    report = diffFiles(a, b);
  } catch (error) {
    if (!(error instanceof ToolError)) throw error;
    io.stderr(`anecc: error: ${error.message}\n`);
    return DIFF_TROUBLE;
  }
  io.stdout(options.json ? renderJsonReport(diffReportSchema, report) : renderDiffText(report));
  return report.same ? ExitCode.ok : ExitCode.failed;
}
