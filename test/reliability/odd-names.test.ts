// Item 7: input file names that are not valid UTF-8 convert as upstream converts them: same
// output name (raw bytes), same -p struct name, same log line.
import { execa } from 'execa';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { pythonEngineAvailability } from '../../src/bridge/index.js';
import { recoverRawArguments } from '../../src/cli/raw-argv.js';
import { decodeEscaped, encodeEscaped } from '../../src/names/escaped-bytes.js';
import { anecc } from '../helpers/cli.js';
import { repoRoot } from '../../support/corpus.js';

const work = mkdtempSync(join(tmpdir(), 'anecc-names-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const sample = join(repoRoot, 'hwx', 'mul-v5.hwx');

describe('surrogateescape, as Python does it', () => {
  it('round-trips any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => encodeEscaped(decodeEscaped(bytes)).equals(Buffer.from(bytes))));
  });

  it('decodes valid UTF-8 as text and escapes the rest byte by byte', () => {
    expect(decodeEscaped(Buffer.from('bad\xffnamé', 'latin1'))).toBe('bad\udcffnam\udce9');
    expect(decodeEscaped(Buffer.from('namé', 'utf8'))).toBe('namé');
    expect(decodeEscaped(Buffer.from([0xed, 0xa0, 0x80]))).toBe('\udced\udca0\udc80');
  });

  it('takes the raw bytes only for arguments Node decoded lossily', () => {
    const cmdline = join(work, 'cmdline');
    writeFileSync(cmdline, Buffer.concat([Buffer.from('node\0/x/anecc.js\0'), Buffer.from('bad\xffname.hwx', 'latin1'), Buffer.from('\0-w\0')]));
    expect(recoverRawArguments(['bad\ufffdname.hwx', '-w'], cmdline)).toEqual(['bad\udcffname.hwx', '-w']);
    expect(recoverRawArguments(['other\ufffd', '-w'], cmdline)).toEqual(['other\ufffd', '-w']);
  });
});

/** Runs a command line through the shell, so arguments can be bytes that are not UTF-8. */
function shell(script: string, cwd: string, env: NodeJS.ProcessEnv = process.env) {
  return execa('sh', ['-c', script], { cwd, env, reject: false, encoding: 'buffer', timeout: 60_000 });
}

const badName = "$(printf 'bad\\377name.hwx')";

describe.skipIf(process.platform !== 'linux')('a non-UTF-8 input name', () => {
  it('converts with -w, writing the output name upstream writes, and -p prints the raw struct name', async () => {
    const dir = mkdtempSync(join(work, 'w-'));
    copyFileSync(sample, join(dir, 'x.hwx'));
    await shell(`mv x.hwx ${badName}`, dir);
    const r = await shell(`node '${anecc}' ${badName} -w -p --engine native`, dir);
    expect(Buffer.from(r.stderr).toString()).toContain('anecc::info: compiled anec to: bad\\udcffname.anec');
    expect(r.exitCode).toBe(0);
    expect(Buffer.from(r.stdout).includes(Buffer.from('static const struct anec anec_bad\xffname = {', 'latin1'))).toBe(true);
    const names = readdirSync(dir, { encoding: 'buffer' }).map((n) => n.toString('latin1')).sort();
    expect(names).toEqual(['bad\xffname.anec', 'bad\xffname.hwx']);
    expect(readFileSync(Buffer.from(join(dir, 'bad\xffname.anec'), 'latin1')).length).toBeGreaterThan(0x1000);
  });
});

const live = await pythonEngineAvailability();
const liveSkip = live.available ? undefined : `upstream anecc not importable (${live.message}): non-UTF-8 name parity with upstream skipped`;
if (liveSkip) console.warn(liveSkip);

describe.skipIf(liveSkip !== undefined || process.platform !== 'linux')('a non-UTF-8 input name, against upstream', () => {
  it('the Python engine agrees byte for byte (both engines), and the files match upstream run alone', async () => {
    const dir = mkdtempSync(join(work, 'live-'));
    copyFileSync(sample, join(dir, 'x.hwx'));
    await shell(`mv x.hwx ${badName}`, dir);
    const ours = await shell(`node '${anecc}' ${badName} -w -p --engine both --profile upstream`, dir);
    expect(ours.exitCode).toBe(0);
    const ourBytes = readFileSync(Buffer.from(join(dir, 'bad\xffname.anec'), 'latin1'));
    rmSync(Buffer.from(join(dir, 'bad\xffname.anec'), 'latin1'));
    const src = process.env['ANECC_UPSTREAM_SRC'];
    const python = process.env['PYTHON_BIN'] || 'python3';
    const runUpstream = src
      ? `"${python}" -c 'import sys; sys.path.insert(0, sys.argv.pop(1)); sys.argv[0] = "anecc"; from anecc.run import run; run()' '${src}' ${badName} -w -p`
      : `"${python}" -m anecc.run ${badName} -w -p`;
    const theirs = await shell(runUpstream, dir);
    expect(theirs.exitCode).toBe(0);
    expect(Buffer.from(ours.stdout)).toEqual(Buffer.from(theirs.stdout));
    expect(Buffer.from(ours.stderr).toString()).toBe(Buffer.from(theirs.stderr).toString());
    expect(readFileSync(Buffer.from(join(dir, 'bad\xffname.anec'), 'latin1'))).toEqual(ourBytes);
  });
});
