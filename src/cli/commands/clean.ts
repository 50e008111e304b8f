// `anecc clean IN.anec [-o OUT.anec] [--remap-slots]`: zero the KernelDMA/NE kernel registers of
// tasks that use no kernel and, when asked, rebind task slots to libane's order.
import { Command } from 'commander';
import { ANEC_HEADER_SIZE_IN_BYTES } from '../../anec/index.js';
import { fixAnec, loadFile, SlotRemapError, ToolError, type AnecFixResult, type LoadedAnec } from '../../tools/index.js';
import { ExitCode, type Io } from '../io.js';
import { renderChanges } from '../render/changes-text.js';
import { parseWith, type Synopsis } from '../usage.js';
import { writeFileAtomic } from '../write-file.js';

const cleanSynopsis: Synopsis = { usage: 'anecc clean [OPTIONS] IN', help: 'anecc clean --help' };

const RULE = `
A task uses no kernel when none of its CoeffDMAConfig registers has bit 0 (enable) set.
In such tasks clean sets CoeffDMAConfig*, CoeffBfrSize* (and the unnamed KernelDMA words
filled like them) and NE KernelCfg/MACCfg to 0. Cleaning twice changes nothing more.
Without -o nothing is written: the changes are only listed.

Exit status: 0 done; 1 the file cannot be read, is not an .anec, or its slots are ambiguous;
2 usage error.`;

function cleanCommand(): Command {
  return new Command('anecc clean')
    .description('Zero spurious KernelDMA/NE registers in an .anec file (tasks that use no kernel).')
    .usage('[OPTIONS] IN')
    .argument('<IN>', '.anec file to clean')
    .option('-o, --out <FILE>', 'Write the cleaned .anec here (atomically)')
    .option('--remap-slots', 'EXPERIMENTAL, not verified on hardware: rebind task slots to outputs first, then inputs, as the .anec header and libane assume')
    .option('--debug', 'Show stack traces of internal errors')
    .helpOption('--help', 'Show this message and exit.')
    .addHelpText('after', RULE);
}

function loadAnec(path: string): LoadedAnec {
  const loaded = loadFile(path);
  if (loaded.kind !== 'anec') {
    throw new ToolError({ code: 'wrong_kind', path });
  }
  if (BigInt(loaded.payload.length) < loaded.header.size) {
    throw new ToolError({ code: 'truncated', path, declared: loaded.header.size, actual: loaded.payload.length });
  }
  return loaded;
}

export async function runClean(argv: readonly string[], io: Io): Promise<number> {
  const command = cleanCommand();
  const exit = parseWith(command, argv, io, cleanSynopsis);
  if (exit !== undefined) return exit;
  const [path] = command.processedArgs as [string];
  const options = command.opts<{ out?: string; remapSlots?: boolean }>();
  let result: AnecFixResult;
  try {
    const loaded = loadAnec(path);
    const header = loaded.bytes.subarray(0, ANEC_HEADER_SIZE_IN_BYTES);
    result = fixAnec({ header, payload: loaded.payload }, { clean: true, remapSlots: options.remapSlots === true });
  } catch (error) {
    if (!(error instanceof ToolError) && !(error instanceof SlotRemapError)) throw error;
    io.stderr(`anecc: error: ${error instanceof SlotRemapError ? `${path}: ` : ''}${error.message}\n`);
    return ExitCode.failed;
  }
  io.stdout(renderChanges(result.changes, result.mapping));
  if (options.out === undefined) {
    io.stderr('anecc: nothing written (give -o OUT.anec to write the cleaned file)\n');
    return ExitCode.ok;
  }
  try {
    writeFileAtomic(options.out, [result.anec.header, result.anec.payload]);
  } catch (error) {
    io.stderr(`anecc: error: cannot write ${options.out} (${(error as NodeJS.ErrnoException).code ?? String(error)})\n`);
    return ExitCode.failed;
  }
  io.stderr(`anecc::info: cleaned anec to: ${options.out} (${result.changes.length} change(s))\n`);
  return ExitCode.ok;
}
