// `anecc retarget IN -o OUT --target T`: an .anec already converted, laid out for another libane.
import { Command, Option } from 'commander';
import { anecTargetNames, findAnecTarget, hex, layOutAnec, type AnecBytes, type AnecTarget } from '../../anec/index.js';
import { anecParts, loadAnecFile, ToolError, type LoadedAnec } from '../../tools/index.js';
import { ExitCode, type Io } from '../io.js';
import { parseWith, UsageError, type Synopsis } from '../usage.js';
import { writeOutput } from '../report-output.js';

const retargetSynopsis: Synopsis = { usage: 'anecc retarget [OPTIONS] IN', help: 'anecc retarget --help' };

const EPILOGUE = `
Targets:
  anecc-1.0.9   payload at 0x1000, as anecc 1.0.9 writes it (libane of eiln/ane 8fd8c7c..e585747)
  libane        payload at 0x800, as libane reads it since eiln/ane e585747 (main 0dcea99)
The header fields (0x6a8 bytes) and the payload are copied unchanged; only the zero padding
between them changes. The input may have either layout.

Exit status: 0 written; 1 the file cannot be read or is not an .anec; 2 usage error.`;

function retargetCommand(): Command {
  return new Command('anecc retarget')
    .description('Write an .anec file in the layout another libane reads.')
    .usage('[OPTIONS] IN')
    .argument('<IN>', '.anec file (either layout)')
    .requiredOption('-o, --out <FILE>', 'Write the retargeted .anec here (atomically)')
    .addOption(new Option('--target <TARGET>', 'anecc-1.0.9 or libane').choices(anecTargetNames).makeOptionMandatory())
    .option('--debug', 'Show stack traces of internal errors')
    .helpOption('--help', 'Show this message and exit.')
    .addHelpText('after', EPILOGUE);
}

interface RetargetResult {
  readonly from: AnecTarget;
  readonly to: AnecTarget;
  readonly anec: AnecBytes;
}

/** The file in `to`'s layout: only the zero padding between the header fields and the payload changes. */
function retarget(loaded: LoadedAnec, to: AnecTarget): RetargetResult {
  return { from: loaded.layout.target, to, anec: layOutAnec(anecParts(loaded), to) };
}

export async function runRetarget(argv: readonly string[], io: Io): Promise<number> {
  const command = retargetCommand();
  const exit = parseWith(command, argv, io, retargetSynopsis);
  if (exit !== undefined) return exit;
  const [path] = command.processedArgs as [string];
  const options = command.opts<{ out: string; target: string }>();
  const target = findAnecTarget(options.target);
  if (target === undefined) throw new UsageError(`--target: expected ${anecTargetNames.join(' or ')}, got "${options.target}"`, retargetSynopsis);
  let result: RetargetResult;
  try {
    result = retarget(loadAnecFile(path, { name: 'retarget', target: target.name }), target);
  } catch (error) {
    if (!(error instanceof ToolError)) throw error;
    io.stderr(`anecc: error: ${error.message}\n`);
    return ExitCode.failed;
  }
  const say = (t: RetargetResult['from']): string => `${t.name} layout (payload at ${hex(t.payloadOffset)})`;
  io.stdout(result.from !== result.to ? `${say(result.from)} -> ${say(result.to)}\n` : `already in the ${say(result.to)}; written unchanged\n`);
  if (writeOutput(io, options.out, [result.anec.header, result.anec.payload]) !== ExitCode.ok) return ExitCode.failed;
  io.stderr(`anecc::info: retargeted anec to: ${options.out}\n`);
  return ExitCode.ok;
}
