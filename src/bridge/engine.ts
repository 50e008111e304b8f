// The Python engine: one Python child running py/anecc_bridge.py, upstream anecc loaded by path,
// the patched copy prepared on first use, and every reply checked before it becomes a result.

import { mkdtempSync, readFileSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ANEC_HEADER_SIZE_IN_BYTES } from '../anec/index.js';
import { installExitCleanup, removeOnExit, removeStale, workFolderOwner, workFolderPrefix } from '../lifecycle/index.js';
import type { AnecBytes, ConvertRequest, Profile } from '../anec/index.js';
import { PythonEngineError } from './errors.js';
import * as messages from './messages.js';
import { bridgeModulePath, normalizePythonEngineOptions } from './options.js';
import type { Env } from './options.js';
import { packageFolderName, pinnedUpstreamSha256 } from './pinned.js';
import { startPythonChild } from './python.js';
import type { PythonChild } from './python.js';
import type { OutcomeReply } from './replies.js';
import type {
  NormalizedPythonEngineOptions,
  PatchStatus,
  ProbeReport,
  PythonEngine,
  PythonEngineOptions,
  PythonOutcome,
} from './types.js';

// The reply schemas (zod) and the patch library load while the Python child starts, not before:
// the child's start is the longest wait of a conversion with both engines.
type Replies = typeof import('./replies.js');
const loadReplies = (): Promise<Replies> => import('./replies.js');
const loadPatches = (): Promise<typeof import('./patches.js')> => import('./patches.js');

// Where, in the cache folder, py/anecc_serve.py keeps the compiled code of the bridge, upstream
// and the patched copy (about 10 ms of every Python start).
const bytecodeFolderName = 'bytecode';

// An .anec file is a 4 KiB header plus a slice of the input; nothing anecc builds is near this.
const maxAnecSizeInBytes = 1024 * 1024 * 1024;
const maxBatchSize = 100_000;

async function configure(child: PythonChild, config: Readonly<Record<string, string | null>>): Promise<void> {
  const [raw, { configureReplySchema, parseReply }] = await Promise.all([child.call('configure', JSON.stringify(config)), loadReplies()]);
  const reply = parseReply(configureReplySchema, raw, 'configure');
  if (!reply.ok) {
    throw new PythonEngineError('bridge_failed', messages.configureFailed(reply.error), {
      pythonType: reply.error.type,
      pythonMessage: reply.error.message,
    });
  }
}

async function probeChild(child: PythonChild): Promise<ProbeReport> {
  const [raw, { errorInfo, parseReply, probeReplySchema }] = await Promise.all([child.call('probe', undefined), loadReplies()]);
  const reply = parseReply(probeReplySchema, raw, 'probe');
  if (!reply.ok) {
    throw new PythonEngineError('python_error', messages.probeFailed(reply.error), {
      pythonType: reply.error.type,
      pythonMessage: reply.error.message,
    });
  }
  const version = (v: typeof reply.construct) => ({ version: v.version ?? undefined, error: errorInfo(v.error) });
  return {
    python: reply.python,
    upstream: {
      found: reply.upstream.found,
      origin: reply.upstream.origin ?? undefined,
      sha256: reply.upstream.sha256 ?? undefined,
      pinned: reply.upstream.sha256 === pinnedUpstreamSha256,
      importError: errorInfo(reply.upstream.importError),
    },
    construct: version(reply.construct),
    click: version(reply.click),
  };
}

/**
 * The compiled file Python wrote, read back (as header and payload) and removed. Synchronously:
 * nothing else waits meanwhile, and each asynchronous call would cost a round trip through
 * libuv's thread pool (about 2 ms of a command).
 */
function takeAnec(file: string): AnecBytes {
  const info = statSync(file);
  if (info.size > maxAnecSizeInBytes || info.size < ANEC_HEADER_SIZE_IN_BYTES) {
    throw new PythonEngineError('bad_reply', messages.compiledFileSize(file, info.size, ANEC_HEADER_SIZE_IN_BYTES, maxAnecSizeInBytes));
  }
  const bytes = readFileSync(file);
  unlinkSync(file);
  const all = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { header: all.subarray(0, ANEC_HEADER_SIZE_IN_BYTES), payload: all.subarray(ANEC_HEADER_SIZE_IN_BYTES) };
}

