// `anecc doctor`: is the Python engine usable here, and why not.
import { Command } from 'commander';
import { doctorReportSchema, runDoctor as diagnose, type DoctorReport } from '../../tools/index.js';
import { ExitCode, type Io } from '../io.js';
import { renderJsonReport } from '../render/json-report.js';
import { wrap } from '../render/values.js';
import { PIPE_COLUMNS } from '../report-output.js';
import { parseWith, type Synopsis } from '../usage.js';

const synopsis: Synopsis = { usage: 'anecc doctor [--json]', help: 'anecc doctor --help' };

const mark = (ok: boolean): string => (ok ? 'ok  ' : 'FAIL');

/** Which profiles the Python engine converts with here, in one line. */
function verdict(r: DoctorReport): string {
  if (r.ok) return 'The Python engine works: --engine both|python are available.';
  const working = r.endToEnd.filter((e) => e.ok).map((e) => e.profile);
  const failing = r.endToEnd.filter((e) => !e.ok).map((e) => e.profile);
  if (working.length === 0 || failing.length === 0) {
    return 'The Python engine does not work here; conversions use the native engine only.';
  }
  return `The Python engine works for --profile ${working.join('|')} only; --profile ${failing.join('|')} fails here (see above).`;
}

/** Where anecc is and what is wrong with it; a problem already says how it was looked for. */
function upstreamLine(r: DoctorReport): string {
  const { origin, found, problem } = r.upstream;
  if (origin !== null) return problem ? `${origin}: ${problem}` : origin;
  return problem ?? found ?? 'not found';
}

function renderDoctor(r: DoctorReport): string {
  const lines = [
    `${mark(r.python.runs)} python      ${r.python.bin}${r.python.version ? ` (Python ${r.python.version}, ${r.python.executable})` : ''}${r.python.problem ? `: ${r.python.problem}` : ''}`,
    `${mark(r.upstream.importable)} anecc       ${upstreamLine(r)}`,
    r.upstream.sha256 === null
      ? 'skip pinned      not checked: no upstream anecc to compare'
      : `${mark(r.upstream.pinned)} pinned      ${r.upstream.pinned ? 'is' : 'is not'} ${r.upstream.pinnedLabel} (sha256 ${r.upstream.sha256.slice(0, 12)})`,
    ...r.packages.map((p) => `${mark(p.problem === null)} ${p.name.padEnd(11)} ${p.version ?? p.problem ?? ''}`),
    !r.patches.applied && r.patches.problem === null
      ? `skip patches     ${r.patches.series.length} in ${r.patches.dir}, not applied: no upstream anecc to apply them to`
      : `${mark(r.patches.applied)} patches     ${r.patches.series.length} in ${r.patches.dir}${r.patches.problem ? `: ${r.patches.problem}` : ''}`,
    ...r.endToEnd.map(
      (e) => `${mark(e.ok)} convert     --profile ${e.profile} ${e.file ?? ''}${e.ok ? ` (${e.anecSizeInBytes} bytes, ${e.durationMs} ms)` : `: ${e.problem ?? ''}`}`,
    ),
    ...r.warnings.map((w) => `warn ${w}`),
    ...r.removed.map((p) => `fix  removed   ${p} (left by an anecc process that no longer runs)`),
    verdict(r),
  ];
  // Fits a pipe's 100 columns; continuation lines start under the text of their check.
  return `${lines.flatMap((l) => wrap(l, PIPE_COLUMNS, ' '.repeat(17))).join('\n')}\n`;
}

export async function runDoctor(argv: readonly string[], io: Io): Promise<number> {
  const command = new Command('anecc doctor')
    .description('Check the Python engine: interpreter, upstream anecc, construct and click, patches, an end-to-end conversion.')
    .usage('[--json]')
    .option('--json', 'Print the report as JSON')
    .option('--debug', 'Show stack traces of internal errors')
    .addHelpText('after', '\nExit status: 0 the Python engine converts with both profiles; 1 it does not (see the FAIL lines).')
    .helpOption('--help', 'Show this message and exit.');
  const exit = parseWith(command, argv, io, synopsis);
  if (exit !== undefined) return exit;
  // The environment is read here, at the edge, and handed down.
  const report = await diagnose(process.env, { corpus: process.env['ANECC_CORPUS'] });
  io.stdout(command.opts()['json'] ? renderJsonReport(doctorReportSchema, report) : renderDoctor(report));
  return report.ok ? ExitCode.ok : ExitCode.failed;
}
