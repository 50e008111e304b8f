// Bridge mechanics against fake anecc packages: no upstream, no construct needed. Every broken
// case must end in a typed PythonEngineError within 10 s and leave no Python process behind.
// Every case runs on both transports (the pipe, the default, and pythonia).

import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { openPythonEngine, pythonEngineAvailability } from '../../src/bridge/index.js';
import type { PythonEngineError } from '../../src/bridge/index.js';
import type { PythonEngine } from '../../src/bridge/index.js';
import type { BridgeTransport } from '../../src/bridge/types.js';
import type { ConvertRequest } from '../../src/anec/index.js';
import {
  expectRejection,
  hangingInConvert,
  killingItself,
  printingToStdout,
  raisingAtImport,
  raisingInConvert,
  testPythonBin,
  workingAnecc,
  writeFakeAnecc,
  processExists,
} from './fake-anecc.js';
import type { FakeAnecc } from './fake-anecc.js';
import { convertRequest } from '../../support/requests.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const brokenCaseBudgetMs = 10_000;

const request = (overrides: Partial<ConvertRequest> = {}): ConvertRequest => convertRequest(overrides.path ?? 'model.hwx', overrides);

let fake: FakeAnecc | undefined;
let engine: PythonEngine | undefined;

const transports: readonly BridgeTransport[] = ['pipe', 'pythonia'];

