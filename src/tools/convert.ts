// A conversion as the `anecc` command runs it: read the file, run the chosen engines, compare,
// apply --clean / --remap-slots. Returns data only; the CLI prints it and writes the output file.
import { readFileSync, statSync } from 'node:fs';
import { runNativeEngine, type ConvertOptions, type ConvertRequest, type EngineName, type EngineOutcome } from '../anec/index.js';
import { openPythonEngine, PatchError, PythonEngineError, type PythonEngineErrorCode } from '../bridge/index.js';
import { fixAnec, type AnecFixResult } from './clean-anec.js';
import { compareOutcomes, type Disagreement } from './compare.js';
import { maxInputSizeInBytes } from './loaded-file.js';
import { SlotRemapError } from './remap-slots.js';

export interface ConvertReport {
  readonly options: ConvertOptions;
  /** Engines that ran, in the order they ran. */
  readonly engines: readonly EngineName[];
  /** The result shown to the user: the agreed outcome, or the single engine's. */
  readonly outcome: EngineOutcome;
  /** Lines for stderr that are not upstream log lines (e.g. why only the native engine ran). */
  readonly notices: readonly string[];
  /** Set when both engines ran and differ; nothing is written then. */
  readonly disagreement: Disagreement | undefined;
  /** What --clean / --remap-slots changed in the payload (applied after the engines agreed). */
  readonly fixes: AnecFixResult | undefined;
  /** Why --remap-slots refused; nothing is written then. */
  readonly fixError: SlotRemapError | undefined;
}

/** A problem outside the conversion itself: unreadable input, a Python engine that cannot run. */
export class ConvertSetupError extends Error {
  constructor(
    readonly code: 'input_unreadable' | 'python_failed',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ConvertSetupError';
  }
}

/** Reads the input once; upstream would raise an OSError for these, we say it in one line. */
export function readInput(path: string): Uint8Array {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new ConvertSetupError('input_unreadable', `${path}: is a directory, not an HWX file`);
    if (stat.size > maxInputSizeInBytes) {
      throw new ConvertSetupError('input_unreadable', `${path}: ${stat.size} bytes is larger than an HWX file can be here (${maxInputSizeInBytes})`);
    }
    return readFileSync(path);
  } catch (cause) {
    if (cause instanceof ConvertSetupError) throw cause;
    const reason = (cause as NodeJS.ErrnoException).code ?? String(cause);
    throw new ConvertSetupError('input_unreadable', `${path}: cannot read the file (${reason})`, { cause });
  }
}

export function requestOf(options: ConvertOptions): ConvertRequest {
  return {
    path: options.path,
    name: options.name,
    force: options.force,
    print: options.print,
    compile: options.out !== '' || options.write,
  };
}

// With the default engine, these mean "upstream anecc is not usable here": convert natively.
const UNAVAILABLE: readonly PythonEngineErrorCode[] = ['python-not-found', 'upstream-not-found', 'upstream-import-failed', 'bridge-failed'];

export async function convert(options: ConvertOptions): Promise<ConvertReport> {
  const bytes = readInput(options.path);
  const report = await runEngines(bytes, options);
  const anec = report.outcome.anec;
  if (report.disagreement || !anec || (!options.clean && !options.remapSlots)) return report;
  // Fixes change the bytes upstream would write, so they come after both engines agreed on them.
  try {
    const fixes = fixAnec(anec, { clean: options.clean, remapSlots: options.remapSlots, source: bytes });
    return { ...report, outcome: { ...report.outcome, anec: fixes.anec }, fixes };
  } catch (error) {
    if (!(error instanceof SlotRemapError)) throw error;
    return { ...report, outcome: { ...report.outcome, anec: undefined }, fixError: error };
  }
}

async function runEngines(bytes: Uint8Array, options: ConvertOptions): Promise<ConvertReport> {
  const request = requestOf(options);
  const engine = options.engine ?? 'both';
  const native = engine === 'python' ? undefined : runNativeEngine(bytes, request, options.profile);
  const report = (outcome: EngineOutcome, engines: readonly EngineName[], extra: Partial<ConvertReport> = {}): ConvertReport => ({
    options,
    engines,
    outcome,
    notices: [],
    disagreement: undefined,
    fixes: undefined,
    fixError: undefined,
    ...extra,
  });
  if (engine === 'native' && native) return report(native, ['native']);

  let python: EngineOutcome;
  try {
    python = await runPython(request, options);
  } catch (error) {
    if (!(error instanceof PythonEngineError) && !(error instanceof PatchError)) throw error;
    const unusable = error instanceof PatchError || UNAVAILABLE.includes(error.code);
    if (options.engine === undefined && native && unusable) {
      const why = error instanceof PatchError ? `patches/ does not apply to it: ${error.message}` : error.message;
      return report(native, ['native'], { notices: [`anecc: notice: upstream anecc is not usable here, so only the native engine ran (${why})`] });
    }
    const what = error instanceof PatchError ? 'patches/ does not apply to upstream anecc' : 'the Python engine failed';
    throw new ConvertSetupError('python_failed', `${options.path}: ${what}: ${error.message}`, { cause: error });
  }
  if (native === undefined) return report(python, ['python']);
  return report(native, ['native', 'python'], { disagreement: compareOutcomes(native, python) });
}

/** One Python process for this one command, closed whatever happens. */
async function runPython(request: ConvertRequest, options: ConvertOptions): Promise<EngineOutcome> {
  const engine = await openPythonEngine();
  try {
    const [outcome] = await engine.convert([request], options.profile);
    if (outcome === undefined) throw new PythonEngineError('bad-reply', 'the Python engine returned no result');
    return outcome;
  } finally {
    await engine.close();
  }
}
