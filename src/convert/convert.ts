// A conversion as the `anecc` command runs it: read the file, run the chosen engines, compare,
// apply --clean / --remap-slots. Returns data only; the CLI prints it and writes the output file.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { AneccError } from '../hwx/index.js';
import { DEFAULT_TARGET, findAnecTarget, generationWarning, layOutAnec, runNativeEngine, type ConvertRequest, type EngineName, type EngineOutcome } from '../anec/index.js';
import type { BridgeTransport, PythonEngine } from '../bridge/index.js';
// Direct, as bridge/open.ts below: the failure memory is read before anything of Python loads.
import { failureKey, recallFailure, rememberFailure } from '../bridge/failure-memory.js';
import { defaultTimeoutMs } from '../bridge/options.js';
// Leaf modules, not the tools' index: through its re-exports the CLI bundle would load every tool
// (and zod) with each conversion. The fixes load only when asked for.
import type { AnecFixResult, SlotRemapError } from '../tools/clean/index.js';
import { readInputFile } from '../tools/loaded-file.js';
import { ToolError } from '../tools/tool-errors.js';
import { installExitCleanup, removeOnExit, workFolderPrefix } from '../lifecycle/index.js';
import { fsPath } from '../names/escaped-bytes.js';
import { compareOutcomes, type Disagreement } from './compare.js';
import type { ConversionOptions } from './options.js';
import * as messages from './messages.js';
import { pythonFailureKind } from './python-failure.js';
import { maxTimerDelayMs } from './python-timeout.js';

// The bridge is loaded only when Python is asked for, so a native conversion does not pay for it
// at start-up; and only its opening part (bridge/open.ts) before the Python child starts.
type Bridge = typeof import('../bridge/open.js');
type Fixes = typeof import('../tools/clean/index.js');

/**
 * A line the command prints besides upstream's log (why only the native engine ran, a patched
 * copy rebuilt, a generation --clean does not know), as data: the CLI adds `anecc: <level>: `.
 */
export interface ConvertNotice {
  /** `notice` (information) or `warning` (the result may not be what you expect). */
  readonly level: 'notice' | 'warning';
  /** One line, no prefix. */
  readonly message: string;
}

export interface ConvertReport {
  readonly options: ConversionOptions;
  /** Engines that ran, in the order they ran. */
  readonly engines: readonly EngineName[];
  /** The result shown to the user: the agreed outcome, or the single engine's. */
  readonly outcome: EngineOutcome;
  /** What is worth saying besides upstream's log lines (why only the native engine ran, say). */
  readonly notices: readonly ConvertNotice[];
  /** Set when both engines ran and differ; nothing is written then. */
  readonly disagreement: Disagreement | undefined;
  /** What --clean / --remap-slots changed in the payload (applied after the engines agreed). */
  readonly fixes: AnecFixResult | undefined;
  /** Why --remap-slots refused; nothing is written then. */
  readonly fixError: SlotRemapError | undefined;
}

/** A problem outside the conversion itself: unreadable input, a Python engine that cannot run. */
export class ConvertSetupError extends AneccError<'input_unreadable' | 'python_failed' | 'bad_python_timeout' | 'bad_python_transport' | 'output_unwritable'> {
  override readonly name = 'ConvertSetupError';
  /** More for --debug: what the Python child last wrote to stderr (a traceback, say). */
  readonly detail: string | undefined;

  constructor(
    code: 'input_unreadable' | 'python_failed' | 'bad_python_timeout' | 'bad_python_transport' | 'output_unwritable',
    message: string,
    options?: { cause?: unknown; detail?: string | undefined },
  ) {
    super(code, message, options);
    this.detail = options?.detail;
  }
}

/** The input's bytes, and whether Python can read it again by path (a regular file, not a pipe). */
interface Input {
  readonly bytes: Uint8Array;
  readonly isFile: boolean;
}

/** Reads the input once; upstream would raise an OSError for these, we say it in one line. */
function readInput(path: string): Input {
  const info = statSync(fsPath(path), { throwIfNoEntry: false });
  if (info?.isDirectory()) {
    throw new ConvertSetupError('input_unreadable', messages.inputIsDirectory(path));
  }
  try {
    return { bytes: readInputFile(path), isFile: info?.isFile() === true };
  } catch (error) {
    if (!(error instanceof ToolError)) throw error;
    throw new ConvertSetupError('input_unreadable', error.message, { cause: error });
  }
}

