// A Python engine that could not start, remembered in the cache folder: with the default engine,
// finding that out again costs each conversion a Python start (0.2 s and more), for an answer
// that only changes when the setup does. The record is keyed on what decides the answer: the
// interpreter (resolved path and mtime), the upstream source (folder and the hash of its
// __init__.py), the profile, and this package (version, bridge script, patch series). A changed
// setup misses the record and probes again; a record also expires, because an interpreter can
// gain a package (pip install anecc, construct) without changing; `anecc doctor` always probes
// and forgets every record.
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Profile } from '../anec/index.js';
import { fnv1a64Hex } from '../lifecycle/fnv1a.js';
import { ensureCacheFolderSync } from './cache-folder.js';
import { bridgeModulePath, packageVersion } from './options.js';
import { packageFolderName } from './pinned.js';
import type { NormalizedPythonEngineOptions } from './types.js';

/** How long a remembered failure holds when nothing in its key changed. */
export const failureMemoryMaxAgeMs = 60 * 60 * 1000;
const folderName = 'python-failures';
// Bumped when the key or the record changes shape.
const recordFormat = 2;
const maxRecordSizeInBytes = 64 * 1024;

/** What the key is made of; `searchPath` is the PATH that resolves a bare interpreter name. */
export interface FailureKeyInput {
  readonly python: NormalizedPythonEngineOptions;
  readonly profile: Profile;
  readonly searchPath: string | undefined;
}

interface FailureRecord {
  readonly format: number;
  readonly key: string;
  readonly reason: string;
  readonly at: number;
}

function mtime(file: string): number | null {
  return statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? null;
}

// A content hash, not SHA-256: the key is read before the Python child can start, node:crypto
// costs about 5 ms to load, and nothing here has to resist a chosen collision (whoever can write
// upstream's source decides what runs anyway).
function contentHash(file: string): string | null {
  try {
    return fnv1a64Hex(readFileSync(file));
  } catch {
    return null;
  }
}

/** The interpreter as spawn would find it: a path as given, a bare name through PATH. */
function resolveInterpreter(bin: string, searchPath: string | undefined): string | null {
  if (bin.includes('/')) return path.resolve(bin);
  for (const dir of (searchPath ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, bin);
    if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
  }
  return null;
}

/** The key of a setup, as text: equal texts mean the same interpreter, upstream, profile and package. */
export function failureKey(input: FailureKeyInput): string {
  const { python, profile } = input;
  const interpreter = resolveInterpreter(python.pythonBin, input.searchPath);
  const upstreamInit = python.upstreamSrc === undefined ? undefined : path.join(python.upstreamSrc, packageFolderName, '__init__.py');
  return JSON.stringify({
    pythonBin: python.pythonBin,
    interpreter,
    interpreterMtime: interpreter === null ? null : mtime(interpreter),
    upstreamSrc: python.upstreamSrc ?? null,
    upstreamInitFnv1a64: upstreamInit === undefined ? null : contentHash(upstreamInit),
    profile,
    transport: python.transport.ok ? python.transport.transport : null,
    version: packageVersion() ?? null,
    bridgeMtime: mtime(bridgeModulePath),
    patchesDir: profile === 'patched' ? python.patchesDir : null,
    seriesMtime: profile === 'patched' ? mtime(path.join(python.patchesDir, 'series')) : null,
  });
}

function recordPath(cacheDir: string, key: string): string {
  // The record holds the whole key and is used only when it matches: the name just spreads them.
  return path.join(cacheDir, folderName, `${fnv1a64Hex(key)}.json`);
}

/** The reason remembered for this key, if a fresh record holds one; never throws. */
export function recallFailure(cacheDir: string, key: string, now = Date.now()): string | undefined {
  try {
    const file = recordPath(cacheDir, key);
    const info = statSync(file, { throwIfNoEntry: false });
    if (!info?.isFile() || info.size > maxRecordSizeInBytes) return undefined;
    const record = JSON.parse(readFileSync(file, 'utf8')) as Partial<FailureRecord> | null;
    if (record?.format !== recordFormat || record.key !== key || typeof record.reason !== 'string' || typeof record.at !== 'number') return undefined;
    const age = now - record.at;
    return age >= 0 && age < failureMemoryMaxAgeMs ? record.reason : undefined;
  } catch {
    return undefined;
  }
}

/** Remembers why the engine could not start; best effort (a cache folder that refuses is ignored). */
export function rememberFailure(cacheDir: string, key: string, reason: string, now = Date.now()): void {
  const file = recordPath(cacheDir, key);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    // Not mkdir's recursive mode: it never returns on a folder like /proc/cache (see cache-folder.ts).
    ensureCacheFolderSync(path.dirname(file));
    const record: FailureRecord = { format: recordFormat, key, reason, at: now };
    writeFileSync(temporary, JSON.stringify(record));
    renameSync(temporary, file);
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing more to do: the record is only an optimisation.
    }
  }
}

/** Forgets every remembered failure (doctor, which always probes). */
export function forgetFailures(cacheDir: string): void {
  rmSync(path.join(cacheDir, folderName), { recursive: true, force: true });
}
