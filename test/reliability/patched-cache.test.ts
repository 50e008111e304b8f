// Items 4 and 5: the cached patched copy is verified on use (rebuilt with a notice when it
// changed), and a cache folder that cannot be one makes the Python engine unusable, by name,
// without spinning.
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PatchError, preparePatchedCopy, pythonEngineAvailability } from '../../src/bridge/index.js';
import { ensureCacheFolderSync } from '../../src/bridge/cache-folder.js';
import { testPythonBin, workingAnecc, writeFakeAnecc } from '../bridge/fake-anecc.js';
import { runAnecc } from '../helpers/cli.js';
import { repoRoot } from '../../support/corpus.js';

const work = mkdtempSync(join(tmpdir(), 'anecc-cache-'));
const fake = writeFakeAnecc(workingAnecc);
afterAll(() => {
  fake.remove();
  rmSync(work, { recursive: true, force: true });
});
const sample = join(repoRoot, 'hwx', 'mul-v5.hwx');

describe('the cached patched copy is verified on use (item 4)', () => {
  const options = { upstreamPackageDir: join(fake.src, 'anecc'), patchesDir: fake.patchesDir, cacheDir: join(work, 'cache') };

  it.each([
    ['edited in place, same size', (file: string) => writeFileSync(file, readFileSync(file, 'utf8').replace('nchw[24:30] = [1,', 'nchw[24:30] = [7,'))],
    ['truncated', (file: string) => truncateSync(file, 10)],
    ['grown', (file: string) => appendFileSync(file, '\nraise SystemExit\n')],
    ['removed', (file: string) => rmSync(file)],
  ])('is rebuilt, with the reason, when a file was %s', async (_, change) => {
    const first = await preparePatchedCopy(options);
    const file = join(first.dir, 'anecc', '__init__.py');
    const made = readFileSync(file);
    expect(first.rebuilt).toBeUndefined();
    change(file);
    const second = await preparePatchedCopy(options);
    expect(second.dir).toBe(first.dir);
    expect(second.rebuilt).toMatch(/^anecc\/__init__\.py (was changed|is \d+ bytes, made as \d+|is missing)/);
    expect(readFileSync(file)).toEqual(made);
    expect((await preparePatchedCopy(options)).rebuilt).toBeUndefined();
  });

  it('is rebuilt when a file was added to it', async () => {
    const first = await preparePatchedCopy(options);
    writeFileSync(join(first.dir, 'anecc', 'sneaky.py'), 'x = 1\n');
    const second = await preparePatchedCopy(options);
    expect(second.rebuilt).toBe('anecc/sneaky.py was added');
    expect(existsSync(join(first.dir, 'anecc', 'sneaky.py'))).toBe(false);
  });
});

describe('an unusable cache folder (item 5)', () => {
  const regularFile = join(work, 'a-file');
  writeFileSync(regularFile, 'x');
  const within = <T>(ms: number, work: Promise<T>): Promise<T> =>
    Promise.race([work, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms))]);

  it.each([
    ['/proc/cache', /cannot create \/proc\/cache \(ENOENT\)/],
    [regularFile, /a-file is not a folder/],
    ['/dev/null', /\/dev\/null is not a folder/],
    [join(regularFile, 'below'), /a-file is not a folder/],
  ])('%s is refused by name, at once', async (dir, why) => {
    const error = await within(5000, Promise.resolve().then(() => ensureCacheFolderSync(dir)).then(() => undefined, (e: unknown) => e));
    expect(error).toBeInstanceOf(PatchError);
    expect((error as PatchError).code).toBe('cache_unusable');
    expect((error as PatchError).message).toMatch(why);
    expect((error as PatchError).message).toContain(`the cache folder ${dir} cannot be used`);
  });

  it('makes missing levels one by one', async () => {
    const deep = join(work, 'x', 'y', 'z');
    ensureCacheFolderSync(deep);
    expect(existsSync(deep)).toBe(true);
  });

  const env = (cacheDir: string) => ({ ...process.env, PYTHON_BIN: testPythonBin, ANECC_UPSTREAM_SRC: fake.src, ANECC_CACHE_DIR: cacheDir });
  it.each(['/proc/cache', '/dev/null'])('ANECC_CACHE_DIR=%s: the default engine falls back with one notice naming it', async (dir) => {
    const out = join(work, 'fallback.anec');
    const r = await runAnecc([sample, '-o', out], { env: env(dir), timeout: 20_000 });
    expect(r.exitCode).toBe(0);
    const notices = r.stderr.split('\n').filter((l) => l.startsWith('anecc: notice:'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(`the cache folder ${dir} cannot be used`);
    expect(existsSync(out)).toBe(true);
  });

  it.each(['python', 'both'])('ANECC_CACHE_DIR=/proc/cache: --engine %s exits 1 naming it', async (engine) => {
    const r = await runAnecc([sample, '--engine', engine, '-o', join(work, 'no.anec')], { env: env('/proc/cache'), timeout: 20_000 });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^anecc: error: .*mul-v5\.hwx: the patched copy of upstream cannot be kept: the cache folder \/proc\/cache cannot be used/);
    expect(r.stderr).not.toContain('internal error');
  });
});

const live = await pythonEngineAvailability();
const liveSkip = live.available ? undefined : `upstream anecc not importable (${live.message}): live cache verification skipped`;
if (liveSkip) console.warn(liveSkip);

describe.skipIf(liveSkip !== undefined)('with the real upstream (item 4)', () => {
  it('an edited cached copy is rebuilt with a notice; --engine python then writes the right bytes, and doctor says so', async () => {
    const cacheDir = join(work, 'live-cache');
    const liveEnv = { ...process.env, ANECC_CACHE_DIR: cacheDir };
    const good = join(work, 'good.anec');
    expect((await runAnecc([sample, '--engine', 'native', '-o', good])).exitCode).toBe(0);
    expect((await runAnecc([sample, '--engine', 'python', '-o', join(work, 'first.anec')], { env: liveEnv })).exitCode).toBe(0);
    const { readdirSync } = await import('node:fs');
    // The patched copy's folder (beside it: bytecode/, the compiled code).
    const [key] = readdirSync(cacheDir).filter((n) => existsSync(join(cacheDir, n, 'manifest.json')));
    const init = join(cacheDir, key!, 'anecc', '__init__.py');
    const text = readFileSync(init, 'utf8');
    const edited = text.replace(/tiles\[0\]\s*=\s*/, (m) => `${m}1 + `);
    expect(edited).not.toBe(text);
    writeFileSync(init, edited);
    const out = join(work, 'after-edit.anec');
    const r = await runAnecc([sample, '--engine', 'python', '-o', out], { env: liveEnv });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/^anecc: notice: the cached patched copy of upstream had changed since it was made \(anecc\/__init__\.py (was changed|is \d+ bytes)/m);
    expect(readFileSync(out)).toEqual(readFileSync(good));
    writeFileSync(init, edited);
    const doctor = await runAnecc(['doctor', '--json'], { env: liveEnv });
    expect(JSON.parse(doctor.stdout).patches.rebuilt).toMatch(/anecc\/__init__\.py (was changed|is \d+ bytes)/);
  });
});
