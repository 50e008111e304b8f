// ANECC_PYTHON_TIMEOUT_MS, validated on its own so that whichever layer reads the environment
// (the CLI edge, or the conversion until then) calls the same check.
import { badPythonTimeout } from './messages.js';

/** The longest delay a Node timer holds; a larger one fires at once (TimeoutOverflowWarning). */
export const maxTimerDelayMs = 2 ** 31 - 1;

export type PythonTimeoutSetting =
  | { readonly ok: true; readonly timeoutMs: number | undefined }
  | { readonly ok: false; readonly code: 'bad_python_timeout'; readonly message: string };

/**
 * The Python budget the variable asks for: undefined when unset or empty (use the default),
 * else a whole number of milliseconds in [1, 2^31 - 1], or a message saying what was expected.
 */
export function parsePythonTimeoutMs(value: string | undefined, name = 'ANECC_PYTHON_TIMEOUT_MS'): PythonTimeoutSetting {
  if (value === undefined || value.trim() === '') return { ok: true, timeoutMs: undefined };
  const text = value.trim();
  const number = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < 1 || number > maxTimerDelayMs) {
    return {
      ok: false,
      code: 'bad_python_timeout',
      message: badPythonTimeout(name, value, maxTimerDelayMs),
    };
  }
  return { ok: true, timeoutMs: number };
}
