// bin/anecc.cjs runs a plain conversion (either engine, or both) in dist/bundle/fast.cjs alone and
// hands every other command to the full CLI (dist/bundle/anecc.js) before anything was read or printed.
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/corpus.js';
import { anecc, runAnecc } from '../helpers/cli.js';
import { testPythonBin, workingAnecc, writeFakeAnecc } from '../bridge/fake-anecc.js';

const work = mkdtempSync(join(tmpdir(), 'anecc-fast-bundle-'));
const pkg = join(work, 'pkg');
const fullCli = join(pkg, 'dist', 'bundle', 'anecc.js');
const sample = join(repoRoot, 'hwx', 'mul-v5.hwx');

/** The copied package's `anecc`, run from `cwd` with `env` on top of ours (no ANECC_ENGINE). */
async function runCopy(args: readonly string[], env: NodeJS.ProcessEnv = {}, cwd = work) {
  const base: NodeJS.ProcessEnv = { ...process.env };
  delete base['ANECC_ENGINE'];
  const r = await execa('node', [join(pkg, 'bin', 'anecc.cjs'), ...args], { reject: false, timeout: 60_000, cwd, env: { ...base, ...env }, extendEnv: false });
  return { exitCode: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** The full CLI alone (dist/bundle/anecc.js, no fast bundle before it), as the reference. */
async function runFullCli(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const base: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete base['ANECC_ENGINE'];
  const r = await execa('node', [join(repoRoot, 'dist', 'bundle', 'anecc.js'), ...args], { reject: false, timeout: 60_000, cwd: work, env: base, extendEnv: false });
  return { exitCode: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** Runs `body` with the full CLI gone from the copy: only the fast bundle can answer. */
async function withoutFullCli<T>(body: () => Promise<T>): Promise<T> {
  renameSync(fullCli, `${fullCli}.away`);
  try {
    return await body();
  } finally {
    renameSync(`${fullCli}.away`, fullCli);
  }
}

beforeAll(() => {
  for (const part of ['bin', 'dist', 'py', 'patches', 'package.json']) cpSync(join(repoRoot, part), join(pkg, part), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules'), join(pkg, 'node_modules'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the fast bundle', () => {
  it('should convert with the native engine on its own, byte for byte as the full CLI', async () => {
    const args = (out: string) => [sample, '-p', '-n', 'mul', '-o', join(work, out)];
    const full = await runFullCli(['--engine', 'native', ...args('full.anec')]);
    expect(full.exitCode, full.stderr).toBe(0);
    const fast = await withoutFullCli(() => runCopy(['--engine', 'native', ...args('fast.anec')]));
    expect(fast.exitCode, fast.stderr).toBe(0);
    expect(fast.stdout).toBe(full.stdout);
    expect(fast.stderr).toBe(full.stderr.replace('full.anec', 'fast.anec'));
    expect(readFileSync(join(work, 'fast.anec')).equals(readFileSync(join(work, 'full.anec')))).toBe(true);
    const byEnv = await withoutFullCli(() => runCopy([...args('env.anec')], { ANECC_ENGINE: 'native' }));
    expect(byEnv.exitCode, byEnv.stderr).toBe(0);
    expect(readFileSync(join(work, 'env.anec')).equals(readFileSync(join(work, 'full.anec')))).toBe(true);
  });

  it('should print --help and usage errors of plain command lines as the full CLI does', async () => {
    for (const args of [['--help'], [join(work, 'missing.hwx')]]) {
      const full = await runAnecc(args, { cwd: work });
      const fast = await withoutFullCli(() => runCopy(args));
      expect(fast).toEqual(full);
    }
  });

  it('should fall back to native on its own when a Python engine that cannot start is remembered', async () => {
    const env = { PYTHON_BIN: join(work, 'no-python'), ANECC_CACHE_DIR: join(work, 'cache') };
    const first = await runCopy([sample, '-o', join(work, 'first.anec')], env);
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/^anecc: notice: only the native engine ran/);
    const second = await withoutFullCli(() => runCopy([sample, '-o', join(work, 'second.anec')], env));
    expect(second.exitCode, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/^anecc: notice: only the native engine ran.*\(remembered from an earlier run/);
  });

  it('should run the Python engine, alone or beside the native one, as the full CLI does', async () => {
    const fake = writeFakeAnecc(workingAnecc);
    try {
      const env = { PYTHON_BIN: testPythonBin, ANECC_UPSTREAM_SRC: fake.src, ANECC_CACHE_DIR: fake.cacheDir };
      // The fake compiles other bytes than the native engine: alone it writes them (0), beside
      // the native engine the two disagree (3) and nothing is written.
      for (const [engine, status] of [[['--engine', 'python'], 0], [[], 3]] as const) {
        const args = (out: string) => [sample, ...engine, '--profile', 'upstream', '-p', '-n', 'mul', '-o', join(work, out)];
        const written = status === 0;
        if (!written) for (const out of ['full-py.anec', 'fast-py.anec']) rmSync(join(work, out), { force: true });
        const full = await runFullCli(args('full-py.anec'), env);
        const fast = await withoutFullCli(() => runCopy(args('fast-py.anec'), env));
        expect(full.exitCode, full.stderr).toBe(status);
        expect(fast.exitCode, fast.stderr).toBe(status);
        expect(fast.stdout).toBe(full.stdout);
        expect(fast.stderr).toBe(full.stderr.replaceAll('full-py.anec', 'fast-py.anec'));
        if (written) expect(readFileSync(join(work, 'fast-py.anec')).equals(readFileSync(join(work, 'full-py.anec')))).toBe(true);
        else expect([existsSync(join(work, 'fast-py.anec')), existsSync(join(work, 'full-py.anec'))]).toEqual([false, false]);
      }
    } finally {
      fake.remove();
    }
  });

  it('should hand subcommands and the fixes to the full CLI', async () => {
    const cases = [
      ['inspect', sample],
      [sample, '--engine', 'native', '--clean', '-o', join(work, 'x.anec')],
      // The default engine imports the bridge first, then stops at the fixes: before Python starts.
      [sample, '--clean', '-o', join(work, 'x.anec')],
      [sample, '--engine=native', '-o', join(work, 'x.anec')],
    ];
    // An interpreter that leaves a mark when it is started.
    const marker = join(work, 'python-started');
    const python = join(work, 'marking-python');
    writeFileSync(python, `#!/bin/sh\ntouch '${marker}'\nexec '${testPythonBin}' "$@"\n`, { mode: 0o755 });
    for (const args of cases) {
      const r = await withoutFullCli(() => runCopy(args, { PYTHON_BIN: python, ANECC_CACHE_DIR: join(work, 'hand-over-cache') }));
      // Only the full CLI, which is not there, could run these.
      expect(r.stderr, args.join(' ')).toContain('dist/bundle/anecc.js');
    }
    expect(existsSync(marker)).toBe(false);
    // The mark is made when Python does start: a plain conversion with the default engine.
    await withoutFullCli(() => runCopy([sample, '-o', join(work, 'x.anec')], { PYTHON_BIN: python, ANECC_CACHE_DIR: join(work, 'hand-over-cache') }));
    expect(existsSync(marker)).toBe(true);
  });

  it('should leave a piped input unread for the full CLI', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PYTHON_BIN: join(work, 'no-python'), ANECC_CACHE_DIR: join(work, 'pipe-cache') };
    delete env['ANECC_ENGINE'];
    // A real pipe (execa's stdin is a socket, which /dev/stdin cannot open).
    const run = async (bin: string, args: readonly string[], out: string) => {
      const script = 'f="$1" b="$2"; shift 2; cat "$f" | node "$b" "$@"';
      const r = await execa('sh', ['-c', script, 'sh', sample, bin, ...args, '/dev/stdin', '-o', join(work, out)], { reject: false, timeout: 60_000, env, extendEnv: false });
      expect(r.exitCode, String(r.stderr)).toBe(0);
      return readFileSync(join(work, out));
    };
    // The fast bundle stops at the fixes, and the full CLI reads the pipe: as the full CLI alone does.
    const handedOver = await run(anecc, ['--engine', 'native', '--clean'], 'handed-over.anec');
    const fullAlone = await run(join(repoRoot, 'dist', 'bundle', 'anecc.js'), ['--engine', 'native', '--clean'], 'full-alone.anec');
    expect(handedOver.length).toBeGreaterThan(0x1000);
    expect(handedOver.equals(fullAlone)).toBe(true);
  });

  it("should compile with the build's code cache, and without it when the cache is another build's or broken", async () => {
    const cacheFile = join(pkg, 'dist', 'bundle', 'fast.cjs.cache');
    const original = readFileSync(cacheFile);
    // What V8 made of the cache: true rejected, false used, undefined none was given.
    const cacheUse = async (): Promise<unknown> => {
      const probe = 'const { script } = require(process.argv[1]).loadFast(); process.stdout.write(JSON.stringify({ rejected: script.cachedDataRejected ?? null }))';
      const r = await execa('node', ['-e', probe, join(pkg, 'bin', 'anecc.cjs')], { reject: false });
      expect(r.exitCode, String(r.stderr)).toBe(0);
      return (JSON.parse(String(r.stdout)) as { rejected: boolean | null }).rejected;
    };
    const converts = async (out: string): Promise<void> => {
      const r = await runCopy(['--engine', 'native', sample, '-n', 'mul', '-o', join(work, out)]);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(readFileSync(join(work, out)).equals(readFileSync(join(work, 'full.anec')))).toBe(true);
    };
    await runAnecc(['--engine', 'native', sample, '-p', '-n', 'mul', '-o', join(work, 'full.anec')], { cwd: work });
    try {
      expect(await cacheUse()).toBe(false);
      const otherBuild = Buffer.from(original);
      otherBuild[0] = otherBuild[0] === 0x30 ? 0x31 : 0x30;
      writeFileSync(cacheFile, otherBuild);
      expect(await cacheUse()).toBe(null);
      await converts('other-build.anec');
      writeFileSync(cacheFile, Buffer.concat([original.subarray(0, 65), Buffer.alloc(4096, 0x5a)]));
      expect(await cacheUse()).toBe(true);
      await converts('broken-cache.anec');
    } finally {
      writeFileSync(cacheFile, original);
    }
  });
});
