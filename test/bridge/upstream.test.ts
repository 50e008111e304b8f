// The Python engine with the real upstream anecc on the real corpus. Runs only where upstream is
// importable (PYTHON_BIN / ANECC_UPSTREAM_SRC) and the corpus is present; says so otherwise.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPythonEngine, pythonEngineAvailability } from '../../src/bridge/index.js';
import type { PythonEngine, PythonOutcome } from '../../src/bridge/index.js';
import { corpusFiles, corpusSkipReason } from '../../support/corpus.js';
import { convertRequest } from '../../support/requests.js';

const availability = await pythonEngineAvailability();
const skipReason = !availability.available
  ? `upstream anecc not importable (${availability.message}): Python engine corpus tests skipped`
  : corpusSkipReason();
if (skipReason) console.warn(skipReason);

const v9 = 'mul_macos26_m1.hwx';
const goldenFiles = corpusFiles().filter((f) => f.golden !== undefined && f.name !== v9);

function fileBytes(outcome: PythonOutcome | undefined): Buffer {
  const anec = outcome?.anec;
  return anec ? Buffer.concat([anec.header, anec.payload]) : Buffer.alloc(0);
}

describe.skipIf(skipReason !== undefined)('python engine on the corpus', () => {
  let engine: PythonEngine;
  let cacheDir: string;

  beforeAll(async () => {
    cacheDir = mkdtempSync(path.join(tmpdir(), 'anecc-cache-'));
    engine = await openPythonEngine({ cacheDir });
  });

  afterAll(async () => {
    await engine?.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('should be the pinned upstream', async () => {
    const report = await engine.probe();
    expect(report.upstream.pinned).toBe(true);
  });

  it('should give the golden bytes for every corpus file with the upstream profile', async () => {
    const requests = goldenFiles.map((f) => convertRequest(f.path));
    const outcomes = await engine.convert(requests, 'upstream');
    expect(outcomes).toHaveLength(goldenFiles.length);
    for (const [i, file] of goldenFiles.entries()) {
      const outcome = outcomes[i];
      expect(outcome?.error, file.name).toBeUndefined();
      expect(fileBytes(outcome).equals(readFileSync(file.golden ?? '')), file.name).toBe(true);
      expect(outcome?.printed.startsWith('\nstatic const struct anec anec_'), file.name).toBe(true);
      expect(outcome?.logs.every((l) => !l.message.startsWith('compiled anec to:')), file.name).toBe(true);
    }
  });

  it('should fail on the compiler v9 file with StopIteration, as upstream does', async () => {
    const file = corpusFiles().find((f) => f.name === v9);
    const [outcome] = await engine.convert([convertRequest(file?.path ?? '', { print: false })], 'upstream');
    expect(outcome).toMatchObject({ ok: false, error: { type: 'StopIteration' }, anec: undefined });
  });

  it('should convert the compiler v9 file with the patched profile', async () => {
    const file = corpusFiles().find((f) => f.name === v9);
    const golden = path.join(path.dirname(file?.path ?? ''), 'mul_macos26_m4.ane');
    const [outcome] = await engine.convert([convertRequest(file?.path ?? '', { print: false })], 'patched');
    expect(outcome?.error).toBeUndefined();
    expect(fileBytes(outcome).equals(readFileSync(golden))).toBe(true);
    expect(engine.patchStatus()?.upstreamPinned).toBe(true);
    expect(engine.patchStatus()?.warnings).toEqual([]);
  });

  it('should give the upstream bytes for the older files with the patched profile', async () => {
    const requests = goldenFiles.map((f) => convertRequest(f.path, { print: false }));
    const outcomes = await engine.convert(requests, 'patched');
    for (const [i, file] of goldenFiles.entries()) {
      expect(fileBytes(outcomes[i]).equals(readFileSync(file.golden ?? '')), file.name).toBe(true);
    }
  });
});
