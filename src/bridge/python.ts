// The Python child, whichever transport carries the calls. Both share everything about the
// child's life: the spawn environment, the watch (stderr tail, 'error', 'exit'), the exit and
// signal handlers, the per-call budget, close() and the guardian pipe; the transports differ only
// in how a call is sent and answered.
//  - 'pipe' (default): the bridge's `serve` (through py/anecc_serve.py), calls as JSON lines (see wire.ts).
//  - 'pythonia': pythonia spawns its child when it is imported (and again on the first call after
//    exit()), keeps one child per Node process, and waits up to 100 s for an answer from a dead
//    child. So: import it lazily, own its spawn, and give every call our own budget.

import { spawn } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Duplex } from 'node:stream';
import { PYTHON_INT_MAX_STR_DIGITS } from '../anec/index.js';
import { PythonEngineError, parsePythonExceptionStack } from './errors.js';
import * as messages from './messages.js';
import { serveLauncherPath } from './options.js';
import type { BridgeTransport } from './types.js';
import { LineReader, decodeAnswer, encodeRequest, maxAnswerLineBytes } from './wire.js';

const require = createRequire(import.meta.url);

/** The functions py/anecc_bridge.py offers; each takes and returns JSON text. */
type BridgeFunction = 'configure' | 'probe' | 'convert' | 'ping';

export interface PythonChildOptions {
  readonly pythonBin: string;
  /** Absolute path of py/anecc_bridge.py. */
  readonly bridgePath: string;
  /** Where py/anecc_serve.py keeps the bridge's compiled code (pipe transport); none when undefined. */
  readonly bytecodeDir?: string | undefined;
  /** Budget for start-up and default budget of each call. */
  readonly timeoutMs: number;
  readonly transport: BridgeTransport;
  /** Longest answer line the pipe reads (tests lower it); default wire.ts's maxAnswerLineBytes. */
  readonly maxAnswerBytes?: number | undefined;
}

/** A started Python child with the bridge module imported. */
export interface PythonChild {
  readonly pid: number | undefined;
  /** Calls one bridge function; calls run one at a time, each with its own budget. */
  call(fn: BridgeFunction, arg: string | undefined, timeoutMs?: number): Promise<unknown>;
  /**
   * Has the child's guardian remove `path` (recursively) once this process is gone, however it
   * ends, SIGKILL included: the guardian waits for the end of our pipe, not for a signal.
   */
  removeWhenGone(path: string): void;
  /** Tells the child no call follows, so that it ends once it has answered (pipe transport; close() still waits for it). */
  endCalls(): void;
  /** Ends the child (end of its calls, then SIGKILL if it lingers); safe to call twice. */
  close(): Promise<void>;
}

interface PythoniaPython {
  (file: string): Promise<unknown>;
  exit(): void;
}

interface PythoniaModule {
  readonly python: PythoniaPython;
  readonly com: { proc: ChildProcess | null; start(): void };
}

type BridgeProxy = Record<BridgeFunction, (arg?: string) => Promise<unknown>>;

/**
 * Upstream's result depends on two interpreter settings the native engine reproduces as fixed
 * facts: the text encoding of `open()` (UTF-8) and int()'s digit limit (CPython's default 4300).
 * Pin them so a user's locale or PYTHONINTMAXSTRDIGITS cannot make the engines disagree.
 */
const pinnedPythonBehaviour = { PYTHONUTF8: '1', PYTHONINTMAXSTRDIGITS: String(PYTHON_INT_MAX_STR_DIGITS) } as const;

// pythonia's own debug output goes to our stdout when DEBUG is set, in both halves.
const scrubbedVariables = ['DEBUG'] as const;
const stderrTailInChars = 8192;
// After the child was told to end (python.exit(), or the end of the pipe), how long it gets
// before SIGKILL.
const exitGraceMs = 2000;
const killGraceMs = 2000;
// After a failed call, how long to wait for the child's exit to be seen, so that a crash is
// reported as the exit ("exited with status 3") and not as whatever the pipe said first (EPIPE).
const crashSettleMs = 1000;
/** Tells py/anecc_bridge.py that its stdin is the parent pipe to watch. */
const parentPipeVariable = 'ANECC_BRIDGE_PARENT_PIPE';
// Signals whose default action ends the command; each must also end the child.
const endingSignals: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

