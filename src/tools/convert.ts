// A conversion as the `anecc` command runs it: read the file, run the chosen engines, compare.
// Returns data only; the CLI prints it and writes the output file.
import { readFileSync, statSync } from 'node:fs';
import { runNativeEngine, type ConvertOptions, type ConvertRequest, type EngineName, type EngineOutcome } from '../anec/index.js';
import { compareOutcomes, type Disagreement } from './compare.js';
import { openPython, pythonAvailability } from './python-engine.js';

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
}

/** A problem outside the conversion itself: unreadable input, a Python engine that cannot run. */
export class ConvertSetupError extends Error {
  constructor(
    readonly code: 'input_unreadable' | 'python_unavailable' | 'python_failed',
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
    if (statSync(path).isDirectory()) throw new ConvertSetupError('input_unreadable', `${path}: is a directory, not an HWX file`);
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

export async function convert(options: ConvertOptions): Promise<ConvertReport> {
  const bytes = readInput(options.path);
  const request = requestOf(options);
  const notices: string[] = [];
  let engine = options.engine;
  if (engine === undefined) {
    const availability = await pythonAvailability();
    if (availability.ok) engine = 'both';
    else {
      engine = 'native';
      notices.push(`anecc: notice: using the native engine only (${availability.reason})`);
    }
  }
  const native = engine === 'python' ? undefined : runNativeEngine(bytes, request, options.profile);
  if (engine === 'native' && native) {
    return { options, engines: ['native'], outcome: native, notices, disagreement: undefined };
  }
  const python = await runPython(request, options);
  if (native === undefined) return { options, engines: ['python'], outcome: python, notices, disagreement: undefined };
  return { options, engines: ['native', 'python'], outcome: native, notices, disagreement: compareOutcomes(native, python) };
}

async function runPython(request: ConvertRequest, options: ConvertOptions): Promise<EngineOutcome> {
  const engine = await openPython();
  try {
    const [outcome] = await engine.convert([request], options.profile);
    if (outcome === undefined) throw new ConvertSetupError('python_failed', 'the Python engine returned no result');
    return outcome;
  } finally {
    await engine.close();
  }
}
