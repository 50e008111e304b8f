// The compiled code py/anecc_serve.py keeps in the cache folder (bytecode/): used when it holds the
// very source it was compiled from, never otherwise, whatever the file's mtime; anything wrong with
// the folder costs only the compile; and no __pycache__ lands beside any source.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openPythonEngine } from '../../src/bridge/index.js';
import type { PythonEngine } from '../../src/bridge/index.js';
import { serveLauncherPath } from '../../src/bridge/options.js';
import { convertRequest } from '../../support/requests.js';
import { testPythonBin, workingAnecc, writeFakeAnecc } from './fake-anecc.js';
import type { FakeAnecc } from './fake-anecc.js';

let fake: FakeAnecc | undefined;
let engine: PythonEngine | undefined;

afterEach(async () => {
  await engine?.close();
  engine = undefined;
  fake?.remove();
  fake = undefined;
});

/** The name one conversion of the fake package gives its model, through a fresh engine. */
async function convertedName(f: FakeAnecc): Promise<string | undefined> {
  engine = await openPythonEngine({ transport: 'pipe', pythonBin: testPythonBin, upstreamSrc: f.src, patchesDir: f.patchesDir, cacheDir: f.cacheDir });
  const [outcome] = await engine.convert([convertRequest('model.hwx', { name: undefined })], 'upstream');
  await engine.close();
  engine = undefined;
  expect(outcome?.ok, JSON.stringify(outcome?.error)).toBe(true);
  return outcome?.name;
}

const bytecodeFolder = (f: FakeAnecc): string => path.join(f.cacheDir, 'bytecode');
const sourceFile = (f: FakeAnecc): string => path.join(f.src, 'anecc', '__init__.py');

/** Rewrites the fake package's source with `from` replaced by `to` (same length), keeping its mtime. */
function editInPlace(f: FakeAnecc, from: string, to: string): void {
  expect(to).toHaveLength(from.length);
  const file = sourceFile(f);
  const { atime, mtime, size } = statSync(file);
  writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
  utimesSync(file, atime, mtime);
  expect(statSync(file).size).toBe(size);
  expect(statSync(file).mtime).toEqual(mtime);
}

function pycacheFolders(root: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (entry.isDirectory() && entry.name === '__pycache__') found.push(path.join(entry.parentPath, entry.name));
  }
  return found;
}

describe('compiled code in the cache folder', () => {
  it('should keep the bridge and anecc compiled, and nothing beside their sources', async () => {
    fake = writeFakeAnecc(workingAnecc);
    expect(await convertedName(fake)).toBe('fake');
    // One file for the bridge, one for the package.
    expect(readdirSync(bytecodeFolder(fake)).filter((name) => name.endsWith('.bin'))).toHaveLength(2);
    const before = readdirSync(bytecodeFolder(fake)).map((name) => statSync(path.join(bytecodeFolder(fake!), name)).mtimeMs);
    expect(await convertedName(fake)).toBe('fake');
    // Used, not written again.
    expect(readdirSync(bytecodeFolder(fake)).map((name) => statSync(path.join(bytecodeFolder(fake!), name)).mtimeMs)).toEqual(before);
    expect(pycacheFolders(fake.src)).toEqual([]);
    expect(pycacheFolders(path.dirname(serveLauncherPath))).toEqual([]);
  });

  it('should never run old code for an edited source, even one of the same size and mtime', async () => {
    fake = writeFakeAnecc(workingAnecc);
    expect(await convertedName(fake)).toBe('fake');
    editInPlace(fake, 'name or "fake"', 'name or "edit"');
    expect(await convertedName(fake)).toBe('edit');
  });

  it('should compile again over a damaged file, and convert where the folder cannot be made', async () => {
    fake = writeFakeAnecc(workingAnecc);
    expect(await convertedName(fake)).toBe('fake');
    for (const name of readdirSync(bytecodeFolder(fake))) writeFileSync(path.join(bytecodeFolder(fake), name), 'not marshal data');
    expect(await convertedName(fake)).toBe('fake');
    // Written again, whole.
    for (const name of readdirSync(bytecodeFolder(fake))) expect(readFileSync(path.join(bytecodeFolder(fake), name)).length).toBeGreaterThan(100);
    rmSync(bytecodeFolder(fake), { recursive: true });
    writeFileSync(bytecodeFolder(fake), 'a file where the folder would be');
    expect(await convertedName(fake)).toBe('fake');
  });

  it('should keep apart code compiled with asserts stripped, and code compiled at another path', () => {
    fake = writeFakeAnecc(workingAnecc);
    const [first, second] = ['a', 'b'].map((name) => {
      mkdirSync(path.join(fake!.src, name));
      const file = path.join(fake!.src, name, 'm.py');
      writeFileSync(file, 'assert False, "checked"\n');
      return file;
    });
    // Prints what running `file`'s code does: "ran", or the file its AssertionError names.
    const script = [
      'import os, sys, traceback',
      'sys.path.insert(0, os.path.dirname(sys.argv[1]))',
      'import anecc_serve',
      'try:',
      '    exec(anecc_serve.code_of(sys.argv[2], sys.argv[3]), {})',
      '    print("ran")',
      'except AssertionError as e:',
      '    print(traceback.extract_tb(e.__traceback__)[-1].filename)',
    ].join('\n');
    const run = (file: string, optimize: boolean): string =>
      execFileSync(testPythonBin, [...(optimize ? ['-O'] : []), '-c', script, serveLauncherPath, file, bytecodeFolder(fake!)], {
        encoding: 'utf8',
        env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
      }).trim();
    expect(run(first!, true)).toBe('ran');
    expect(run(first!, false)).toBe(first);
    expect(run(second!, false)).toBe(second);
    expect(run(first!, true)).toBe('ran');
    expect(readdirSync(bytecodeFolder(fake))).toHaveLength(3);
  });

  it('should keep only the newest 32 files', () => {
    fake = writeFakeAnecc(workingAnecc);
    const sources = path.join(fake.src, 'many');
    mkdirSync(sources);
    const script = [
      'import os, sys',
      'sys.path.insert(0, os.path.dirname(sys.argv[1]))',
      'import anecc_serve',
      'for i in range(40):',
      '    p = os.path.join(sys.argv[2], "m%d.py" % i)',
      '    open(p, "w").write("x = %d\\n" % i)',
      '    ns = {}',
      '    exec(anecc_serve.code_of(p, sys.argv[3]), ns)',
      '    assert ns["x"] == i',
    ].join('\n');
    execFileSync(testPythonBin, ['-c', script, serveLauncherPath, sources, bytecodeFolder(fake)], { env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
    expect(readdirSync(bytecodeFolder(fake))).toHaveLength(32);
    expect(existsSync(path.join(path.dirname(serveLauncherPath), '__pycache__'))).toBe(false);
  });
});