function toOutcome(reply: OutcomeReply, profile: Profile, workDir: string, errorInfo: Replies['errorInfo']): PythonOutcome {
  if (reply.error?.environment === true) {
    // Not upstream's verdict: the same input would convert on a machine with room to do it.
    throw new PythonEngineError('python_environment', messages.pythonCouldNotFinish(reply.error, path.dirname(workDir)), {
      pythonType: reply.error.type,
      pythonMessage: reply.error.message,
    });
  }
  let anec: AnecBytes | undefined;
  if (reply.anecPath !== null) {
    // Only files the bridge wrote into our own work folder are read.
    if (path.dirname(path.resolve(reply.anecPath)) !== workDir) {
      throw new PythonEngineError('bad_reply', messages.compiledFileOutside(reply.anecPath));
    }
    anec = takeAnec(reply.anecPath);
  }
  return {
    engine: 'python',
    profile,
    ok: reply.ok,
    error: errorInfo(reply.error),
    name: reply.name ?? undefined,
    header: reply.header ?? undefined,
    printed: reply.printed,
    anec,
    logs: reply.logs,
  };
}

function importFailure(
  profile: Profile,
  error: { type: string; message: string },
  missing: boolean | undefined,
): PythonEngineError {
  const details = { pythonType: error.type, pythonMessage: error.message };
  const which = profile === 'patched' ? 'the patched copy of anecc' : 'upstream anecc';
  if (missing === true) {
    return new PythonEngineError('upstream_not_found', messages.upstreamNotFound(which, error.message), details);
  }
  return new PythonEngineError('upstream_import_failed', messages.upstreamImportFailed(which, error), details);
}

/** The patched copy of upstream's package (found by `packageDir`), built or found in the cache. */
async function preparedCopy(options: NormalizedPythonEngineOptions, upstreamPackageDir: string): Promise<PatchStatus> {
  const { preparePatchedCopy } = await loadPatches();
  return preparePatchedCopy({ upstreamPackageDir, patchesDir: options.patchesDir, cacheDir: options.cacheDir });
}

class Engine implements PythonEngine {
  #patched: Promise<PatchStatus> | undefined;
  #patchStatus: PatchStatus | undefined;
  #closed = false;

  constructor(
    private readonly child: PythonChild,
    private readonly options: NormalizedPythonEngineOptions,
    private readonly workDir: string,
    private readonly releaseWorkDir: () => void,
    /** The patched copy, prepared while the child started (see OpenIntent); used once. */
    private early: Promise<PatchStatus> | undefined = undefined,
    /** The patched copy the bridge was already pointed at when it was opened. */
    configured: PatchStatus | undefined = undefined,
  ) {
    if (configured !== undefined) {
      this.#patched = Promise.resolve(configured);
      this.#patchStatus = configured;
    }
  }

  removeWhenGone(folder: string): void {
    this.child.removeWhenGone(folder);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  probe(): Promise<ProbeReport> {
    return probeChild(this.child);
  }

  async ping(): Promise<void> {
    const [raw, { configureReplySchema, parseReply }] = await Promise.all([this.child.call('ping', undefined), loadReplies()]);
    parseReply(configureReplySchema, raw, 'ping');
  }

  patchStatus(): PatchStatus | undefined {
    return this.#patchStatus;
  }

  async #upstreamPackageDir(): Promise<string> {
    if (this.options.upstreamSrc !== undefined) return path.join(this.options.upstreamSrc, packageFolderName);
    const report = await this.probe();
    if (report.upstream.origin === undefined) {
      throw new PythonEngineError('upstream_not_found', messages.upstreamNotFound('upstream anecc', report.upstream.found));
    }
    return path.dirname(report.upstream.origin);
  }