let pythonia: PythoniaModule | undefined;
let pythoniaActive = false;

/** The child's environment, the same for both transports. */
function childEnvironment(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    ...pinnedPythonBehaviour,
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONUNBUFFERED: '1',
    // py/anecc_bridge.py: stdin is our pipe; when it ends, we are gone (see guardian there).
    [parentPipeVariable]: '1',
  };
  for (const name of scrubbedVariables) delete env[name];
  delete env['REQ_TIMEOUT'];
  return env;
}

// The child gets no share of our stdout: only the call channel talks. Its stdin is a pipe only
// we hold the writing end of: it reads end of file exactly when we are gone.
const childStdio = (channel: 'ipc' | 'pipe'): SpawnOptions['stdio'] => ['pipe', 'pipe', 'pipe', channel];

/** The shared life of one child: how it fails, how calls are guarded, how it is closed. */
interface Supervisor {
  fatal(): PythonEngineError | undefined;
  fail(error: PythonEngineError): void;
  tail(): string | undefined;
  kill(signal: NodeJS.Signals): void;
  /** Settles with `work`, or rejects when the child dies, the budget runs out, or a signal ends the command. */
  guarded<T>(work: Promise<T>, what: string, timeoutMs: number): Promise<T>;
  removeWhenGone(path: string): void;
  /** Closes: `end` asks the child to exit; SIGKILL follows after a grace period. */
  close(end: () => void): Promise<void>;
  /** A start that failed after the spawn: kill the child now and drop the handlers. */
  abandon(): void;
}

/**
 * Watches `proc` from the moment it is spawned (a missing interpreter emits 'error' on the next
 * tick) and ties its life to ours.
 */