/** Opens an engine on a fake anecc (written from `source`, or one already written). */
async function openOn(transport: BridgeTransport, source: string | FakeAnecc, timeoutMs?: number): Promise<PythonEngine> {
  fake = typeof source === 'string' ? writeFakeAnecc(source) : source;
  engine = await openPythonEngine({
    transport,
    pythonBin: testPythonBin,
    upstreamSrc: fake.src,
    patchesDir: fake.patchesDir,
    cacheDir: fake.cacheDir,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  return engine;
}

const expectEngineError = (work: Promise<unknown>, code: string): Promise<PythonEngineError> => expectRejection(work, code, brokenCaseBudgetMs);

afterEach(async () => {
  const pid = engine?.pid;
  await engine?.close();
  engine = undefined;
  fake?.remove();
  fake = undefined;
  // Whatever happened in the test, close() leaves no Python process behind.
  expect(processExists(pid)).toBe(false);
});

describe.each(transports)('over the %s transport', (transport) => {
  const open = (source: string, timeoutMs?: number): Promise<PythonEngine> => openOn(transport, source, timeoutMs);

  describe('python engine with a working fake anecc', () => {
    it('should map a successful conversion to an EngineOutcome', async () => {
      // Arrange
      const e = await open(workingAnecc);

      // Act
      const [outcome] = await e.convert([request({ force: true })], 'upstream');

      // Assert
      expect(outcome).toMatchObject({ engine: 'python', profile: 'upstream', ok: true, error: undefined, name: 'fake' });
      expect(outcome?.printed).toBe('static const struct anec anec_fake = {\n');
      // The `compiled anec to:` record is the CLI's to write; everything before it is kept in order.
      expect(outcome?.logs).toEqual([
        { level: 'info', message: 'found input 1/1: (1, 2, 3, 4)' },
        { level: 'warn', message: 'Bypassing suspected intermediate CPU layer warning' },
      ]);
      expect(outcome?.header?.size).toBe(0x4200n);
      expect(outcome?.header?.tdSize).toBe(0x274);
      expect(outcome?.header?.tiles).toHaveLength(32);
      expect(outcome?.header?.nchw.slice(24, 30)).toEqual([1n, 2n ** 70n, -3n, 4n, 64n, 64n]);
      expect(outcome?.anec?.header).toEqual(new Uint8Array(0x1000).fill(1));
      expect(Buffer.from(outcome?.anec?.payload ?? []).toString()).toBe('payload');
    });

    it('should convert a batch in order and honour -n, -p and compile flags', async () => {
      const e = await open(workingAnecc);
      const outcomes = await e.convert(
        [request({ name: 'first', print: false, compile: false }), request({ name: 'second' })],
        'upstream',
      );
      expect(outcomes.map((o) => o.name)).toEqual(['first', 'second']);
      expect(outcomes[0]?.printed).toBe('');
      expect(outcomes[0]?.anec).toBeUndefined();
      expect(outcomes[1]?.anec).toBeDefined();
    });

    it('should probe the interpreter and the package it loads', async () => {
      const e = await open(workingAnecc);
      const report = await e.probe();
      expect(report.python.version).toMatch(/^3\./);
      expect(report.upstream.found).toBe('ANECC_UPSTREAM_SRC');
      expect(report.upstream.origin).toBe(path.join(fake?.src ?? '', 'anecc', '__init__.py'));
      expect(report.upstream.pinned).toBe(false);
      expect(report.upstream.importError).toBeUndefined();
    });

    it('should load the patched profile from an unmodified copy when there are no patches', async () => {
      const e = await open(workingAnecc);
      const [outcome] = await e.convert([request()], 'patched');
      expect(outcome).toMatchObject({ ok: true, profile: 'patched' });
      expect(e.patchStatus()).toMatchObject({ built: true, patches: [], upstreamPinned: false });
      expect(e.patchStatus()?.warnings[0]).toMatch(/not eiln\/anecc aa7b14f/);
    });

    it('should start again in the same Node process after close', async () => {
      const first = await open(workingAnecc);
      const firstPid = first.pid;
      await first.close();
      expect(processExists(firstPid)).toBe(false);
      engine = await openPythonEngine({ transport, pythonBin: testPythonBin, upstreamSrc: fake?.src, patchesDir: fake?.patchesDir });
      const [outcome] = await engine.convert([request()], 'upstream');
      expect(outcome?.ok).toBe(true);
      expect(engine.pid).not.toBe(firstPid);
    });

    if (transport === 'pythonia') {
      it('should refuse a second engine while one is open', async () => {
        await open(workingAnecc);
        await expectEngineError(openPythonEngine({ transport, pythonBin: testPythonBin, upstreamSrc: fake?.src }), 'busy');
      });
    } else {
      it('should run a second engine beside the first', async () => {
        const first = await open(workingAnecc);
        const second = await openPythonEngine({ transport, pythonBin: testPythonBin, upstreamSrc: fake?.src, patchesDir: fake?.patchesDir });
        try {
          const [a, b] = await Promise.all([first.convert([request()], 'upstream'), second.convert([request({ name: 'other' })], 'upstream')]);
          expect(a?.[0]?.name).toBe('fake');
          expect(b?.[0]?.name).toBe('other');
          expect(second.pid).not.toBe(first.pid);
        } finally {
          const pid = second.pid;
          await second.close();
          expect(processExists(pid)).toBe(false);
        }
      });
    }

    it('should reject calls after close', async () => {
      const e = await open(workingAnecc);
      await e.close();
      await expectEngineError(e.convert([request()], 'upstream'), 'closed');
    });
  });

  describe('python engine failures', () => {
    it('should report an exception from anecc_convert as outcome data with its line', async () => {
      const e = await open(raisingInConvert);
      const [outcome] = await e.convert([request()], 'upstream');
      expect(outcome).toMatchObject({
        ok: false,
        header: undefined,
        anec: undefined,
        error: {
          type: 'RuntimeError',
          message: "Looks like there's an unresolved CPU layer. Did you really mean 2 inputs?",
          line: 7,
        },
      });
      expect(outcome?.logs).toEqual([{ level: 'info', message: 'looking at model.hwx' }]);
    });

    it('should reject with upstream_import_failed when importing anecc raises', async () => {
      const e = await open(raisingAtImport);
      const error = await expectEngineError(e.convert([request()], 'upstream'), 'upstream_import_failed');
      expect(error.pythonType).toBe('RuntimeError');
      expect(error.pythonMessage).toBe('boom at import');
      const report = await e.probe();
      expect(report.upstream.importError).toMatchObject({ type: 'RuntimeError', message: 'boom at import', line: 1 });
    });

    it('should reject with upstream_not_found when the folder has no anecc package', async () => {
      fake = writeFakeAnecc(workingAnecc);
      engine = await openPythonEngine({ transport, pythonBin: testPythonBin, upstreamSrc: fake.patchesDir });
      await expectEngineError(engine.convert([request()], 'upstream'), 'upstream_not_found');
    });

    it('should time out a hanging call, kill the child, and stay unusable', async () => {
      // Start-up keeps the default budget (a loaded machine can take over a second to import);
      // only the hanging call gets a short one.
      const e = await open(hangingInConvert);
      const pid = e.pid;
      await expectEngineError(e.convert([request()], 'upstream', { timeoutMs: 1000 }), 'timeout');
      await expect.poll(() => processExists(pid), { timeout: 3000 }).toBe(false);
      await expectEngineError(e.convert([request()], 'upstream', { timeoutMs: 1000 }), 'timeout');
    });

    it('should reject pending calls when the child kills itself', async () => {
      const e = await open(killingItself);
      const error = await expectEngineError(e.convert([request()], 'upstream'), 'python_exited');
      expect(error.message).toMatch(/SIGKILL/);
    });

    it('should reject with python_not_found when PYTHON_BIN points nowhere', async () => {
      await expectEngineError(
        openPythonEngine({ transport, pythonBin: path.join(repoRoot, 'no', 'such', 'python3') }),
        'python_not_found',
      );
      const availability = await pythonEngineAvailability({ pythonBin: path.join(repoRoot, 'no', 'such', 'python3') });
      expect(availability).toMatchObject({ available: false, reason: 'python_not_found' });
    });

    it('should reject with python_not_found when PYTHON_BIN is not executable', async () => {
      await expectEngineError(openPythonEngine({ transport, pythonBin: path.join(here, 'fake-anecc.ts') }), 'python_not_found');
    });

    it('should say why upstream is unavailable', async () => {
      fake = writeFakeAnecc(raisingAtImport);
      const availability = await pythonEngineAvailability({ pythonBin: testPythonBin, upstreamSrc: fake.src });
      expect(availability).toMatchObject({ available: false, reason: 'upstream_import_failed' });
      if (!availability.available) expect(availability.message).toMatch(/boom at import/);
    });
  });

  describe('python engine and the command it runs in', () => {
    const runEngine = (source: string) => {
      fake = writeFakeAnecc(source);
      return execa(
        process.execPath,
        ['--import', 'tsx', path.join(here, 'fixtures', 'run-engine.ts'), fake.src, fake.patchesDir, fake.cacheDir],
        { cwd: repoRoot, reject: false, timeout: 30_000, env: { PYTHON_BIN: testPythonBin, DEBUG: '1', ANECC_BRIDGE_TRANSPORT: transport } },
      );
    };

    it('should keep everything Python prints off the command stdout', async () => {
      const result = await runEngine(printingToStdout);
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('RESULT [{"ok":false,"error":{"type":"ValueError","message":"uh oh"');
    });

    it('should let the command exit after a clean close', async () => {
      const result = await runEngine(workingAnecc);
      expect(result.exitCode).toBe(0);
      const pid = Number(/PID (\d+)/.exec(result.stderr)?.[1]);
      expect(processExists(pid)).toBe(false);
    });

    /** Starts run-engine.ts on a hanging fake, with its own TMPDIR; resolves once Python runs. */
    const startHanging = async () => {
      fake = writeFakeAnecc(hangingInConvert);
      const tmp = path.join(path.dirname(fake.src), 'tmp');
      mkdirSync(tmp);
      const child = execa(
        process.execPath,
        ['--import', 'tsx', path.join(here, 'fixtures', 'run-engine.ts'), fake.src, fake.patchesDir, fake.cacheDir],
        { cwd: repoRoot, reject: false, timeout: 30_000, env: { PYTHON_BIN: testPythonBin, TMPDIR: tmp, ANECC_BRIDGE_TRANSPORT: transport } },
      );
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      await expect.poll(() => /PID (\d+)/.test(stderr), { timeout: 10_000 }).toBe(true);
      const pid = Number(/PID (\d+)/.exec(stderr)?.[1]);
      const workFolders = (): string[] => readdirSync(tmp).filter((name) => name.startsWith('anecc-python-'));
      expect(workFolders()).toHaveLength(1);
      return { child, pid, workFolders };
    };

    it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)(
      'should stop the child, remove the work folder and end the command on %s',
      async (signal) => {
        const { child, pid, workFolders } = await startHanging();
        const started = performance.now();
        child.kill(signal);
        const result = await child;
        expect(performance.now() - started).toBeLessThan(brokenCaseBudgetMs);
        expect(result.signal).toBe(signal);
        await expect.poll(() => processExists(pid), { timeout: 3000 }).toBe(false);
        expect(workFolders()).toEqual([]);
      },
    );

    it('should end the Python child and remove the work folder when the command is killed outright', async () => {
      const { child, pid, workFolders } = await startHanging();
      child.kill('SIGKILL');
      await child;
      // PDEATHSIG, else the bridge's check of its parent once a second.
      await expect.poll(() => processExists(pid), { timeout: 5000 }).toBe(false);
      // The guardian removes it once it sees the end of our pipe.
      await expect.poll(() => workFolders(), { timeout: 3000 }).toEqual([]);
    });
  });

  describe('python engine and a relative TMPDIR', () => {
    it('should read back the compiled file', async () => {
      fake = writeFakeAnecc(workingAnecc);
      const tmp = path.join(path.dirname(fake.src), 'tmp');
      mkdirSync(tmp);
      const saved = process.env['TMPDIR'];
      process.env['TMPDIR'] = path.relative(process.cwd(), tmp);
      try {
        engine = await openOn(transport, fake);
      } finally {
        if (saved === undefined) delete process.env['TMPDIR'];
        else process.env['TMPDIR'] = saved;
      }
      const [outcome] = await engine.convert([request()], 'upstream');
      expect(outcome?.ok).toBe(true);
      expect(outcome?.anec).toBeDefined();
    });
  });
});
