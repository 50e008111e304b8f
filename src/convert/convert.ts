// A conversion as the `anecc` command runs it: read the file, run the chosen engines, compare,
// apply --clean / --remap-slots. Returns data only; the CLI prints it and writes the output file.
import { mkdtempSync, statSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { AneccError } from '../hwx/index.js';
import { generationWarning, runNativeEngine, type ConvertOptions, type ConvertRequest, type EngineName, type EngineOutcome } from '../anec/index.js';
import type { PatchError, PythonEngine, PythonEngineErrorCode } from '../bridge/index.js';

// The bridge (pythonia, execa, the patch library) is loaded only when Python is asked for, so a
// native conversion does not pay for it at start-up.
type Bridge = typeof import('../bridge/index.js');
import { fixAnec, readInputFile, SlotRemapError, ToolError, type AnecFixResult } from '../tools/index.js';
import { installExitCleanup, removeOnExit, workFolderPrefix } from '../lifecycle/index.js';
import { fsPath } from '../names/escaped-bytes.js';
import { compareOutcomes, type Disagreement } from './compare.js';
import { fallbackNotice, patchProblem, pythonFailureKind } from './python-failure.js';
import { maxTimerDelayMs, parsePythonTimeoutMs } from './python-timeout.js';

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
export class ConvertSetupError extends AneccError<'input_unreadable' | 'python_failed' | 'bad_python_timeout'> {
  override readonly name = 'ConvertSetupError';
  /** More for --debug: what the Python child last wrote to stderr (a traceback, say). */
  readonly detail: string | undefined;

  constructor(
    code: 'input_unreadable' | 'python_failed' | 'bad_python_timeout',
    message: string,
    options?: { cause?: unknown; detail?: string | undefined },
  ) {
    super(code, message, options);
    this.detail = options?.detail;
  }
}

/** Reads the input once; upstream would raise an OSError for these, we say it in one line. */
function readInput(path: string): Uint8Array {
  if (statSync(fsPath(path), { throwIfNoEntry: false })?.isDirectory()) {
    throw new ConvertSetupError('input_unreadable', `${path}: is a directory, not an HWX file`);
  }
  try {
    return readInputFile(path);
  } catch (error) {
    if (!(error instanceof ToolError)) throw error;
    throw new ConvertSetupError('input_unreadable', error.message, { cause: error });
  }
}

function requestOf(options: ConvertOptions): ConvertRequest {
  return {
    path: options.path,
    name: options.name,
    force: options.force,
    print: options.print,
    compile: options.out !== '' || options.write,
  };
}


// Upstream in pure Python takes about 0.2 s per MB here; allow several times that on top of the
// bridge's default budget before calling a conversion hung. ANECC_PYTHON_TIMEOUT_MS overrides.
const pythonMillisecondsPerMegabyte = 1000;

function pythonTimeoutMs(inputBytes: number, defaultTimeoutMs: number): number {
  const setting = parsePythonTimeoutMs(process.env['ANECC_PYTHON_TIMEOUT_MS']);
  if (!setting.ok) throw new ConvertSetupError(setting.code, setting.message);
  if (setting.timeoutMs !== undefined) return setting.timeoutMs;
  return Math.min(maxTimerDelayMs, defaultTimeoutMs + Math.ceil((inputBytes / 1e6) * pythonMillisecondsPerMegabyte));
}

export async function convert(options: ConvertOptions): Promise<ConvertReport> {
  const bytes = readInput(options.path);
  const ran = await runEngines(bytes, options);
  // Patched only: an H13-layout file whose cpusubtype names another generation converts as
  // upstream converts it, with one warning; the H13 fixes are not applied to it.
  const warning = options.profile === 'patched' && ran.outcome.ok ? generationWarning(bytes, options.path) : undefined;
  const fixing = options.clean || options.remapSlots;
  const notices = warning === undefined ? [] : fixing ? [warning, 'anecc: notice: --clean and --remap-slots know H13 files only: not applied'] : [warning];
  const report = notices.length === 0 ? ran : { ...ran, notices: [...ran.notices, ...notices] };
  const anec = report.outcome.anec;
  if (report.disagreement || !anec || !fixing || warning !== undefined) return report;
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

  const bridge = await import('../bridge/index.js');
  // A bad setting is the user's to fix, in every mode that runs Python: checked before it starts.
  const timeoutMs = pythonTimeoutMs(bytes.length, bridge.defaultTimeoutMs);
  let python: EngineOutcome;
  const notices: string[] = [];
  try {
    python = await runPython(bridge, bytes, request, options, timeoutMs, notices);
  } catch (error) {
    if (!(error instanceof bridge.PythonEngineError) && !(error instanceof bridge.PatchError)) throw error;
    const isPatch = error instanceof bridge.PatchError;
    const kind = pythonFailureKind(error, isPatch);
    const what = isPatch ? patchProblem(error) : 'the Python engine failed';
    // See python-failure.ts: nothing Python fails at is a verdict on the input.
    if (options.engine === undefined && native && kind !== 'interrupted') {
      return report(native, ['native'], { notices: [...notices, fallbackNotice(what, error.message)] });
    }
    const detail = isPatch ? undefined : error.stderrTail?.trim();
    throw new ConvertSetupError('python_failed', `${options.path}: ${what}: ${error.message}`, { cause: error, detail });
  }
  if (native === undefined) return report(python, ['python'], { notices });
  return report(native, ['native', 'python'], { notices, disagreement: compareOutcomes(native, python) });
}

/**
 * One Python process for this one command, closed whatever happens. Python reads the file again
 * by path, so an input that cannot be read twice (a pipe, /dev/fd/N) goes through a temporary
 * copy with the same base name, which is all upstream derives from the path.
 */
async function runPython(
  bridge: Bridge,
  bytes: Uint8Array,
  request: ConvertRequest,
  options: ConvertOptions,
  timeoutMs: number,
  notices: string[],
): Promise<EngineOutcome> {
  const { PythonEngineError } = bridge;
  let copyDir: string | undefined;
  let releaseCopy = (): void => {};
  let engine: PythonEngine;
  try {
    if (!statSync(fsPath(request.path)).isFile()) {
      // Made and registered at once (see lifecycle/), named by our pid for a later sweep.
      installExitCleanup();
      copyDir = mkdtempSync(join(tmpdir(), `${workFolderPrefix.input}${process.pid}-`));
      releaseCopy = removeOnExit(copyDir);
    }
    engine = await bridge.openPythonEngine();
    if (copyDir !== undefined) engine.removeWhenGone(copyDir);
  } catch (error) {
    if (copyDir !== undefined) await rm(copyDir, { recursive: true, force: true });
    releaseCopy();
    if (error instanceof PythonEngineError) throw error;
    // Anything else (a temporary folder that cannot be made, say) also means "not usable here".
    throw new PythonEngineError('bridge_failed', error instanceof Error ? error.message : String(error), { cause: error });
  }
  try {
    const path = copyDir === undefined ? request.path : join(copyDir, basename(request.path) || 'input');
    if (copyDir !== undefined) await writeFile(fsPath(path), bytes);
    const [outcome] = await engine.convert([{ ...request, path }], options.profile, { timeoutMs });
    if (outcome === undefined) throw new PythonEngineError('bad_reply', 'the Python engine returned no result');
    const rebuilt = engine.patchStatus()?.rebuilt;
    if (rebuilt !== undefined) {
      notices.push(`anecc: notice: the cached patched copy of upstream had changed since it was made (${rebuilt}); rebuilt it`);
    }
    return outcome;
  } finally {
    await engine.close();
    if (copyDir !== undefined) await rm(copyDir, { recursive: true, force: true });
    releaseCopy();
  }
}
