// The model of the Python engine: how to open it, what it reports, and how it fails. The engine
// runs the real upstream anecc (or a patched copy of it) in one Python child per command.

import type { ConvertRequest, EngineError, EngineOutcome, Profile } from '../anec/index.js';

/** What the caller may choose; every field falls back to the environment, then to a default. */
export interface PythonEngineOptions {
  /** Interpreter; default env PYTHON_BIN, else `python3`. */
  readonly pythonBin?: string | undefined;
  /** Folder holding the `anecc` package folder; default env ANECC_UPSTREAM_SRC, else the interpreter's installed anecc. */
  readonly upstreamSrc?: string | undefined;
  /** Budget of one call into Python (a whole batch); default 30 s. */
  readonly timeoutMs?: number | undefined;
  /** Folder with `series` and the format-patch files; default the package's patches/. */
  readonly patchesDir?: string | undefined;
  /** Where patched copies are cached; default env ANECC_CACHE_DIR, else $XDG_CACHE_HOME/anecc or ~/.cache/anecc. */
  readonly cacheDir?: string | undefined;
  /** How calls reach the Python child; default env ANECC_BRIDGE_TRANSPORT, else 'pipe'. */
  readonly transport?: BridgeTransport | undefined;
}

/**
 * How calls reach py/anecc_bridge.py. 'pipe': the script itself (`serve`), newline-delimited JSON
 * on a socket pair (descriptor 3); 'pythonia': through pythonia's interface.py and its proxies,
 * one engine per Node process.
 */
export type BridgeTransport = 'pipe' | 'pythonia';

/**
 * The transport as set. A bad ANECC_BRIDGE_TRANSPORT is reported where a Python engine opens (and
 * by a conversion that would run Python), never by one that does not need Python.
 */
export type BridgeTransportSetting = { readonly ok: true; readonly transport: BridgeTransport } | { readonly ok: false; readonly message: string };

/** Options with every default decided (see normalizePythonEngineOptions). */
export interface NormalizedPythonEngineOptions {
  readonly pythonBin: string;
  readonly upstreamSrc: string | undefined;
  readonly timeoutMs: number;
  readonly patchesDir: string;
  readonly cacheDir: string;
  readonly transport: BridgeTransportSetting;
}

/** Why the Python engine could not do what was asked. */
export type PythonEngineErrorCode =
  /** The interpreter could not be started (missing, not executable). */
  | 'python_not_found'
  /** The Python child ended while calls were pending or before the engine was ready. */
  | 'python_exited'
  /** A call took longer than its budget; the child was killed. */
  | 'timeout'
  /** The command was interrupted (SIGINT); the child was killed. */
  | 'interrupted'
  /** py/anecc_bridge.py could not be imported or configured. */
  | 'bridge_failed'
  /** No anecc package where it was looked for. */
  | 'upstream_not_found'
  /** anecc was found but importing it raised (missing construct, broken file...). */
  | 'upstream_import_failed'
  /** The bridge answered something that does not match its schema (or, on the pipe, no answer line at all). */
  | 'bad_reply'
  /** A Python exception escaped the bridge (a bug in py/). */
  | 'python_error'
  /** Another pythonia engine is open in this Node process (pythonia keeps one child per process). */
  | 'busy'
  /** ANECC_BRIDGE_TRANSPORT names no transport. */
  | 'bad_transport'
  /** Python ran out of something (disk space, memory, file descriptors) or hit an I/O error. */
  | 'python_environment'
  /** The engine was closed, or an earlier failure left it unusable. */
  | 'closed';

/** A failure reported by upstream (or the bridge), with where in upstream's source it was raised. */
export interface PythonErrorInfo extends EngineError {
  /** Line in the loaded anecc/__init__.py, when the exception came from there. */
  readonly line: number | undefined;
}

/** One outcome of the Python engine: the shared model plus upstream's source line of a failure. */
export interface PythonOutcome extends EngineOutcome {
  readonly engine: 'python';
  readonly error: PythonErrorInfo | undefined;
}

