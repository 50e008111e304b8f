// What `anecc` writes reaches standard output whole and in order however the descriptor behaves
// (src/cli/io.ts writes with write(2) and falls back to Node's stream), and a reader that is gone
// ends the command quietly: in the fast bundle (a conversion's -p) and in the full CLI (inspect).

import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/corpus.js';
import { testPythonBin } from '../bridge/fake-anecc.js';
import { anecc, runAnecc } from '../helpers/cli.js';

const sample = join(repoRoot, 'hwx', 'mul-v5.hwx');
const commands = {
  // A conversion's struct, in the fast bundle.
  conversion: ['--engine', 'native', sample, '-p', '-n', 'mul', '-o', '/dev/null'],
  // About 130 KB, more than a pipe holds (64 KiB on Linux), in the full CLI.
  report: ['inspect', '--format', 'html', '--all', sample],
};

// Runs argv with standard output on a non-blocking pipe (as one a Node parent shares can be) that
// is full before it starts and stays full for a second, so that its first write(2) meets EAGAIN
// (anecc writes well within that second); prints what came through.
const fullNonBlockingPipe = String.raw`
import fcntl, os, subprocess, sys, time
r, w = os.pipe()
fcntl.fcntl(w, fcntl.F_SETFL, fcntl.fcntl(w, fcntl.F_GETFL) | os.O_NONBLOCK)
filled = 0
try:
    while True:
        filled += os.write(w, b"\0" * 4096)
except BlockingIOError:
    pass
child = subprocess.Popen(sys.argv[1:], stdout=w)
os.close(w)
time.sleep(1.0)
data = bytearray()
while True:
    chunk = os.read(r, 65536)
    if not chunk:
        break
    data += chunk
code = child.wait()
sys.stdout.buffer.write(bytes(data[filled:]))
sys.exit(code)
`;

// Runs argv with standard output on a pipe whose reader is already gone (EPIPE on the first
// write); prints the exit status, then what it wrote to stderr.
const closedPipe = String.raw`
import os, subprocess, sys
r, w = os.pipe()
os.close(r)
child = subprocess.Popen(sys.argv[1:], stdout=w, stderr=subprocess.PIPE)
os.close(w)
err = child.stderr.read()
sys.stdout.write("%d\n" % child.wait())
sys.stdout.buffer.write(err)
`;

describe.skipIf(process.platform === 'win32').each(Object.entries(commands))('standard output of a %s', (_, args) => {
  it('should come through whole and in order when the pipe is non-blocking and full', async () => {
    const direct = await runAnecc(args);
    expect(direct.exitCode, direct.stderr).toBe(0);
    expect(direct.stdout.length).toBeGreaterThan(100);
    const r = await execa(testPythonBin, ['-c', fullNonBlockingPipe, process.execPath, anecc, ...args], { reject: false, timeout: 60_000 });
    expect(r.stderr).toBe(direct.stderr);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(direct.stdout);
  });

  it('should end quietly with status 0 when the reader is gone', async () => {
    const r = await execa(testPythonBin, ['-c', closedPipe, process.execPath, anecc, ...args], { reject: false, timeout: 60_000 });
    const [status, ...stderr] = String(r.stdout).split('\n');
    expect(status).toBe('0');
    // Upstream's log lines go to stderr whether or not stdout is gone; nothing else may.
    expect(stderr.filter((line) => line !== '' && !line.startsWith('anecc::info: '))).toEqual([]);
  });
});
