// Conversion options: argv and environment in, one frozen object out, every default decided.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeConvertOptions, OptionsError } from '../../src/convert/index.js';

describe('normalizeConvertOptions', () => {
  it('should fill upstream defaults and the Python engine options from the environment given', () => {
    const o = normalizeConvertOptions({ path: 'a.hwx' }, { PYTHON_BIN: '/opt/py', ANECC_UPSTREAM_SRC: 'up', ANECC_CACHE_DIR: 'c', PATH: '/bin' });
    expect(o).toMatchObject({ path: 'a.hwx', name: undefined, out: '', write: false, print: false, force: false, profile: 'patched', engine: undefined });
    expect(o.python).toMatchObject({ pythonBin: '/opt/py', upstreamSrc: path.resolve('up'), cacheDir: path.resolve('c') });
    expect(o.searchPath).toBe('/bin');
    expect(o.pythonTimeout).toEqual({ ok: true, timeoutMs: undefined });
    expect(Object.isFrozen(o)).toBe(true);
  });

  it('should take the default engine from ANECC_ENGINE, and --engine over it', () => {
    expect(normalizeConvertOptions({ path: 'a' }, { ANECC_ENGINE: 'native' }).engine).toBe('native');
    expect(normalizeConvertOptions({ path: 'a', engine: 'both' }, { ANECC_ENGINE: 'native' }).engine).toBe('both');
    // --engine wins even over a value it would refuse.
    expect(normalizeConvertOptions({ path: 'a', engine: 'python' }, { ANECC_ENGINE: 'fast' }).engine).toBe('python');
    expect(normalizeConvertOptions({ path: 'a' }, { ANECC_ENGINE: '' }).engine).toBeUndefined();
  });

  it('should refuse a bad ANECC_ENGINE, --engine or --profile naming the choices', () => {
    expect(() => normalizeConvertOptions({ path: 'a' }, { ANECC_ENGINE: 'fast' })).toThrow(
      new OptionsError('ANECC_ENGINE: expected "both", "native" or "python", got "fast"'),
    );
    expect(() => normalizeConvertOptions({ path: 'a', engine: 'fast' }, {})).toThrow('--engine: expected "both", "native" or "python", got "fast"');
    expect(() => normalizeConvertOptions({ path: 'a', profile: 'patch' }, {})).toThrow('--profile: expected "patched" or "upstream", got "patch"');
  });

  it('should take the bridge transport from ANECC_BRIDGE_TRANSPORT, the pipe by default, and keep a bad value for Python to report', () => {
    const transport = (raw: Parameters<typeof normalizeConvertOptions>[0], env: Record<string, string>) => normalizeConvertOptions(raw, env).python.transport;
    expect(transport({ path: 'a' }, {})).toEqual({ ok: true, transport: 'pipe' });
    expect(transport({ path: 'a' }, { ANECC_BRIDGE_TRANSPORT: 'pythonia' })).toEqual({ ok: true, transport: 'pythonia' });
    expect(transport({ path: 'a' }, { ANECC_BRIDGE_TRANSPORT: '' })).toEqual({ ok: true, transport: 'pipe' });
    expect(transport({ path: 'a', python: { transport: 'pipe' } }, { ANECC_BRIDGE_TRANSPORT: 'pythonia' })).toEqual({ ok: true, transport: 'pipe' });
    // Not an options error: a conversion that runs no Python must not fail on it.
    expect(transport({ path: 'a' }, { ANECC_BRIDGE_TRANSPORT: 'ipc' })).toEqual({ ok: false, message: 'ANECC_BRIDGE_TRANSPORT: expected "pipe" or "pythonia", got "ipc"' });
    // A bad option is the calling code's mistake, refused at once.
    expect(() => normalizeConvertOptions({ path: 'a', python: { transport: 'ipc' as 'pipe' } }, {})).toThrow(
      new OptionsError('transport: expected "pipe" or "pythonia", got "ipc"'),
    );
  });

  it('should refuse values of the wrong type from library callers', () => {
    expect(() => normalizeConvertOptions({ path: 'a', print: 'yes' }, {})).toThrow('print: expected a boolean, got string');
    expect(() => normalizeConvertOptions({}, {})).toThrow('path: expected a string, got undefined');
  });

  it('should read ANECC_PYTHON_TIMEOUT_MS once, keeping a bad value for the engines that run Python to refuse', () => {
    expect(normalizeConvertOptions({ path: 'a' }, { ANECC_PYTHON_TIMEOUT_MS: '1500' }).pythonTimeout).toEqual({ ok: true, timeoutMs: 1500 });
    expect(normalizeConvertOptions({ path: 'a' }, { ANECC_PYTHON_TIMEOUT_MS: 'soon' }).pythonTimeout).toMatchObject({ ok: false, code: 'bad_python_timeout' });
  });
});
