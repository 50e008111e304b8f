// Options normalized once: every default (environment, package folders) is decided here.

import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { badTransport } from './messages.js';
import type { BridgeTransport, BridgeTransportSetting, NormalizedPythonEngineOptions, PythonEngineOptions } from './types.js';

export const defaultTimeoutMs = 30_000;
// A bridge call that needs longer than this is hung, whatever the caller asked for.
const maxTimeoutMs = 24 * 60 * 60 * 1000;

// The package root, computed here once for every module that needs a packaged file (py/,
// patches/, hwx/). This module sits two folders below it as src/bridge/options.ts, as
// dist/bridge/options.js and inside the CLI bundle dist/cli/anecc.js alike.
export const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

/** This package's version from its package.json (undefined when it cannot be read). */
export function packageVersion(): string | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8'));
    const version = (parsed as { version?: unknown } | null)?.version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

/** Absolute path of the Python half of the bridge. */
export const bridgeModulePath = path.join(packageRoot, 'py', 'anecc_bridge.py');
/** Runs the bridge's `serve` from compiled code kept in the cache folder (pipe transport). */
export const serveLauncherPath = path.join(packageRoot, 'py', 'anecc_serve.py');
const defaultPatchesDir = path.join(packageRoot, 'patches');

export type Env = Readonly<Record<string, string | undefined>>;

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** Where patched copies of upstream are cached. */
function defaultCacheDir(env: Env): string {
  const explicit = nonEmpty(env['ANECC_CACHE_DIR']);
  if (explicit) return path.resolve(explicit);
  const xdg = nonEmpty(env['XDG_CACHE_HOME']);
  return path.join(xdg ? path.resolve(xdg) : path.join(homedir(), '.cache'), 'anecc');
}

const bridgeTransports: readonly BridgeTransport[] = ['pipe', 'pythonia'];

const isTransport = (value: string): value is BridgeTransport => (bridgeTransports as readonly string[]).includes(value);

/**
 * The lean pipe unless asked otherwise: pythonia stays selectable (the design names it as the
 * bridge, and the differential job may keep using it), by option or, for scripts, by environment.
 * A bad option is the calling code's mistake (thrown now, as a bad timeoutMs); a bad environment
 * value is kept as a setting, for whatever opens a Python engine to report.
 */
function bridgeTransport(options: PythonEngineOptions, env: Env): BridgeTransportSetting {
  if (options.transport !== undefined) {
    if (!isTransport(options.transport)) throw new RangeError(badTransport('transport', bridgeTransports, options.transport));
    return { ok: true, transport: options.transport };
  }
  const value = nonEmpty(env['ANECC_BRIDGE_TRANSPORT']) ?? 'pipe';
  return isTransport(value) ? { ok: true, transport: value } : { ok: false, message: badTransport('ANECC_BRIDGE_TRANSPORT', bridgeTransports, value) };
}

export function normalizePythonEngineOptions(
  options: PythonEngineOptions = {},
  env: Env = process.env,
): NormalizedPythonEngineOptions {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > maxTimeoutMs) {
    throw new RangeError(`timeoutMs: expected a number of milliseconds in (0, ${maxTimeoutMs}], got ${timeoutMs}`);
  }
  const upstreamSrc = nonEmpty(options.upstreamSrc) ?? nonEmpty(env['ANECC_UPSTREAM_SRC']);
  return Object.freeze({
    pythonBin: nonEmpty(options.pythonBin) ?? nonEmpty(env['PYTHON_BIN']) ?? 'python3',
    upstreamSrc: upstreamSrc === undefined ? undefined : path.resolve(upstreamSrc),
    timeoutMs,
    patchesDir: path.resolve(nonEmpty(options.patchesDir) ?? defaultPatchesDir),
    cacheDir: nonEmpty(options.cacheDir) ? path.resolve(options.cacheDir as string) : defaultCacheDir(env),
    transport: bridgeTransport(options, env),
  });
}
