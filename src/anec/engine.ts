// The native engine: one request in, one EngineOutcome out, in the same shape the Python engine
// returns, so the two can be compared field by field.
import { generationRefusal } from './generation.js';
import { convertWith, type ConvertContext, type ProfileRules } from './core.js';
import { PythonException } from './errors.js';
import { encodeAnecHeader } from './header.js';
import { patchedRules } from './patched.js';
import { pyBasename, pySplitext } from './python-semantics.js';
import { renderAnecStruct } from './struct-text.js';
import { stabSizesUnmatchedMessage } from './messages.js';
import type { AnecBytes, ConversionWarning, ConvertRequest, EngineError, EngineOutcome, LogRecord, Profile } from './types.js';
import { upstreamRules } from './upstream.js';

const profileRules: Record<Profile, ProfileRules> = {
  upstream: upstreamRules,
  patched: patchedRules,
};

/** Upstream's model name: `-n`, else the file's base name without extension, else "model". */
function modelName(path: string, name: string | undefined): string {
  return name || pySplitext(pyBasename(path))[0] || 'model';
}

/** Converts `bytes` (the contents of `request.path`) as upstream's run.py would. */
export function runNativeEngine(bytes: Uint8Array, request: ConvertRequest, profile: Profile): EngineOutcome {
  const logs: LogRecord[] = [];
  const context: ConvertContext = { force: request.force, log: (record) => logs.push(record) };
  const name = modelName(request.path, request.name);
  if (pySplitext(request.path)[1] === '.mlmodel') {
    logs.push({ level: 'warn', message: 'pass the hwx output of coreml2hwx' });
  }
  let header: EngineOutcome['header'];
  let printed = '';
  let anec: AnecBytes | undefined;
  let error: EngineError | undefined;
  const warnings: ConversionWarning[] = [];
  try {
    const conversion = convertWith(profileRules[profile], bytes, context);
    header = conversion.header;
    // The upstream profile stays exactly upstream, stderr included.
    if (!conversion.stabsMatched && profile === 'patched') warnings.push({ code: 'stab_sizes_unmatched', message: stabSizesUnmatchedMessage });
    if (request.print) printed = renderAnecStruct(name, header);
    if (request.compile) {
      const start = Math.min(conversion.tskStart, bytes.length);
      anec = {
        header: encodeAnecHeader(header),
        payload: bytes.subarray(start, Math.min(start + Number(header.size), bytes.length)),
      };
    }
  } catch (cause) {
    if (!(cause instanceof PythonException)) throw cause;
    error = { type: cause.type, message: cause.message, code: cause.code };
  }
  // Patched only: a failure on another generation's file says so (upstream's type, clearer words).
  const refusal = error !== undefined && profile === 'patched' ? generationRefusal(bytes, request.path) : undefined;
  if (error !== undefined && refusal !== undefined) error = { ...error, message: refusal };
  return { engine: 'native', profile, ok: error === undefined, error, name, header, printed, anec, logs, warnings };
}
