// The library's convert({ path }): the CLI's defaults, results as data, atomic writes.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convert } from '../src/api.js';
import { ConvertSetupError, OptionsError } from '../src/convert/index.js';
import { corpusDir, corpusSkipReason, repoRoot } from '../support/corpus.js';

const skip = corpusSkipReason();
if (skip) console.warn(`skipped: library API on the corpus: ${skip}`);

const work = mkdtempSync(path.join(tmpdir(), 'anecc-api-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const sample = path.join(repoRoot, 'hwx', 'mul-v5.hwx');

// The Python engine is made unusable so the default engine choice is the same everywhere.
const noPython = { PYTHON_BIN: path.join(work, 'no-python') };
async function withEnv<T>(env: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await run();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe.skipIf(skip !== undefined)('convert({ path }) on the corpus', () => {
  it("should fill the CLI's defaults and return upstream's bytes, logs and a notice as data", async () => {
    const result = await withEnv(noPython, () => convert({ path: path.join(corpusDir()!, 'mul.hwx') }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Buffer.from(result.anec).equals(readFileSync(path.join(corpusDir()!, 'mul.ane')))).toBe(true);
    expect(result).toMatchObject({ name: 'mul', profile: 'patched', engines: ['native'], printed: '', outputPath: undefined, failure: undefined });
    expect(result.logs.map((l) => l.message)).toEqual(['found input 1/2: (1, 64, 1, 1)', 'found input 2/2: (1, 64, 1, 1)', 'found output 1/1: (1, 64, 1, 1)']);
    expect(result.notices).toHaveLength(1);
    expect(result.notices[0]!.level).toBe('notice');
    expect(result.notices[0]!.message).toMatch(/^only the native engine ran/);
  });

  it('should report a file upstream cannot convert as ok: false with its Python exception, writing nothing', async () => {
    const out = path.join(work, 'v9.anec');
    const result = await convert({ path: path.join(corpusDir()!, 'mul_macos26_m1.hwx'), profile: 'upstream', engine: 'native', out });
    expect(result.ok).toBe(false);
    expect(result.failure).toEqual({ kind: 'engine', error: expect.objectContaining({ type: 'StopIteration' }) });
    expect(result.anec).toBeUndefined();
    expect(existsSync(out)).toBe(false);
  });
});

describe('convert({ path }) options', () => {
  it('should write out atomically, replacing an existing file, and say where', async () => {
    const out = path.join(work, 'written.anec');
    writeFileSync(out, 'old');
    const result = await convert({ path: sample, engine: 'native', out, print: true });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.outputPath).toBe(out);
    expect(readFileSync(out).equals(Buffer.from(result.anec))).toBe(true);
    expect(result.printed).toContain('static const struct anec anec_mul-v5 = {');
  });

  it('should write <name>.anec in the working folder with write, as -w does', async () => {
    const cwd = process.cwd();
    process.chdir(work);
    try {
      const result = await convert({ path: sample, engine: 'native', write: true, name: 'named' });
      expect(result.outputPath).toBe('named.anec');
      expect(existsSync(path.join(work, 'named.anec'))).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });

  it('should throw OptionsError naming a bad profile, as --profile does', async () => {
    // A JavaScript caller can pass anything.
    const bad = { path: sample, profile: 'patch' } as unknown as Parameters<typeof convert>[0];
    await expect(convert(bad)).rejects.toThrow(OptionsError);
    await expect(convert(bad)).rejects.toThrow('--profile: expected "patched" or "upstream", got "patch"');
  });

  it('should throw ConvertSetupError with a code for an unreadable input and an unwritable output', async () => {
    await expect(convert({ path: path.join(work, 'missing.hwx'), engine: 'native' })).rejects.toMatchObject({ code: 'input_unreadable' });
    const error = await convert({ path: sample, engine: 'native', out: path.join(work, 'no-such-folder', 'x.anec') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConvertSetupError);
    const out = path.join(work, 'no-such-folder', 'x.anec');
    // Worded as the CLI words it.
    expect(error).toMatchObject({ code: 'output_unwritable', message: `cannot write ${out}: its folder does not exist` });
  });
});
