// `anecc inspect FILE [--format text|json|html] [--task N] [--summary]`: what an HWX or .anec file holds.
import { Command, InvalidArgumentError, Option } from 'commander';
import { inspectLoaded, inspectReportSchema, inspectSummary, inspectSummarySchema, loadFile, ToolError, type InspectReport, type LoadedFile } from '../../tools/index.js';
import { ExitCode, type Io } from '../io.js';
import { emitReport, jsonIndent, pickFormat, textWidth, type ReportFormat } from '../report-output.js';
import { parseWith, type Synopsis } from '../usage.js';

const inspectSynopsis: Synopsis = { usage: 'anecc inspect [OPTIONS] FILE', help: 'anecc inspect --help' };

const FORMATS: readonly ReportFormat[] = ['text', 'json', 'html'];

function taskIndex(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`expected a task number (0, 1, ...), got "${value}"`);
  return Number(value);
}

function inspectCommand(): Command {
  return new Command('anecc inspect')
    .description('Show what an HWX or .anec file holds: generation, compiler, segments, slots, tensors, tasks and registers, warnings.')
    .usage('[OPTIONS] FILE')
    .argument('<FILE>', 'HWX or .anec file (told apart by content)')
    .addOption(new Option('--format <FORMAT>', 'text, json (shape in the README) or html (one self-contained page)').choices(FORMATS))
    .option('--json', 'Same as --format json (compact on a pipe, indented on a terminal)')
    .option('--pretty', 'Indent JSON even when it goes to a pipe or a file')
    .option('--task <N>', 'Show only task N (numbered from 0)', taskIndex)
    .option('--summary', 'One line per task: layout, size, bindings, operation, warnings')
    .option('--all', 'Also show registers written with 0')
    .option('-o, --out <FILE>', 'Write the report to FILE (atomically) instead of stdout')
    .option('--debug', 'Show stack traces of internal errors')
    .helpOption('--help', 'Show this message and exit.')
    .addHelpText('after', '\nExit status: 0 shown; 1 the file cannot be read, is neither HWX nor .anec, or has no such\ntask; 2 usage error.');
}

interface InspectCliOptions {
  format?: ReportFormat;
  json?: boolean;
  pretty?: boolean;
  task?: number;
  summary?: boolean;
  all?: boolean;
  out?: string;
}

async function render(loaded: LoadedFile, full: InspectReport, report: InspectReport, format: ReportFormat, io: Io, options: InspectCliOptions): Promise<string> {
  const toFile = options.out !== undefined;
  switch (format) {
    case 'json': {
      const { renderJsonReport } = await import('../render/json-report.js');
      const indent = jsonIndent(io, toFile, options.pretty === true);
      return options.summary ? renderJsonReport(inspectSummarySchema, inspectSummary(report), indent) : renderJsonReport(inspectReportSchema, report, indent);
    }
    case 'html': {
      const [{ diffLoaded }, { renderReportHtml }] = await Promise.all([import('../../tools/diff.js'), import('../render/report-html.js')]);
      const page = diffLoaded([loaded], { all: true }, [full]);
      const rows = options.task === undefined ? page.rows : page.rows.filter((r) => r.task === options.task);
      return renderReportHtml({ ...page, rows }, { title: 'anecc inspect' });
    }
    case 'text': {
      const width = textWidth(io, toFile);
      if (options.summary) return (await import('../render/inspect-text.js')).renderInspectSummary(report, { width });
      return (await import('../render/inspect-text.js')).renderInspectText(report, { all: options.all === true, width });
    }
    default:
      throw new Error(`inspect cannot write ${format}`);
  }
}

export async function runInspect(argv: readonly string[], io: Io): Promise<number> {
  const command = inspectCommand();
  const exit = parseWith(command, argv, io, inspectSynopsis);
  if (exit !== undefined) return exit;
  const [path] = command.processedArgs as [string];
  const options = command.opts<InspectCliOptions>();
  let loaded: LoadedFile;
  let report: InspectReport;
  try {
    loaded = loadFile(path);
    report = inspectLoaded(loaded);
  } catch (error) {
    if (!(error instanceof ToolError)) throw error;
    io.stderr(`anecc: error: ${error.message}\n`);
    return ExitCode.failed;
  }
  const full = report;
  if (options.task !== undefined) {
    const task = report.tasks.find((t) => t.index === options.task);
    if (task === undefined) {
      io.stderr(`anecc: error: ${path}: no task ${options.task}; the file has ${report.tasks.length} task(s)${report.tasks.length > 0 ? ` (0..${report.tasks.length - 1})` : ''}\n`);
      return ExitCode.failed;
    }
    report = { ...report, tasks: [task] };
  }
  return emitReport(io, await render(loaded, full, report, pickFormat(options.format, options.json), io, options), options.out);
}
