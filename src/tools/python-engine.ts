// The tools' way into the Python engine; the bridge is loaded only when a command needs it.
import type { ConvertRequest, EngineOutcome, Profile } from '../anec/index.js';

export interface PythonEngineHandle {
  convert(requests: readonly ConvertRequest[], profile: Profile): Promise<EngineOutcome[]>;
  close(): Promise<void>;
}

export async function pythonAvailability(): Promise<{ ok: true } | { ok: false; reason: string }> {
  return { ok: false, reason: 'the Python engine is not built yet' };
}

export async function openPython(): Promise<PythonEngineHandle> {
  throw new Error('the Python engine is not available yet');
}