function requestOf(options: ConversionOptions): ConvertRequest {
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

function pythonTimeoutMs(inputBytes: number, options: ConversionOptions): number {
  const setting = options.pythonTimeout;
  if (!setting.ok) throw new ConvertSetupError(setting.code, setting.message);
  if (setting.timeoutMs !== undefined) return setting.timeoutMs;
  return Math.min(maxTimerDelayMs, defaultTimeoutMs + Math.ceil((inputBytes / 1e6) * pythonMillisecondsPerMegabyte));
}

/** Which engines run, decided before the input is read. */
type Route =
  | { readonly kind: 'native' }
  /** The default engine, and the Python engine did not start last time in this setup. */
  | { readonly kind: 'remembered'; readonly reason: string }
  /** `memory`: with the default engine, this setup's key in the failure memory. */
  | { readonly kind: 'python'; readonly engine: 'both' | 'python'; readonly memory: string | undefined; readonly bridge: Bridge };

// The lazy imports of a conversion (the bridge, the fixes) happen here and in convert(), before
// the input is read, never after: the CLI's fast bundle stops at them and hands the command to the
// full CLI, which must find the input unread (a pipe, say). See src/cli/full-cli.ts.
async function routeOf(options: ConversionOptions): Promise<Route> {
  const engine = options.engine ?? 'both';
  if (engine === 'native') return { kind: 'native' };
  // With the default engine, a Python engine known not to start in this setup is not tried again.
  const memory = options.engine === undefined ? failureKey({ python: options.python, profile: options.profile, searchPath: options.searchPath }) : undefined;
  const reason = memory === undefined ? undefined : recallFailure(options.python.cacheDir, memory);
  if (reason !== undefined) return { kind: 'remembered', reason };
  return { kind: 'python', engine, memory, bridge: await import('../bridge/open.js') };
}

export async function convert(options: ConversionOptions): Promise<ConvertReport> {
  const route = await routeOf(options);
  const fixer = options.clean || options.remapSlots ? await import('../tools/clean/index.js') : undefined;
  const input = readInput(options.path);
  const { bytes } = input;
  const report = fixOutput(bytes, options, fixer, await runEngines(input, options, route));
  // The engines and the fixes work on anecc 1.0.9's layout; the target's layout is written.
  const anec = report.outcome.anec;
  if (anec === undefined || options.target === DEFAULT_TARGET.name) return report;
  return { ...report, outcome: { ...report.outcome, anec: layOutAnec(anec, findAnecTarget(options.target) ?? DEFAULT_TARGET) } };
}

/** --clean and --remap-slots change the bytes upstream would write, so they come after both engines agreed. */
function fixOutput(bytes: Uint8Array, options: ConversionOptions, fixer: Fixes | undefined, ran: ConvertReport): ConvertReport {
  // Patched only: an H13-layout file whose cpusubtype names another generation converts as
  // upstream converts it, with one warning; the H13 fixes are not applied to it.
  const warning = options.profile === 'patched' && ran.outcome.ok ? generationWarning(bytes, options.path) : undefined;
  const notices: ConvertNotice[] = warning === undefined ? [] : [{ level: 'warning', message: warning }];
  // The fixes are loaded exactly when --clean or --remap-slots asks for them.
  if (warning !== undefined && fixer !== undefined) notices.push({ level: 'notice', message: messages.fixesKnowH13Only });
  const report = notices.length === 0 ? ran : { ...ran, notices: [...ran.notices, ...notices] };
  const anec = report.outcome.anec;
  if (report.disagreement || !anec || fixer === undefined || warning !== undefined) return report;
  const { fixAnec, SlotRemapError } = fixer;
  try {
    const fixes = fixAnec(anec, { clean: options.clean, remapSlots: options.remapSlots, source: bytes });
    return { ...report, outcome: { ...report.outcome, anec: fixes.anec }, fixes };
  } catch (error) {
    if (!(error instanceof SlotRemapError)) throw error;
    return { ...report, outcome: { ...report.outcome, anec: undefined }, fixError: error };
  }
}

async function runEngines(input: Input, options: ConversionOptions, route: Route): Promise<ConvertReport> {
  const { bytes } = input;
  const request = requestOf(options);
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
  if (route.kind === 'native') return report(runNativeEngine(bytes, request, options.profile), ['native']);

  // A bad setting is the user's to fix, in every mode that runs Python: checked before it starts.
  const timeoutMs = pythonTimeoutMs(bytes.length, options);
  const { transport } = options.python;
  if (!transport.ok) throw new ConvertSetupError('bad_python_transport', transport.message);
  if (route.kind === 'remembered') {
    return report(runNativeEngine(bytes, request, options.profile), ['native'], {
      notices: [{ level: 'notice', message: messages.rememberedFallbackNotice(route.reason) }],
    });
  }
  const { engine, memory, bridge } = route;
  const notices: ConvertNotice[] = [];
  // The Python child starts first and boots while the native engine runs; both are compared
  // once both are done.
  const pythonRun = runPython(bridge, input, request, options, { timeoutMs, transport: transport.transport }, notices);
  pythonRun.catch(() => {}); // awaited below; never an unhandled rejection meanwhile
  let native: EngineOutcome | undefined;
  try {
    native = engine === 'python' ? undefined : runNativeEngine(bytes, request, options.profile);
  } finally {
    // The native engine threw (a bug): the Python child must still be closed before we go.
    if (native === undefined && engine !== 'python') await pythonRun.catch(() => {});
  }
  let python: EngineOutcome;
  try {
    python = await pythonRun;
  } catch (error) {
    if (!(error instanceof bridge.PythonEngineError) && !(error instanceof bridge.PatchError)) throw error;
    const isPatch = error instanceof bridge.PatchError;
    const kind = pythonFailureKind(error, isPatch);
    const what = isPatch ? messages.patchProblem(error) : messages.pythonEngineFailed;
    // See python-failure.ts: nothing Python fails at is a verdict on the input.
    if (options.engine === undefined && native && kind !== 'interrupted') {
      // Only a Python engine that cannot start is remembered; a crash or a hang may not recur.
      // Worded as information where Python is simply not there: the conversion goes on and succeeds.
      const why = !isPatch && kind === 'unavailable' ? messages.pythonEngineUnavailable : what;
      if (memory !== undefined && kind === 'unavailable') rememberFailure(options.python.cacheDir, memory, `${why}: ${error.message}`);
      return report(native, ['native'], { notices: [...notices, { level: 'notice', message: messages.fallbackNotice(why, error.message) }] });
    }
    const detail = isPatch ? undefined : error.stderrTail?.trim();
    throw new ConvertSetupError('python_failed', messages.pythonFailed(options.path, what, error.message), { cause: error, detail });
  }
  if (native === undefined) return report(python, ['python'], { notices });
  return report(native, ['native', 'python'], { notices, disagreement: compareOutcomes(native, python) });
}

/**
 * One Python process for this one command, closed whatever happens. Python reads the file again
 * by path, so an input that cannot be read twice (a pipe, /dev/fd/N) goes through a temporary
 * copy with the same base name, which is all upstream derives from the path. Everything up to
 * the child's start is synchronous, so the child is running when this returns its promise.
 */
async function runPython(
  bridge: Bridge,
  input: Input,
  request: ConvertRequest,
  options: ConversionOptions,
  settings: { readonly timeoutMs: number; readonly transport: BridgeTransport },
  notices: ConvertNotice[],
): Promise<EngineOutcome> {
  const { PythonEngineError } = bridge;
  let copyDir: string | undefined;
  let releaseCopy = (): void => {};
  const dropCopy = (): void => {
    if (copyDir !== undefined) rmSync(copyDir, { recursive: true, force: true });
    releaseCopy();
  };
  let path = request.path;
  let engine: PythonEngine;
  try {
    if (!input.isFile) {
      // Made and registered at once (see lifecycle/), named by our pid for a later sweep.
      installExitCleanup();
      copyDir = mkdtempSync(join(tmpdir(), `${workFolderPrefix.input}${process.pid}-`));
      releaseCopy = removeOnExit(copyDir);
      path = join(copyDir, basename(request.path) || 'input');
      writeFileSync(fsPath(path), input.bytes);
    }
    // Passed whole and with no environment: every default was decided with the options.
    engine = await bridge.openPythonEngine({ ...options.python, transport: settings.transport }, {}, { profile: options.profile });
    if (copyDir !== undefined) engine.removeWhenGone(copyDir);
  } catch (error) {
    dropCopy();
    if (error instanceof PythonEngineError) throw error;
    // Anything else (a temporary folder that cannot be made, say) also means "not usable here".
    throw new PythonEngineError('bridge_failed', error instanceof Error ? error.message : String(error), { cause: error });
  }
  try {
    const [outcome] = await engine.convert([{ ...request, path }], options.profile, { timeoutMs: settings.timeoutMs, last: true });
    if (outcome === undefined) throw new PythonEngineError('bad_reply', messages.pythonNoResult);
    const rebuilt = engine.patchStatus()?.rebuilt;
    if (rebuilt !== undefined) {
      notices.push({ level: 'notice', message: messages.patchedCopyRebuiltNotice(rebuilt) });
    }
    return outcome;
  } finally {
    await engine.close();
    dropCopy();
  }
}
