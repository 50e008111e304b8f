import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { runAnecc } from '../helpers/cli.js';
import { corpusFiles, corpusSkipReason } from '../../support/corpus.js';

const work = mkdtempSync(join(tmpdir(), 'anecc-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const native = ['--profile', 'upstream', '--engine', 'native'];

describe('usage errors', () => {
  it('should exit 2 with click-style text when PATH is missing', async () => {
    const r = await runAnecc([]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe("Usage: anecc [OPTIONS] PATH\nTry 'anecc --help' for help.\n\nError: Missing argument 'PATH'.");
  });

  it('should exit 2 when PATH does not exist', async () => {
    const r = await runAnecc(['no-such.hwx']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("Error: Invalid value for 'PATH': Path 'no-such.hwx' does not exist.");
  });

  it('should exit 2 naming a bad --profile value and the choices', async () => {
    const r = await runAnecc([join(work), '--profile', 'patch']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/'patch' is invalid.*patched, upstream/);
  });

  it('should word common usage errors as click does', async () => {
    const file = join(work, 'usage.hwx');
    writeFileSync(file, '');
    for (const [args, message] of [
      [[file, 'extra'], 'Error: Got unexpected extra argument (extra)'],
      [[file, '-n'], "Error: Option '-n' requires an argument."],
      [[file, '--bogus'], 'Error: No such option: --bogus'],
    ] as const) {
      const r = await runAnecc(args);
      expect(r.exitCode).toBe(2);
      expect(r.stderr.split('\n').at(-1)).toBe(message);
    }
  });

  it('should print help and exit 0', async () => {
    const r = await runAnecc(['--help']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Usage: anecc [OPTIONS] PATH');
    expect(r.stdout).toContain('-o, --out <TEXT>');
  });
});

const skip = corpusSkipReason();
if (skip) console.warn(`skipped: ${skip}`);

describe.skipIf(skip !== undefined)('conversion of the corpus', () => {
  const mul = () => corpusFiles().find((f) => f.name === 'mul.hwx')!;

  it('should write the golden bytes with -o and log like upstream', async () => {
    const out = join(work, 'mul-o.anec');
    const r = await runAnecc([mul().path, ...native, '-o', out]);
    expect(r.exitCode).toBe(0);
    expect(readFileSync(out).equals(readFileSync(mul().golden!))).toBe(true);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'anecc::info: found input 1/2: (1, 64, 1, 1)',
        'anecc::info: found input 2/2: (1, 64, 1, 1)',
        'anecc::info: found output 1/1: (1, 64, 1, 1)',
        `anecc::info: compiled anec to: ${out}`,
      ].join('\n'),
    );
  });

  it('should print the struct with -p and write nothing', async () => {
    const r = await runAnecc([mul().path, ...native, '-p'], { cwd: work });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('static const struct anec anec_mul = {\n\t.size = 0x4280,');
    expect(r.stdout).toContain('\t.nchw[6] = {1, 64, 1, 1, 0x40, 0x40}, /* src1 */\n};');
    expect(readdirSync(work).filter((f) => f.endsWith('.anec') && f.startsWith('mul.'))).toEqual([]);
  });

  it('should write <name>.anec in the working directory with -w, and honour -n', async () => {
    const dir = mkdtempSync(join(work, 'w-'));
    const r1 = await runAnecc([mul().path, ...native, '-w'], { cwd: dir });
    expect(r1.exitCode).toBe(0);
    expect(r1.stderr).toContain('compiled anec to: mul.anec');
    expect(readFileSync(join(dir, 'mul.anec')).equals(readFileSync(mul().golden!))).toBe(true);
    const r2 = await runAnecc([mul().path, ...native, '-w', '-p', '-n', 'net'], { cwd: dir });
    expect(r2.exitCode).toBe(0);
    expect(r2.stdout).toContain('anec_net = {');
    expect(existsSync(join(dir, 'net.anec'))).toBe(true);
  });

  it('should fail on a v9 file like upstream: exit 1, one line naming the file, no output file', async () => {
    const v9 = corpusFiles().find((f) => f.name === 'mul_macos26_m1.hwx')!;
    const out = join(work, 'v9.anec');
    const r = await runAnecc([v9.path, ...native, '-o', out]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(v9.path);
    expect(r.stderr).toContain('StopIteration');
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
    expect(existsSync(out)).toBe(false);
  });

  it('should leave no file behind when the output cannot be written', async () => {
    const out = join(work, 'no-such-dir', 'x.anec');
    const r = await runAnecc([mul().path, ...native, '-o', out]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`cannot write ${out}: its folder does not exist`);
    expect(existsSync(join(work, 'no-such-dir'))).toBe(false);
  });

  it('should keep an existing output intact when the conversion fails', async () => {
    const out = join(work, 'keep.anec');
    writeFileSync(out, 'previous');
    const bad = join(work, 'bad.hwx');
    writeFileSync(bad, Buffer.alloc(64));
    const r = await runAnecc([bad, ...native, '-o', out]);
    expect(r.exitCode).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe('previous');
    expect(readdirSync(work).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  // `toString` is no subcommand, but it is a property of every object.
  for (const name of ['diff', 'doctor', 'check', 'retarget', 'toString']) {
    it(`should convert a file literally named ${name}`, async () => {
      const dir = mkdtempSync(join(work, 'sub-'));
      copyFileSync(mul().path, join(dir, name));
      const r = await runAnecc([name, ...native, '-w'], { cwd: dir });
      expect(r.exitCode, r.stderr).toBe(0);
      expect(readFileSync(join(dir, `${name}.anec`)).equals(readFileSync(mul().golden!))).toBe(true);
    });
  }

  it('should write through a symbolic link and keep an existing file\'s mode, as upstream\'s open() does', async () => {
    const dir = mkdtempSync(join(work, 'link-'));
    writeFileSync(join(dir, 'real.anec'), 'old');
    chmodSync(join(dir, 'real.anec'), 0o600);
    symlinkSync('real.anec', join(dir, 'link.anec'));
    const r = await runAnecc([mul().path, ...native, '-o', join(dir, 'link.anec')]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(lstatSync(join(dir, 'link.anec')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real.anec')).equals(readFileSync(mul().golden!))).toBe(true);
    expect(statSync(join(dir, 'real.anec')).mode & 0o777).toBe(0o600);
  });

  it('should convert an input that can be read only once (a FIFO)', async () => {
    const fifo = join(mkdtempSync(join(work, 'fifo-')), 'mul.hwx');
    execFileSync('mkfifo', [fifo]);
    const out = join(work, 'fifo.anec');
    const writer = execa('sh', ['-c', 'cat "$1" > "$2"', 'sh', mul().path, fifo]);
    const r = await runAnecc([fifo, ...native, '-o', out]);
    await writer;
    expect(r.exitCode, r.stderr).toBe(0);
    expect(readFileSync(out).equals(readFileSync(mul().golden!))).toBe(true);
  });

  it('should say clearly that a directory is not an HWX file', async () => {
    const r = await runAnecc([work, ...native]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('is a directory');
  });
});
