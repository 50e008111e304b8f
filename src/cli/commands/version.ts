// `anecc --version`: this package's version, and upstream's when the Python engine is usable.
// Loaded only for --version, so plain conversions do not probe Python.
import { packageVersion } from '../../bridge/options.js';
import { ExitCode, type Io } from '../io.js';

export async function runVersion(io: Io): Promise<number> {
  io.stdout(`anecc ${packageVersion() ?? 'unknown'}\n`);
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
