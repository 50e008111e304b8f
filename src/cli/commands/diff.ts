// `anecc diff A B [C ...]`: N HWX/.anec files side by side, field by field.
import { Command, Option } from 'commander';
import { diffFiles, diffReportSchema, ToolError, type DiffReport } from '../../tools/index.js';
import { ExitCode, type Io } from '../io.js';
import { emitReport, jsonIndent, pickFormat, textWidth, type ReportFormat } from '../report-output.js';
import { parseWith, type Synopsis } from '../usage.js';

const diffSynopsis: Synopsis = { usage: 'anecc diff [OPTIONS] A B [C ...]', help: 'anecc diff --help' };

/** As cmp(1) and diff(1): 0 same, 1 different, 2 trouble. */
const DIFF_TROUBLE = ExitCode.usage;

const FORMATS: readonly ReportFormat[] = ['text', 'json', 'markdown', 'html'];

function diffCommand(): Command {
  return new Command('anecc diff')
    .description(
      'Show how HWX or .anec files differ, one column per file: header fields, every stab, task words and their bit fields, registers by name, and the bytes of every region.',
    )
    .usage('[OPTIONS] A B [C ...]')
    .argument('<FILES...>', 'two or more HWX or .anec files (the first is the base others are compared to)')
    .addOption(new Option('--format <FORMAT>', 'text (fits the terminal), json, markdown (a GitHub table) or html (one self-contained page)').choices(FORMATS))
    .option('--json', 'Same as --format json')
    .option('--pretty', 'Indent JSON even when it goes to a pipe or a file')
    .option('--all', 'Show every compared field, not only those that differ')
    .option('-o, --out <FILE>', 'Write the report to FILE (atomically) instead of stdout')
    .option('--debug', 'Show stack traces of internal errors')
    .helpOption('--help', 'Show this message and exit.')
    .addHelpText('after', '\nExit status: 0 the files are the same; 1 they differ; 2 trouble (unreadable file, usage error).');
}

interface DiffCliOptions {
  format?: ReportFormat;
  json?: boolean;
  pretty?: boolean;
  all?: boolean;
  out?: string;
}

async function render(report: DiffReport, format: ReportFormat, io: Io, options: DiffCliOptions): Promise<string> {
  const toFile = options.out !== undefined;
  switch (format) {
    case 'json':
      return (await import('../render/json-report.js')).renderJsonReport(diffReportSchema, report, jsonIndent(io, toFile, options.pretty === true));
    case 'markdown':
      return (await import('../render/diff-markdown.js')).renderDiffMarkdown(report);
    case 'html':
      return (await import('../render/report-html.js')).renderReportHtml(report, { title: 'anecc diff' });
    case 'text':
      return (await import('../render/diff-text.js')).renderDiffText(report, { width: textWidth(io, toFile) });
  }
}

export async function runDiff(argv: readonly string[], io: Io): Promise<number> {
  const command = diffCommand();
  const exit = parseWith(command, argv, io, diffSynopsis);
  if (exit !== undefined) return exit;
  const [paths] = command.processedArgs as [string[]];
  const options = command.opts<DiffCliOptions>();
  if (paths.length < 2) {
    io.stderr(`Usage: ${diffSynopsis.usage}\nTry '${diffSynopsis.help}' for help.\n\nError: Missing argument 'B': diff needs two or more files.\n`);
    return ExitCode.usage;
  }
  const format = pickFormat(options.format, options.json);
  let report: DiffReport;
  try {
    // HTML shows every field (the page hides equal ones until asked).
    report = diffFiles(paths, { all: options.all === true || format === 'html' });
  } catch (error) {
    if (!(error instanceof ToolError)) throw error;
    io.stderr(`anecc: error: ${error.message}\n`);
    return DIFF_TROUBLE;
  }
  const written = emitReport(io, await render(report, format, io, options), options.out);
  if (written !== ExitCode.ok) return DIFF_TROUBLE;
  return report.same ? ExitCode.ok : ExitCode.failed;
}
