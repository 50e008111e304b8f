// A Python engine that could not start is remembered per setup; a changed setup probes again.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { failureKey, failureMemoryMaxAgeMs, forgetFailures, normalizePythonEngineOptions, recallFailure, rememberFailure } from '../../src/bridge/index.js';

const root = mkdtempSync(path.join(tmpdir(), 'anecc-failure-memory-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const bin = path.join(root, 'bin');
mkdirSync(bin);
const python = path.join(bin, 'python9');
writeFileSync(python, '#!/bin/sh\n');
chmodSync(python, 0o755);
const upstream = path.join(root, 'upstream');
mkdirSync(path.join(upstream, 'anecc'), { recursive: true });
writeFileSync(path.join(upstream, 'anecc', '__init__.py'), 'x = 1\n');
const cacheDir = path.join(root, 'cache');

const keyOf = (profile: 'upstream' | 'patched' = 'upstream', pythonBin = 'python9') =>
  failureKey({ python: normalizePythonEngineOptions({ pythonBin, upstreamSrc: upstream, cacheDir }, {}), profile, searchPath: bin });

describe('failure memory', () => {
  it('should recall a failure for the same setup, and only within its age', () => {
    const key = keyOf();
    expect(recallFailure(cacheDir, key)).toBeUndefined();
    rememberFailure(cacheDir, key, 'the Python engine failed: boom', 1000);
    expect(recallFailure(cacheDir, key, 1000 + 5)).toBe('the Python engine failed: boom');
    expect(recallFailure(cacheDir, key, 1000 + failureMemoryMaxAgeMs)).toBeUndefined();
  });

  it('should key on the interpreter found through PATH and its mtime', () => {
    const before = keyOf();
    expect(JSON.parse(before).interpreter).toBe(python);
    expect(JSON.parse(keyOf('upstream', python)).interpreter).toBe(python);
    utimesSync(python, new Date(2000, 1, 1), new Date(2000, 1, 1));
    expect(keyOf()).not.toBe(before);
  });

  it('should key on the upstream __init__.py and on the profile', () => {
    const before = keyOf();
    expect(keyOf('patched')).not.toBe(before);
    writeFileSync(path.join(upstream, 'anecc', '__init__.py'), 'x = 2\n');
    expect(keyOf()).not.toBe(before);
  });

  it('should ignore a damaged record and forget every record on request', () => {
    const key = keyOf();
    forgetFailures(cacheDir);
    rememberFailure(cacheDir, key, 'reason');
    const folder = path.join(cacheDir, 'python-failures');
    const [file] = readdirSync(folder);
    writeFileSync(path.join(folder, file!), '{not json');
    expect(recallFailure(cacheDir, key)).toBeUndefined();
    rememberFailure(cacheDir, key, 'reason');
    forgetFailures(cacheDir);
    expect(recallFailure(cacheDir, key)).toBeUndefined();
  });

  it('should never throw when the cache folder cannot be written', () => {
    const blocked = path.join(root, 'blocked');
    writeFileSync(blocked, 'a file where the cache folder would be');
    expect(() => rememberFailure(blocked, keyOf(), 'reason')).not.toThrow();
    expect(recallFailure(blocked, keyOf())).toBeUndefined();
  });
});
