// A cheap answer to "can the Python engine run here?": one plain interpreter run of the bridge's
// probe, without pythonia (which would keep a child alive until exit()).

import { bridgeModulePath, normalizePythonEngineOptions } from './options.js';
import * as messages from './messages.js';
import type { Env } from './options.js';
import { pinnedUpstreamSha256 } from './pinned.js';
import type { PythonAvailability, PythonEngineOptions } from './types.js';

const probeTimeoutMs = 15_000;
const installHint =
  'install it with `python3 -m pip install anecc==1.0.9`, or set ANECC_UPSTREAM_SRC to a folder holding the anecc package ' +
  '(and PYTHON_BIN to an interpreter that has construct)';

function lastLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .at(-1) ?? ''
  );
}

/** Whether upstream anecc is importable by the configured interpreter, and if not, why. */
export async function pythonEngineAvailability(
  options: PythonEngineOptions = {},
  env: Env = process.env,
): Promise<PythonAvailability> {
  const normalized = normalizePythonEngineOptions(options, env);
  const { pythonBin } = normalized;
  const childEnv: Record<string, string | undefined> = { ...env, PYTHONDONTWRITEBYTECODE: '1', DEBUG: undefined };
  // execa (about a hundred modules) loads here, not with the bridge: conversions never probe.
  const { execa } = await import('execa');
  const result = await execa(
    pythonBin,
    [bridgeModulePath, 'probe', JSON.stringify({ upstreamSrc: normalized.upstreamSrc ?? null })],
    { reject: false, timeout: probeTimeoutMs, env: childEnv, extendEnv: false, stdin: 'ignore' },
  );
  if (result.failed) {
    const code = (result.cause as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT' || code === 'EACCES') {
      return {
        available: false,
        pythonBin,
        reason: 'python_not_found',
        message: messages.cannotRunPython(pythonBin, code),
      };
    }
    const why = result.timedOut ? `no answer within ${probeTimeoutMs} ms` : lastLine(result.stderr) || result.shortMessage;
    return { available: false, pythonBin, reason: 'probe_failed', message: `probing ${pythonBin} failed: ${why}` };
  }
  // zod, with the reply schemas, loads only once there is a reply to check.
  const { parseReply, probeReplySchema } = await import('./replies.js');
  let reply;
  try {
    reply = parseReply(probeReplySchema, result.stdout, 'probe');
  } catch (error) {
    return { available: false, pythonBin, reason: 'probe_failed', message: (error as Error).message };
  }
  if (!reply.ok) {
    return {
      available: false,
      pythonBin,
      reason: 'probe_failed',
      message: messages.probeFailed(reply.error),
    };
  }
  const { upstream } = reply;
  if (upstream.origin === null) {
    return {
      available: false,
      pythonBin,
      reason: 'upstream_not_found',
      message: `${messages.upstreamNotFound('upstream anecc', upstream.found)}; ${installHint}`,
    };
  }
  if (upstream.importError !== null) {
    return {
      available: false,
      pythonBin,
      reason: 'upstream_import_failed',
      message:
        `importing anecc from ${upstream.origin} with ${pythonBin} failed: ` +
        `${upstream.importError.type}: ${upstream.importError.message}; ${installHint}`,
    };
  }
  return {
    available: true,
    pythonBin,
    pythonVersion: reply.python.version,
    origin: upstream.origin,
    pinned: upstream.sha256 === pinnedUpstreamSha256,
  };
}