function supervise(proc: ChildProcess, options: PythonChildOptions): Supervisor {
  let stderrTail = '';
  let fatal: PythonEngineError | undefined;
  let exited = false;
  const onFatal = new Set<(error: PythonEngineError) => void>();
  const fail = (error: PythonEngineError): void => {
    if (fatal) return;
    fatal = error;
    for (const listener of onFatal) listener(error);
  };
  const tail = (): string | undefined => (stderrTail.trim() === '' ? undefined : stderrTail);

  let resolveExit: () => void = () => {};
  const exitPromise = new Promise<void>((resolve) => {
    resolveExit = resolve;
  });
  const collect = (chunk: Buffer): void => {
    stderrTail = (stderrTail + chunk.toString('utf8')).slice(-stderrTailInChars);
  };
  proc.stdout?.on('data', collect);
  proc.stderr?.on('data', collect);
  proc.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'EACCES') {
      fail(new PythonEngineError('python_not_found', messages.cannotRunPython(options.pythonBin, error.code), { cause: error }));
    } else {
      fail(
        new PythonEngineError('python_exited', messages.pythonProcessFailed(error.message), {
          cause: error,
          stderrTail: tail(),
        }),
      );
    }
  });
  const done = (code: number | null, signal: NodeJS.Signals | null): void => {
    if (exited) return;
    exited = true;
    fail(new PythonEngineError('python_exited', messages.pythonProcessEnded(code, signal), { stderrTail: tail() }));
    resolveExit();
  };
  proc.once('exit', done);
  // A process that never started emits 'close' (after 'error') but may skip 'exit'.
  proc.once('close', done);

  const kill = (signal: NodeJS.Signals): void => {
    if (!exited) proc.kill(signal);
  };
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.removeListener('exit', onProcessExit);
    for (const signal of endingSignals) process.removeListener(signal, onSignal);
  };
  // The child must not outlive us, whichever way we end (lifecycle/ removes the files).
  const onProcessExit = (): void => kill('SIGKILL');
  const onSignal = (signal: NodeJS.Signals): void => {
    kill('SIGKILL');
    fail(new PythonEngineError('interrupted', messages.interrupted(signal)));
    release();
    // Our listener replaced the signal's default action. When nobody else listens, the command
    // must still end the way an interrupted CLI tool does (killed by that signal, status
    // 128 + n), so the signal is sent again now that the default action is back; a command
    // that installs its own handler keeps the decision, with pending calls rejected.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  process.on('exit', onProcessExit);
  for (const signal of endingSignals) process.on(signal, onSignal);

  const guarded = <T>(work: Promise<T>, what: string, timeoutMs: number): Promise<T> => {
    // pythonia never settles a call to a dead child; never let a late rejection go unhandled.
    work.catch(() => {});
    return new Promise<T>((resolve, reject) => {
      if (fatal) {
        reject(fatal);
        return;
      }
      const onFail = (error: PythonEngineError): void => {
        clearTimeout(timer);
        reject(error);
      };
      const timer = setTimeout(() => {
        onFatal.delete(onFail);
        kill('SIGKILL');
        const error = new PythonEngineError('timeout', messages.noAnswer(what, timeoutMs), { stderrTail: tail() });
        fail(error);
        reject(error);
      }, timeoutMs);
      onFatal.add(onFail);
      work.then(
        (value) => {
          clearTimeout(timer);
          onFatal.delete(onFail);
          resolve(value);
        },
        (cause: unknown) => {
          clearTimeout(timer);
          onFatal.delete(onFail);
          const error = fromPythoniaError(cause, what, tail());
          // A Python exception is an answer; anything else (EPIPE, a closed channel) may be the
          // child dying: report the death, worded the same whichever way it was noticed.
          if (error.pythonType !== undefined || exited) {
            reject(exited && fatal && error.pythonType === undefined ? fatal : error);
            return;
          }
          const settle = new Promise<void>((resolve) => setTimeout(resolve, crashSettleMs).unref());
          void Promise.race([exitPromise, settle]).then(() => reject(exited && fatal ? fatal : error));
        },
      );
    });
  };

  let closed = false;
  // Our end of the guardian's pipe: written only here, ended by close() or by our death.
  proc.stdin?.on('error', () => {});
  const removeWhenGone = (path: string): void => {
    if (!exited && proc.stdin?.writable) proc.stdin.write(`${path}\0`);
  };
  const close = async (end: () => void): Promise<void> => {
    if (closed) return;
    closed = true;
    fail(new PythonEngineError('closed', messages.engineClosed));
    try {
      end();
    } catch {
      // The child may already be gone (pythonia's exit() throws then); the kill below still runs.
    }
    const timeout = (ms: number): Promise<void> =>
      new Promise((resolve) => setTimeout(resolve, ms).unref());
    await Promise.race([exitPromise, timeout(exitGraceMs)]);
    if (!exited) {
      kill('SIGKILL');
      await Promise.race([exitPromise, timeout(killGraceMs)]);
    }
    // Until here a signal or exit still runs onSignal/onProcessExit: the child is not left behind
    // even when the command is interrupted while closing.
    release();
    proc.stdin?.end();
  };
  const abandon = (): void => {
    closed = true;
    kill('SIGKILL');
    release();
  };

  return { fatal: () => fatal, fail, tail, kill, guarded, removeWhenGone, close, abandon };
}

/**
 * The child as engine.ts sees it: calls queued so that each budget starts when its call is
 * actually sent (Python runs them one at a time).
 */
function childHandle(
  proc: ChildProcess,
  supervisor: Supervisor,
  options: PythonChildOptions,
  send: (fn: BridgeFunction, arg: string | undefined) => Promise<unknown>,
  close: () => Promise<void>,
  endCalls: () => void,
): PythonChild {
  let queue: Promise<unknown> = Promise.resolve();
  const call = (fn: BridgeFunction, arg: string | undefined, timeoutMs = options.timeoutMs): Promise<unknown> => {
    const run = (): Promise<unknown> => {
      const fatal = supervisor.fatal();
      if (fatal) return Promise.reject(fatal);
      return supervisor.guarded(send(fn, arg), fn, timeoutMs);
    };
    const result = queue.then(run, run);
    queue = result.catch(() => {});
    return result;
  };
  return { pid: proc.pid, call, removeWhenGone: supervisor.removeWhenGone, endCalls, close };
}

/** Starts Python on the given transport; resolves when calls can be sent, rejects with a typed error. */
export function startPythonChild(options: PythonChildOptions): Promise<PythonChild> {
  return options.transport === 'pythonia' ? startThroughPythonia(options) : startOnPipe(options);
}

