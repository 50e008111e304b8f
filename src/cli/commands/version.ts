// `anecc --version`: this package's version, and upstream's when the Python engine is usable.
// Loaded only for --version, so plain conversions do not read package.json or probe Python.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExitCode, type Io } from '../io.js';

/**
 * The package's own package.json, found by walking up from this module, so the answer is the
 * same from src/, dist/ or a bundled build, in the repository or installed.
 */
function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (json.name === 'anecc' && typeof json.version === 'string') return json.version;
    } catch {
      // No package.json here, or not ours: keep walking up.
    }
    const parent = dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}

export async function runVersion(io: Io): Promise<number> {
  io.stdout(`anecc ${packageVersion()}\n`);
  const { pythonEngineAvailability, pinnedUpstreamLabel } = await import('../../bridge/index.js');
  const python = await pythonEngineAvailability();
  if (python.available) {
    // The version upstream is vouched for by the hash of its code, not by a version string.
    const which = python.pinned ? pinnedUpstreamLabel : `upstream anecc that is not ${pinnedUpstreamLabel}`;
    io.stdout(`python engine: ${which}, ${python.origin}, Python ${python.pythonVersion}\n`);
  } else {
    io.stdout('python engine: not usable here (`anecc doctor` says why); conversions use the native engine\n');
  }
  return ExitCode.ok;
}
