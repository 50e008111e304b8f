// Fake anecc packages for testing the bridge without upstream (and without construct): each is
// written to a temporary folder that ANECC_UPSTREAM_SRC (the `upstreamSrc` option) points at.

import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { PythonEngineError } from '../../src/bridge/index.js';

/** A working package: logs, prints, compiles 0x1000 bytes of header plus `payload`. */
export const workingAnecc = String.raw`
import logging
logger = logging.getLogger(__name__)

class dotdict(dict):
    __getattr__ = dict.get

def anecc_convert(hwx_path, name="model", force=False):
    logger.info("found input 1/1: (1, 2, 3, 4)")
    if force:
        logger.warning("Bypassing suspected intermediate CPU layer warning")
    print("noise from anecc_convert")
    nchw = [0] * 192
    nchw[24:30] = [1, 2 ** 70, -3, 4, 64, 64]
    build = dotdict(size=0x4200, td_size=0x274, td_count=1, tsk_size=0x274, krn_size=0x3f80,
                    src_count=1, dst_count=1, tiles=[2, 0, 0, 0, 1, 1] + [0] * 26, nchw=nchw)
    return dotdict(name=name or "fake", build=build)

def anecc_print(res):
    print("static const struct anec anec_%s = {" % res.name)

def anecc_compile(res, out):
    with open(out, "wb") as f:
        f.write(b"\x01" * 0x1000 + b"payload")
    logger.info("compiled anec to: %s" % out)
`;

export const raisingAtImport = `raise RuntimeError("boom at import")\n`;

export const raisingInConvert = String.raw`
import logging
logger = logging.getLogger(__name__)

def anecc_convert(hwx_path, name="model", force=False):
    logger.info("looking at %s" % hwx_path)
    raise RuntimeError("Looks like there's an unresolved CPU layer.\nDid you really mean 2 inputs?")

def anecc_print(res):
    pass

def anecc_compile(res, out):
    pass
`;

export const hangingInConvert = String.raw`
import time

def anecc_convert(hwx_path, name="model", force=False):
    time.sleep(3600)

def anecc_print(res):
    pass

def anecc_compile(res, out):
    pass
`;

export const killingItself = String.raw`
import os, signal

def anecc_convert(hwx_path, name="model", force=False):
    os.kill(os.getpid(), signal.SIGKILL)

def anecc_print(res):
    pass

def anecc_compile(res, out):
    pass
`;

/** Prints to stdout at import and during conversion, through print() and straight to fd 1. */
export const printingToStdout = String.raw`
import os, sys
print("STDOUT-POLLUTION-AT-IMPORT")
os.write(1, b"STDOUT-POLLUTION-RAW-FD\n")

def anecc_convert(hwx_path, name="model", force=False):
    print("STDOUT-POLLUTION-IN-CONVERT")
    sys.__stdout__.write("STDOUT-POLLUTION-DUNDER\n")
    sys.__stdout__.flush()
    os.write(1, b"STDOUT-POLLUTION-RAW-FD-CONVERT\n")
    raise ValueError("uh oh")

def anecc_print(res):
    pass

def anecc_compile(res, out):
    pass
`;

export interface FakeAnecc {
  /** Folder holding the `anecc` package folder (what ANECC_UPSTREAM_SRC names). */
  readonly src: string;
  /** An empty folder to use as patches/ (no series: the patched copy is unmodified). */
  readonly patchesDir: string;
  /** A private cache folder for patched copies. */
  readonly cacheDir: string;
  remove(): void;
}

/** Writes a fake `anecc/__init__.py` with the given source into a fresh temporary folder. */
export function writeFakeAnecc(source: string): FakeAnecc {
  const root = mkdtempSync(path.join(tmpdir(), 'anecc-fake-'));
  const src = path.join(root, 'src');
  mkdirSync(path.join(src, 'anecc'), { recursive: true });
  writeFileSync(path.join(src, 'anecc', '__init__.py'), source);
  const patchesDir = path.join(root, 'patches');
  mkdirSync(patchesDir);
  const cacheDir = path.join(root, 'cache');
  return { src, patchesDir, cacheDir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** True while a process with this id exists. */
export function processExists(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Expects `work` to reject with a PythonEngineError of `code` within `budgetMs`. */
export async function expectRejection(work: Promise<unknown>, code: string, budgetMs: number): Promise<PythonEngineError> {
  const started = performance.now();
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(performance.now() - started).toBeLessThan(budgetMs);
  expect(error).toBeInstanceOf(PythonEngineError);
  expect((error as PythonEngineError).code).toBe(code);
  return error as PythonEngineError;
}

/** Interpreter for the hermetic tests: any Python 3 will do (the fakes need no construct). */
export const testPythonBin = process.env['PYTHON_BIN'] || 'python3';

/** Converts, but runs out of disk space writing the compiled file (as a full TMPDIR does). */
export const fullDisk = String.raw`
import errno

class dotdict(dict):
    __getattr__ = dict.get

def anecc_convert(hwx_path, name="model", force=False):
    return dotdict(name=name or "fake", build=dotdict(size=0, td_size=0, td_count=0, tsk_size=0, krn_size=0,
                   src_count=0, dst_count=0, tiles=[0] * 32, nchw=[0] * 192))

def anecc_print(res):
    pass

def anecc_compile(res, out):
    with open(out, "wb") as f:
        raise OSError(errno.ENOSPC, "No space left on device")
`;

/**
 * Slow where a real run is slow and big where a real output is big: a backtracking regex holds
 * the GIL for about 0.3 s (so no Python thread can run, as in upstream's own regex), then it
 * compiles 0x1000 header bytes and a 16 MiB payload.
 */
export const slowAndBig = String.raw`
import re

class dotdict(dict):
    __getattr__ = dict.get

def anecc_convert(hwx_path, name="model", force=False):
    re.match(r"(a|aa)*c", "a" * 30)
    return dotdict(name=name or "fake", build=dotdict(size=0x1000 + (16 << 20), td_size=0, td_count=0, tsk_size=0,
                   krn_size=0, src_count=0, dst_count=0, tiles=[0] * 32, nchw=[0] * 192))

def anecc_print(res):
    pass

def anecc_compile(res, out):
    with open(out, "wb") as f:
        f.write(b"\x01" * 0x1000)
        f.write(b"\x00" * (16 << 20))
`;

/**
 * Shaped like upstream's result (data, tsk_start, size) but writes its file cut short without an
 * error, as `open(out, "wb").write(...)` does on a full tmpfs.
 */
export const silentlyCutShort = String.raw`
class dotdict(dict):
    __getattr__ = dict.get

def anecc_convert(hwx_path, name="model", force=False):
    with open(hwx_path, "rb") as f:
        data = f.read()
    return dotdict(name=name or "fake", data=data, tsk_start=0, size=64,
                   build=dotdict(size=64, td_size=0, td_count=0, tsk_size=0, krn_size=0,
                                 src_count=0, dst_count=0, tiles=[0] * 32, nchw=[0] * 192))

def anecc_print(res):
    pass

def anecc_compile(res, out):
    open(out, "wb").write(b"\0" * 0x1000 + res.data[:32])
`;

/**
 * The command's environment with a fake upstream written from `source` (no construct needed);
 * the fake is added to `made` so the caller removes it.
 */
export function fakeAneccEnv(source: string, made: { remove(): void }[], extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const fake = writeFakeAnecc(source);
  made.push(fake);
  return { ...process.env, PYTHON_BIN: testPythonBin, ANECC_UPSTREAM_SRC: fake.src, ANECC_CACHE_DIR: fake.cacheDir, ...extra };
}