/** A package's version, or why it could not be imported. */
export interface PackageVersion {
  readonly version: string | undefined;
  readonly error: PythonErrorInfo | undefined;
}

/** What the running interpreter says about itself and about upstream. */
export interface ProbeReport {
  readonly python: { readonly version: string; readonly executable: string };
  readonly upstream: {
    /** How anecc was looked for: 'ANECC_UPSTREAM_SRC', 'installed', or why it was not found. */
    readonly found: string;
    /** Absolute path of the anecc/__init__.py that is (or would be) loaded. */
    readonly origin: string | undefined;
    readonly sha256: string | undefined;
    /** Whether that file is eiln/anecc aa7b14f (anecc 1.0.9). */
    readonly pinned: boolean;
    readonly importError: PythonErrorInfo | undefined;
  };
  readonly construct: PackageVersion;
  readonly click: PackageVersion;
}

/** A live Python engine: one child process, calls run one at a time. */
export interface PythonEngine {
  /** Process id of the Python child (for diagnostics). */
  readonly pid: number | undefined;
  probe(): Promise<ProbeReport>;
  /** One empty round trip into Python (checks the child answers; measures the bridge). */
  ping(): Promise<void>;
  /**
   * Converts a batch in one round trip; one outcome per request, in order. `last`: no call
   * follows, so the pipe transport's child is told to end as soon as it has answered, while the
   * answer is read (close() then finds it gone or going; a later call fails as `python_exited`).
   */
  convert(
    requests: readonly ConvertRequest[],
    profile: Profile,
    options?: { readonly timeoutMs?: number; readonly last?: boolean },
  ): Promise<readonly PythonOutcome[]>;
  /** The patched copy in use (prepared on the first 'patched' conversion), if any. */
  patchStatus(): PatchStatus | undefined;
  /** Removes `folder` (recursively) once this process is gone, even by SIGKILL (the child's guardian does it). */
  removeWhenGone(folder: string): void;
  /** Ends the child; safe to call twice; always call it (in `finally`). */
  close(): Promise<void>;
}

/** One applied patch. */
export interface AppliedPatch {
  readonly file: string;
  readonly subject: string | undefined;
  /** Package-relative files it changed. */
  readonly touches: readonly string[];
}

/** The patched copy of upstream, ready to load. */
export interface PatchStatus {
  /** Folder holding the patched `anecc` package folder. */
  readonly dir: string;
  /** True when this call built it, false when it came from the cache. */
  readonly built: boolean;
  readonly upstreamSha256: string;
  /** Whether upstream is the pinned eiln/anecc aa7b14f the patches were written against. */
  readonly upstreamPinned: boolean;
  readonly patches: readonly AppliedPatch[];
  /** Human-readable notes (e.g. upstream is not the pinned version). */
  readonly warnings: readonly string[];
  /** Set when a cached copy had changed since it was made (and was rebuilt): what changed. */
  readonly rebuilt: string | undefined;
}

export type PatchErrorCode =
  | 'series_unreadable'
  | 'patch_missing'
  | 'patch_unparsable'
  | 'target_missing'
  | 'hunk_failed'
  | 'upstream_unreadable'
  | 'cache_failed'
  /** The cache folder is not a writable folder and cannot be made one. */
  | 'cache_unusable';

/** Whether the Python engine can run here, and if not, why (without starting pythonia). */
export type PythonAvailability =
  | {
      readonly available: true;
      readonly pythonBin: string;
      readonly pythonVersion: string;
      readonly origin: string;
      readonly pinned: boolean;
    }
  | {
      readonly available: false;
      readonly pythonBin: string;
      readonly reason: 'python_not_found' | 'upstream_not_found' | 'upstream_import_failed' | 'probe_failed';
      /** One line saying what is wrong and how to fix it. */
      readonly message: string;
    };