/** `PYTHON_BIN py/anecc_serve.py FOLDER py/anecc_bridge.py` (the bridge's `serve`), its calls on descriptor 3 (see wire.ts). */
async function startOnPipe(options: PythonChildOptions): Promise<PythonChild> {
  let proc: ChildProcess;
  try {
    const args = [serveLauncherPath, options.bytecodeDir ?? '', options.bridgePath];
    proc = spawn(options.pythonBin, args, { env: childEnvironment(), stdio: childStdio('pipe') });
  } catch (cause) {
    // What spawn refuses outright (a NUL in the path, say) is, as with pythonia, no interpreter.
    throw new PythonEngineError('python_not_found', messages.cannotRunPython(options.pythonBin, (cause as NodeJS.ErrnoException).code), { cause });
  }
  const supervisor = supervise(proc, options);
  // A socket pair: one duplex descriptor (null only if Node could not make it).
  const channel = (proc.stdio[3] ?? null) as Duplex | null;
  const pending = new Map<number, { fn: BridgeFunction; resolve: (text: string) => void; reject: (error: PythonEngineError) => void }>();
  let nextId = 0;

  const rejectPending = (error: PythonEngineError): void => {
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  };
  // A child that says what we cannot read is not trusted with the next call.
  const badAnswer = (message: string): void => {
    reader.stop();
    const error = new PythonEngineError('bad_reply', message, { stderrTail: supervisor.tail() });
    supervisor.fail(error);
    rejectPending(error);
    supervisor.kill('SIGKILL');
    channel?.destroy();
  };
  const onLine = (line: string): void => {
    const answer = decodeAnswer(line);
    if ('problem' in answer) return badAnswer(messages.answerNotUnderstood(answer.problem));
    const waiting = pending.get(answer.id);
    if (waiting === undefined) return badAnswer(messages.answerNotUnderstood(`no call ${answer.id} is waiting`));
    pending.delete(answer.id);
    if ('result' in answer) return waiting.resolve(answer.result);
    const { type, message } = answer.exception;
    waiting.reject(pythonCallError(waiting.fn, type, message, supervisor.tail(), undefined));
  };
  const maxBytes = options.maxAnswerBytes ?? maxAnswerLineBytes;
  const reader = new LineReader(maxBytes, onLine, () => badAnswer(messages.answerTooLong(maxBytes)));
  // The channel's end or failure may come before the exit; guarded() then waits for the exit.
  const channelGone = (): void => rejectPending(new PythonEngineError('python_exited', messages.bridgeChannelClosed));
  channel?.on('data', (chunk: Buffer) => reader.push(chunk));
  channel?.on('end', channelGone);
  channel?.on('close', channelGone);
  channel?.on('error', channelGone);

  const send = (fn: BridgeFunction, arg: string | undefined): Promise<string> =>
    new Promise<string>((resolve, reject) => {
      if (channel === null || channel.destroyed || !channel.writable) {
        reject(new PythonEngineError('python_exited', messages.bridgeChannelClosed));
        return;
      }
      nextId += 1;
      pending.set(nextId, { fn, resolve, reject });
      channel.write(encodeRequest(nextId, fn, arg));
    });
  // End of file on its descriptor 3 is the child's cue to exit.
  const endCalls = (): void => {
    channel?.end();
  };
  const close = async (): Promise<void> => {
    await supervisor.close(endCalls);
    channel?.destroy();
  };

  try {
    await supervisor.guarded(new Promise<void>((resolve) => proc.once('spawn', () => resolve())), 'starting Python', options.timeoutMs);
  } catch (error) {
    await close();
    throw error;
  }
  return childHandle(proc, supervisor, options, send, close, endCalls);
}

