// `anecc clean IN.anec [-o OUT.anec] [--remap-slots] [--target T]`: zero the KernelDMA/NE kernel
// registers of tasks that use no kernel and, when asked, rebind task slots to libane's order.
import { Command, Option } from 'commander';
import { anecTargetNames, findAnecTarget, hex, layOutAnec, type AnecTarget } from '../../anec/index.js';
import { anecParts, fixAnec, loadAnecFile, SlotRemapError, ToolError, type AnecFixResult, type LoadedAnec } from '../../tools/index.js';
import { ExitCode, type Io } from '../io.js';
import { renderChanges } from '../render/changes-text.js';
import { parseWith, type Synopsis } from '../usage.js';
import { writeOutput } from '../report-output.js';

const cleanSynopsis: Synopsis = { usage: 'anecc clean [OPTIONS] IN', help: 'anecc clean --help' };

const RULE = `
A task uses no kernel when none of its CoeffDMAConfig registers has bit 0 (enable) set.
In such tasks clean sets CoeffDMAConfig*, CoeffBfrSize* (and the unnamed KernelDMA words
filled like them) and NE KernelCfg/MACCfg to 0. Cleaning twice changes nothing more.
Without -o nothing is written: the changes are only listed. Both layouts are read (payload at
0x1000 or 0x800); the output keeps the input's layout unless --target says otherwise.

Exit status: 0 done; 1 the file cannot be read, is not an .anec, or its slots are ambiguous;
2 usage error.`;

function cleanCommand(): Command {
  return new Command('anecc clean')
    .description('Zero spurious KernelDMA/NE registers in an .anec file (tasks that use no kernel).')
    .usage('[OPTIONS] IN')
    .argument('<IN>', '.anec file to clean')
    .option('-o, --out <FILE>', 'Write the cleaned .anec here (atomically)')
    .option('--remap-slots', 'EXPERIMENTAL, not verified on hardware: rebind task slots to outputs first, then inputs, as the .anec header and libane assume')
    .addOption(new Option('--target <TARGET>', 'layout of the written file: anecc-1.0.9 (payload at 0x1000) or libane (0x800); default: as the input').choices(anecTargetNames))
    .option('--debug', 'Show stack traces of internal errors')
    .helpOption('--help', 'Show this message and exit.')
    .addHelpText('after', RULE);
}

export async function runClean(argv: readonly string[], io: Io): Promise<number> {
  const command = cleanCommand();
  const exit = parseWith(command, argv, io, cleanSynopsis);
  if (exit !== undefined) return exit;
  const [path] = command.processedArgs as [string];
  const options = command.opts<{ out?: string; remapSlots?: boolean; target?: string }>();
  let result: AnecFixResult;
  let loaded: LoadedAnec;
  try {
    loaded = loadAnecFile(path, { name: 'clean' });
    result = fixAnec(anecParts(loaded), { clean: true, remapSlots: options.remapSlots === true });
  } catch (error) {
    if (!(error instanceof ToolError) && !(error instanceof SlotRemapError)) throw error;
    io.stderr(`anecc: error: ${error instanceof SlotRemapError ? `${path}: ` : ''}${error.message}\n`);
    return ExitCode.failed;
  }
  const target = findAnecTarget(options.target ?? '') ?? loaded.layout.target;
  const layout = (t: AnecTarget): string => `${t.name} layout (payload at ${hex(t.payloadOffset)})`;
  io.stdout(target === loaded.layout.target ? `${layout(target)}\n` : `${layout(loaded.layout.target)} -> ${layout(target)}\n`);
  io.stdout(renderChanges(result.changes, result.mapping));
  if (options.out === undefined) {
    io.stderr('anecc: nothing written (give -o OUT.anec to write the cleaned file)\n');
    return ExitCode.ok;
  }
  const anec = layOutAnec(result.anec, target);
  if (writeOutput(io, options.out, [anec.header, anec.payload]) !== ExitCode.ok) return ExitCode.failed;
  io.stderr(`anecc::info: cleaned anec to: ${options.out} (${result.changes.length} change(s))\n`);
  return ExitCode.ok;
}
