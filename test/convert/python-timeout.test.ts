import { describe, expect, it } from 'vitest';
import { maxTimerDelayMs, parsePythonTimeoutMs } from '../../src/convert/python-timeout.js';

describe('ANECC_PYTHON_TIMEOUT_MS', () => {
  it('is optional', () => {
    expect(parsePythonTimeoutMs(undefined)).toEqual({ ok: true, timeoutMs: undefined });
    expect(parsePythonTimeoutMs('')).toEqual({ ok: true, timeoutMs: undefined });
  });

  it('takes whole milliseconds within the timer range', () => {
    expect(parsePythonTimeoutMs('1')).toEqual({ ok: true, timeoutMs: 1 });
    expect(parsePythonTimeoutMs(String(maxTimerDelayMs))).toEqual({ ok: true, timeoutMs: maxTimerDelayMs });
  });

  it.each(['3000000000', '2147483648', '0', '-5', '1.5', '1e3', 'abc', 'Infinity', '0x10'])('refuses %s with a message saying what it expects', (value) => {
    const setting = parsePythonTimeoutMs(value);
    expect(setting.ok).toBe(false);
    if (!setting.ok) {
      expect(setting.code).toBe('bad_python_timeout');
      expect(setting.message).toContain(`ANECC_PYTHON_TIMEOUT_MS: expected a whole number of milliseconds from 1 to 2147483647, got "${value}"`);
    }
  });
});
