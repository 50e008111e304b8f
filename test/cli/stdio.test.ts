// What `anecc` writes reaches standard output whole and in order however the descriptor behaves
// (src/cli/io.ts writes with write(2) and falls back to Node's stream), and a reader that stops
// early ends the command quietly.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/corpus.js';
import { testPythonBin } from '../bridge/fake-anecc.js';
import { anecc, runAnecc } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'anecc-stdio-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// About 130 KB: more than a pipe holds (64 KiB on Linux).
const bigReport = ['inspect', '--format', 'html', '--all', join(repoRoot, 'hwx', 'mul-v5.hwx')];

// Runs argv with standard output on a pipe made non-blocking (as one a Node parent shares is),
// read only after a pause, so that write(2) meets a full pipe (EAGAIN); prints what came through.
const slowNonBlockingReader = String.raw`
import fcntl, os, subprocess, sys, time
r, w = os.pipe()
fcntl.fcntl(w, fcntl.F_SETFL, fcntl.fcntl(w, fcntl.F_GETFL) | os.O_NONBLOCK)
child = subprocess.Popen(sys.argv[1:], stdout=w)
os.close(w)
time.sleep(0.5)
data = bytearray()
while True:
    chunk = os.read(r, 65536)
    if not chunk:
        break
    data += chunk
code = child.wait()
sys.stdout.buffer.write(data)
sys.exit(code)
`;

describe.skipIf(process.platform === 'win32')('standard output', () => {
  it('should come through whole and in order when the pipe is non-blocking and full', async () => {
    const direct = await runAnecc(bigReport);
    expect(direct.exitCode, direct.stderr).toBe(0);
    expect(direct.stdout.length).toBeGreaterThan(0x10000);
    const r = await execa(testPythonBin, ['-c', slowNonBlockingReader, process.execPath, anecc, ...bigReport], { reject: false, timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(direct.stdout);
  });

  it('should end quietly with status 0 when the reader stops early', async () => {
    const script = 'node "$0" "$@" 2>"$ERR" | head -c 100 >/dev/null; echo "${PIPESTATUS[0]}"; cat "$ERR"';
    const r = await execa('bash', ['-c', script, anecc, ...bigReport], { reject: false, timeout: 60_000, env: { ...process.env, ERR: join(work, 'stderr') } });
    // The status, and nothing on stderr.
    expect(r.stdout).toBe('0');
  });
});
