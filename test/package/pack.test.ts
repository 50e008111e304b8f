// The package as a user gets it: packed from a clean copy of the sources (prepack empties dist/,
// then prepare builds it),
// installed into a temporary prefix, run from another folder, and imported by a fresh ESM
// TypeScript project under each module resolution users pick.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pythonEngineAvailability } from '../../src/bridge/index.js';
import { runAnecc } from '../helpers/cli.js';
import { corpusDir, corpusSkipReason, repoRoot } from '../../support/corpus.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const gitFiles = (() => {
  try {
    const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' });
    return listed.split('\0').filter((f) => f !== '');
  } catch {
    return undefined;
  }
})();
const skip = gitFiles === undefined ? 'not a git checkout: the package test copies the tracked files' : corpusSkipReason();
if (skip) console.warn(`skipped: package test: ${skip}`);

const work = mkdtempSync(path.join(tmpdir(), 'anecc-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const prefix = path.join(work, 'prefix');
const elsewhere = path.join(work, 'elsewhere');
const installed = path.join(prefix, 'bin', 'anecc');
let tarball = '';
let clone = '';
let packedFiles: string[] = [];

/** A clone as `git clone` gives it (plus uncommitted work), with this checkout's dependencies. */
function cleanCopy(): string {
  const copy = path.join(work, 'clone');
  for (const file of gitFiles ?? []) {
    mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    cpSync(path.join(repoRoot, file), path.join(copy, file), { verbatimSymlinks: true });
  }
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(copy, 'node_modules'));
  return copy;
}

const noPython = path.join(work, 'no-python');
const withoutPython = { ...process.env, PYTHON_BIN: noPython };
const availability = await pythonEngineAvailability();
const pythonSkip = availability.available ? undefined : `upstream anecc is not importable (${availability.message}): the installed Python engine is not run`;
if (pythonSkip) console.warn(`skipped: ${pythonSkip}`);

describe.skipIf(skip !== undefined)('the packed package', () => {
  beforeAll(async () => {
    clone = cleanCopy();
    const out = path.join(work, 'out');
    mkdirSync(out);
    mkdirSync(elsewhere);
    const packed = await execa(npm, ['pack', '--json', '--pack-destination', out], { cwd: clone });
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(out, info!.filename);
    packedFiles = info!.files.map((f) => f.path);
    // The tarball's own dependencies come from the npm cache when they are there.
    await execa(npm, ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball]);
  }, 600_000);

  it('should hold the built library, the CLI, the Python side and the licence, and no source maps', () => {
    for (const file of ['dist/index.js', 'dist/index.d.ts', 'dist/testing.js', 'dist/testing.d.ts', 'bin/anecc.cjs', 'py/anecc_bridge.py', 'py/anecc_serve.py', 'patches/series', 'LICENSE', 'README.md']) {
      expect(packedFiles).toContain(file);
    }
    expect(packedFiles.filter((f) => f.endsWith('.map') || f.startsWith('src/') || f.startsWith('test/') || f === 'dist/.built')).toEqual([]);
  });

  it('should convert mul.hwx to exactly mul.ane from another folder with the native engine', async () => {
    const golden = readFileSync(path.join(corpusDir()!, 'mul.ane'));
    const r = await execa(installed, [path.join(corpusDir()!, 'mul.hwx'), '-o', 'native.anec'], { cwd: elsewhere, env: withoutPython, reject: false });
    expect(r.exitCode).toBe(0);
    // Without Python, the default engine says once that it ran natively.
    expect(r.stderr.split('\n').filter((l) => l.startsWith('anecc: notice:'))).toHaveLength(1);
    expect(readFileSync(path.join(elsewhere, 'native.anec')).equals(golden)).toBe(true);
  });

  it.skipIf(pythonSkip !== undefined)('should convert mul.hwx to exactly mul.ane with the Python engine, finding py/ and patches/ where it is installed', async () => {
    const golden = readFileSync(path.join(corpusDir()!, 'mul.ane'));
    for (const engine of ['python', 'both']) {
      const r = await execa(installed, [path.join(corpusDir()!, 'mul.hwx'), '-o', `${engine}.anec`, '--engine', engine], { cwd: elsewhere, reject: false });
      expect({ engine, exitCode: r.exitCode, stderr: r.stderr }).toMatchObject({ engine, exitCode: 0 });
      expect(readFileSync(path.join(elsewhere, `${engine}.anec`)).equals(golden)).toBe(true);
    }
  });

  it('should install from the clone itself with npm install -g ., building dist/ there', async () => {
    rmSync(path.join(clone, 'dist'), { recursive: true, force: true });
    const linkedPrefix = path.join(work, 'prefix-linked');
    await execa(npm, ['install', '--global', '--prefix', linkedPrefix, '--no-audit', '--no-fund', '.'], { cwd: clone });
    const golden = readFileSync(path.join(corpusDir()!, 'mul.ane'));
    const r = await execa(path.join(linkedPrefix, 'bin', 'anecc'), [path.join(corpusDir()!, 'mul.hwx'), '-o', 'linked.anec', '--engine', 'native'], { cwd: elsewhere, reject: false });
    expect(r.exitCode).toBe(0);
    expect(readFileSync(path.join(elsewhere, 'linked.anec')).equals(golden)).toBe(true);
  }, 300_000);

  it('should install from a git URL into a project, building dist/ in the clone npm makes', async () => {
    // A repository of the sources as committed, without dist/ or node_modules.
    const repo = path.join(work, 'repo');
    for (const file of gitFiles ?? []) {
      mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
      cpSync(path.join(repoRoot, file), path.join(repo, file), { verbatimSymlinks: true });
    }
    const git = (...args: string[]) => execa('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', ...args], { cwd: repo });
    await git('init', '-q');
    await git('add', '-A');
    await git('commit', '-q', '-m', 'sources');
    const project = path.join(work, 'git-consumer');
    mkdirSync(project);
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'git-consumer', private: true }));
    await execa(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', `git+file://${repo}`], { cwd: project });
    const golden = readFileSync(path.join(corpusDir()!, 'mul.ane'));
    const r = await execa(path.join(project, 'node_modules', '.bin', 'anecc'), [path.join(corpusDir()!, 'mul.hwx'), '-o', 'git.anec', '--engine', 'native'], { cwd: elsewhere, reject: false });
    expect(r.exitCode).toBe(0);
    expect(readFileSync(path.join(elsewhere, 'git.anec')).equals(golden)).toBe(true);
  }, 600_000);

  it('should print the same -p text and inspect output as the checkout does', async () => {
    const hwx = path.join(corpusDir()!, 'mul.hwx');
    for (const args of [[hwx, '-p', '--engine', 'native'], ['inspect', hwx], ['--version']]) {
      const theirs = await runAnecc(args, { env: withoutPython });
      const ours = await execa(installed, args, { cwd: elsewhere, env: withoutPython, reject: false });
      expect({ args, exitCode: ours.exitCode, stdout: ours.stdout }).toEqual({ args, exitCode: theirs.exitCode, stdout: theirs.stdout });
    }
  });

  describe('imported from a fresh ESM TypeScript project', () => {
    const project = path.join(work, 'consumer');
    const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const sample = `import { convert } from 'anecc';
import { writeHwx, type HwxDescription } from 'anecc/testing';
import { writeFileSync } from 'node:fs';

const describe: ((d: HwxDescription) => Uint8Array) = writeHwx;
void describe;
const result = await convert({ path: 'mul.hwx' });
if (!result.ok) throw new Error(\`\${result.path}: \${result.failure.kind}\`);
writeFileSync('converted.anec', result.anec);
console.log(result.notices.map((n) => n.level).join(','));
`;

    beforeAll(async () => {
      mkdirSync(path.join(project, 'node_modules', '@types'), { recursive: true });
      writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
      await execa(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-save', tarball], { cwd: project });
      symlinkSync(path.join(repoRoot, 'node_modules', '@types', 'node'), path.join(project, 'node_modules', '@types', 'node'));
      writeFileSync(path.join(project, 'main.ts'), sample);
      cpSync(path.join(corpusDir()!, 'mul.hwx'), path.join(project, 'mul.hwx'));
    }, 300_000);

    const configs = {
      node16: { module: 'node16', moduleResolution: 'node16' },
      bundler: { module: 'esnext', moduleResolution: 'bundler' },
      // The pre-exports resolution finds the package through `types` and `typesVersions`; zod's own
      // declarations need esModuleInterop there, which is zod's business, so libraries go unchecked.
      node10: { module: 'esnext', moduleResolution: 'node', skipLibCheck: true },
    };
    for (const [name, resolution] of Object.entries(configs)) {
      it(`should type-check with moduleResolution ${resolution.moduleResolution}`, async () => {
        const config = { compilerOptions: { target: 'es2022', strict: true, skipLibCheck: false, types: ['node'], outDir: `out-${name}`, ...resolution }, files: ['main.ts'] };
        writeFileSync(path.join(project, `tsconfig.${name}.json`), JSON.stringify(config));
        // node16 also emits: the tests below run what it compiled.
        const r = await execa('node', [tsc, '-p', `tsconfig.${name}.json`, ...(name === 'node16' ? [] : ['--noEmit'])], { cwd: project, reject: false });
        expect(r.stdout).toBe('');
        expect(r.exitCode).toBe(0);
      }, 180_000);
    }

    it('should return the golden bytes from the minimal convert({ path }) call', async () => {
      const r = await execa('node', ['out-node16/main.js'], { cwd: project, env: withoutPython });
      expect(r.stdout).toBe('notice');
      expect(readFileSync(path.join(project, 'converted.anec')).equals(readFileSync(path.join(corpusDir()!, 'mul.ane')))).toBe(true);
    }, 180_000);

    it.skipIf(pythonSkip !== undefined)('should compare both engines by default when upstream is importable, and still return the golden bytes', async () => {
      rmSync(path.join(project, 'converted.anec'), { force: true });
      const r = await execa('node', ['out-node16/main.js'], { cwd: project });
      expect(r.stdout).toBe('');
      expect(readFileSync(path.join(project, 'converted.anec')).equals(readFileSync(path.join(corpusDir()!, 'mul.ane')))).toBe(true);
    }, 180_000);
  });
});