  /** Builds (or finds in the cache) the patched copy and points the bridge at it, once. */
  #preparePatched(): Promise<PatchStatus> {
    this.#patched ??= (async () => {
      const early = this.early;
      this.early = undefined;
      const status = await (early ?? preparedCopy(this.options, await this.#upstreamPackageDir()));
      await configure(this.child, { patchedSrc: status.dir });
      this.#patchStatus = status;
      return status;
    })();
    // A failed preparation may be retried by the next call (e.g. after fixing a patch).
    this.#patched.catch(() => {
      this.#patched = undefined;
    });
    return this.#patched;
  }

  async convert(
    requests: readonly ConvertRequest[],
    profile: Profile,
    options: { readonly timeoutMs?: number; readonly last?: boolean } = {},
  ): Promise<readonly PythonOutcome[]> {
    if (this.#closed) throw new PythonEngineError('closed', messages.engineClosed);
    if (requests.length > maxBatchSize) {
      throw new RangeError(`convert: expected at most ${maxBatchSize} requests per batch, got ${requests.length}`);
    }
    if (requests.length === 0) return [];
    if (profile === 'patched') await this.#preparePatched();
    const batch = {
      profile,
      requests: requests.map((r) => ({
        path: r.path,
        name: r.name ?? null,
        force: r.force,
        print: r.print,
        compile: r.compile,
      })),
    };
    const [raw, { convertReplySchema, errorInfo, parseReply }] = await Promise.all([
      this.child.call('convert', JSON.stringify(batch), options.timeoutMs),
      loadReplies(),
    ]);
    // Nothing awaits from here until the compiled files are read: a child told to end exits
    // meanwhile, and Node sees that exit (ending the guardian's pipe, and so removing the work
    // folder) only on a later turn of the event loop.
    if (options.last === true) this.child.endCalls();
    const reply = parseReply(convertReplySchema, raw, 'convert');
    if (!reply.ok) throw importFailure(profile, reply.error, reply.missing);
    if (reply.outcomes.length !== requests.length) {
      throw new PythonEngineError('bad_reply', messages.outcomeCount(requests.length, reply.outcomes.length));
    }
    return reply.outcomes.map((outcome) => toOutcome(outcome, profile, this.workDir, errorInfo));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.child.close();
    } finally {
      rmSync(this.workDir, { recursive: true, force: true });
      this.releaseWorkDir();
    }
  }
}

/** What the caller will ask of the engine, so that it can be got ready while the child starts. */
export interface OpenIntent {
  /** The profile of the conversions to come: 'patched' prepares the patched copy meanwhile. */
  readonly profile?: Profile | undefined;
}

/**
 * Starts the Python engine: one Python child for the life of the command. Always `close()` it
 * (in `finally`): Node does not exit while the child lives.
 */
export async function openPythonEngine(options: PythonEngineOptions = {}, env: Env = process.env, intent: OpenIntent = {}): Promise<PythonEngine> {
  const normalized = normalizePythonEngineOptions(options, env);
  const { transport } = normalized;
  if (!transport.ok) throw new PythonEngineError('bad_transport', transport.message);
  // Made and registered synchronously, listeners first: a signal cannot slip between the two.
  installExitCleanup();
  // Resolved: replies are checked against it with path.resolve, and TMPDIR may be relative.
  // Synchronous, like everything up to the child's start: a caller that does not await this call
  // has a booting child when it returns (the CLI runs the native engine meanwhile).
  const workDir = path.resolve(mkdtempSync(path.join(tmpdir(), `${workFolderPrefix.python}${process.pid}-`)));
  const releaseWorkDir = removeOnExit(workDir);
  let child: PythonChild | undefined;
  let early: Promise<PatchStatus> | undefined;
  try {
    // The child is spawned before this call returns its promise (it resolves once the bridge is
    // imported).
    const bytecodeDir = path.join(normalized.cacheDir, bytecodeFolderName);
    const starting = startPythonChild({
      pythonBin: normalized.pythonBin,
      bridgePath: bridgeModulePath,
      bytecodeDir,
      timeoutMs: normalized.timeoutMs,
      transport: transport.transport,
    });
    // What earlier commands ended by SIGKILL left here (their guardian covers all but start-up),
    // removed while Python boots.
    removeStale(tmpdir(), workFolderOwner, 'folder');
    // Node's half of the patched profile (hashing upstream, the cached copy) runs while Python
    // boots; where upstream is is known without asking Python only with ANECC_UPSTREAM_SRC.
    const { upstreamSrc } = normalized;
    if (intent.profile === 'patched' && upstreamSrc !== undefined) {
      early = preparedCopy(normalized, path.join(upstreamSrc, packageFolderName));
      early.catch(() => {}); // its failure surfaces at the first conversion, as without intent
    }
    child = await starting;
    child.removeWhenGone(workDir);
    // The copy goes in the same call, one round trip fewer before the first conversion: waiting
    // for it costs nothing, since Python reads the call only once it has imported construct.
    const ready = early === undefined ? undefined : await early.then((status) => status, () => undefined);
    await configure(child, { upstreamSrc: normalized.upstreamSrc ?? null, workDir, bytecodeDir, ...(ready === undefined ? {} : { patchedSrc: ready.dir }) });
    return new Engine(child, normalized, workDir, releaseWorkDir, ready === undefined ? early : undefined, ready);
  } catch (error) {
    await child?.close();
    await rm(workDir, { recursive: true, force: true });
    releaseWorkDir();
    throw error;
  }
}