/** Starts Python through pythonia and imports the bridge module. */
async function startThroughPythonia(options: PythonChildOptions): Promise<PythonChild> {
  if (pythoniaActive) {
    throw new PythonEngineError('busy', messages.engineBusy);
  }
  pythoniaActive = true;

  let spawned: { proc: ChildProcess; supervisor: Supervisor } | undefined;
  let module: PythoniaModule;
  try {
    module = withOwnedSpawn(
      options.pythonBin,
      (proc) => {
        spawned = { proc, supervisor: supervise(proc, options) };
      },
      () => {
        if (pythonia === undefined) {
          pythonia = require('pythonia') as PythoniaModule;
        } else if (pythonia.com.proc === null) {
          pythonia.com.start();
        }
        return pythonia;
      },
    );
  } catch (cause) {
    spawned?.supervisor.abandon();
    pythoniaActive = false;
    throw new PythonEngineError('python_not_found', messages.cannotStartThroughPythonia(options.pythonBin), { cause });
  }
  if (spawned === undefined) {
    pythoniaActive = false;
    throw new PythonEngineError('bridge_failed', messages.pythoniaStartedNothing);
  }
  const { proc, supervisor } = spawned;
  const close = async (): Promise<void> => {
    await supervisor.close(() => module.python.exit());
    pythoniaActive = false;
  };

  let bridge: BridgeProxy;
  try {
    bridge = (await supervisor.guarded(module.python(options.bridgePath), 'importing py/anecc_bridge.py', options.timeoutMs)) as BridgeProxy;
  } catch (error) {
    await close();
    if (error instanceof PythonEngineError && error.code === 'python_error') {
      throw new PythonEngineError('bridge_failed', messages.bridgeImportFailed(options.bridgePath, error.message), {
        pythonType: error.pythonType,
        pythonMessage: error.pythonMessage,
        stderrTail: error.stderrTail,
        cause: error,
      });
    }
    throw error;
  }
  const send = (fn: BridgeFunction, arg: string | undefined): Promise<unknown> =>
    Promise.resolve(arg === undefined ? bridge[fn]() : bridge[fn](arg));
  // pythonia cannot be told to end early: close() ends it.
  return childHandle(proc, supervisor, options, send, close, () => {});
}

/**
 * Runs `start` with child_process.spawn redirected for pythonia's interface.py only. pythonia is
 * CommonJS and spawns from its constructor, so `start` is synchronous, and so is every change
 * made here to the process (spawn and the environment): nothing else can run while they last.
 */
function withOwnedSpawn<T>(pythonBin: string, watch: (child: ChildProcess) => void, start: () => T): T {
  const childProcess = require('node:child_process') as typeof import('node:child_process');
  const original = childProcess.spawn;
  let claimed = false;
  const owned = (command: string, args: readonly string[], options: SpawnOptions): ChildProcess => {
    const isPythonia = !claimed && Array.isArray(args) && String(args[0] ?? '').endsWith('interface.py');
    if (!isPythonia) return original.call(childProcess, command, args, options);
    const spawned = original.call(childProcess, pythonBin, args, {
      ...options,
      env: childEnvironment(),
      stdio: childStdio('ipc'),
    });
    // Listeners go on now: a missing interpreter emits 'error' on the next tick.
    claimed = true;
    watch(spawned);
    return spawned;
  };
  childProcess.spawn = owned as typeof childProcess.spawn;
  const saved = Object.fromEntries(
    [...scrubbedVariables, 'REQ_TIMEOUT'].map((name) => [name, process.env[name]] as const),
  );
  // pythonia reads these once, at import: no debug printing, and no 100 s timer per call
  // (REQ_TIMEOUT=0 disables its timer; our own budget and the child watch replace it).
  for (const name of scrubbedVariables) delete process.env[name];
  process.env['REQ_TIMEOUT'] = '0';
  try {
    return start();
  } finally {
    childProcess.spawn = original;
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** A rejection from pythonia: Python exceptions come with an empty message and the text in the stack. */
function fromPythoniaError(cause: unknown, what: string, stderrTail: string | undefined): PythonEngineError {
  if (cause instanceof PythonEngineError) return cause;
  const stack = cause instanceof Error ? cause.stack : undefined;
  const parsed = parsePythonExceptionStack(stack);
  if (parsed === undefined) {
    return new PythonEngineError('python_error', messages.pythonCallFailed(what, String(cause)), { stderrTail, cause });
  }
  return pythonCallError(what, parsed.type, parsed.message, stderrTail, cause);
}

/** A Python exception that escaped a bridge function, as either transport reports it. */
function pythonCallError(what: string, type: string, message: string, stderrTail: string | undefined, cause: unknown): PythonEngineError {
  return new PythonEngineError('python_error', messages.pythonCallFailed(what, `${type}${message ? `: ${message}` : ''}`), {
    pythonType: type,
    pythonMessage: message,
    stderrTail,
    cause,
  });
}
