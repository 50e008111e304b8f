// The pipe transport's own failure modes: a child that answers what cannot be read, too much,
// for no call, or not at all must end in one typed error, with the child killed; and the real
// bridge's `serve` loop, driven by hand, answers the wire format src/bridge/wire.ts describes.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { PythonEngineError } from '../../src/bridge/index.js';
import { bridgeModulePath } from '../../src/bridge/options.js';
import { startPythonChild } from '../../src/bridge/python.js';
import type { PythonChild } from '../../src/bridge/python.js';
import { LineReader, decodeAnswer, encodeRequest } from '../../src/bridge/wire.js';
import { expectRejection, processExists, testPythonBin } from './fake-anecc.js';

const budgetMs = 10_000;
let folder: string | undefined;
let child: PythonChild | undefined;

afterEach(async () => {
  const pid = child?.pid;
  await child?.close();
  child = undefined;
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
  expect(processExists(pid)).toBe(false);
});

/** Starts a fake bridge: `body` runs with `calls` (descriptor 3 as a binary file) and `answer(bytes)`. */
async function startFake(body: string, maxAnswerBytes?: number): Promise<PythonChild> {
  folder = mkdtempSync(path.join(tmpdir(), 'anecc-pipe-'));
  const script = path.join(folder, 'bridge.py');
  writeFileSync(
    script,
    ['import json, os, sys, time', 'calls = os.fdopen(3, "rb", closefd=False)', 'def answer(data):', '    os.write(3, data)', body, ''].join('\n'),
  );
  child = await startPythonChild({ pythonBin: testPythonBin, bridgePath: script, timeoutMs: budgetMs, transport: 'pipe', maxAnswerBytes });
  return child;
}

const expectFailure = (work: Promise<unknown>, code: string): Promise<PythonEngineError> => expectRejection(work, code, budgetMs);

describe('pipe transport against a misbehaving bridge', () => {
  it('should answer a call with the result text the bridge sent', async () => {
    const c = await startFake(
      'for line in calls:\n    call = json.loads(line)\n    answer((json.dumps({"id": call["id"], "result": call["fn"] + ":" + call.get("arg", "-")}) + "\\n").encode())',
    );
    await expect(c.call('convert', 'x\ny')).resolves.toBe('convert:x\ny');
    await expect(c.call('ping', undefined)).resolves.toBe('ping:-');
  });

  it('should map an exception answer to python_error with the type and text', async () => {
    const c = await startFake(
      'for line in calls:\n    call = json.loads(line)\n    answer((json.dumps({"id": call["id"], "exception": {"type": "KeyError", "message": "\'profile\'"}}) + "\\n").encode())',
    );
    const error = await expectFailure(c.call('convert', '{}'), 'python_error');
    expect(error.pythonType).toBe('KeyError');
    expect(error.pythonMessage).toBe("'profile'");
    expect(error.message).toBe("convert: KeyError: 'profile'");
    // An exception is an answer: the child stays usable.
    await expectFailure(c.call('ping', undefined), 'python_error');
  });

  it.each([
    ['not JSON', 'answer(b"hello\\n")', /not JSON/],
    ['no id', 'answer(b\'{"result": "{}"}\\n\')', /no call id/],
    ['neither result nor exception', 'answer(b\'{"id": 1, "result": 3}\\n\')', /neither a result text nor an exception/],
    ['an unknown id', 'answer(b\'{"id": 99, "result": "{}"}\\n\')', /no call 99 is waiting/],
  ])('should reject with bad_reply and kill the child on an answer with %s', async (_what, reply, pattern) => {
    const c = await startFake(`calls.readline()\n${reply}\ntime.sleep(3600)`);
    const pid = c.pid;
    const error = await expectFailure(c.call('ping', undefined), 'bad_reply');
    expect(error.message).toMatch(pattern);
    await expect.poll(() => processExists(pid), { timeout: 3000 }).toBe(false);
    // The engine stays unusable: nothing the child says after that is trusted.
    await expectFailure(c.call('ping', undefined), 'bad_reply');
  });

  it('should stop reading an answer line longer than the bound, without buffering it', async () => {
    const c = await startFake('calls.readline()\nchunk = b"x" * 65536\nwhile True:\n    answer(chunk)', 1024 * 1024);
    const pid = c.pid;
    const error = await expectFailure(c.call('convert', '{}'), 'bad_reply');
    expect(error.message).toMatch(/longer than 1048576 bytes/);
    await expect.poll(() => processExists(pid), { timeout: 3000 }).toBe(false);
  });

  it('should report a child that exits without answering as its exit', async () => {
    const c = await startFake('calls.readline()\nsys.stderr.write("going away\\n")\nsys.stderr.flush()\nos._exit(3)');
    const error = await expectFailure(c.call('convert', '{}'), 'python_exited');
    expect(error.message).toBe('Python process exited with status 3');
    expect(error.stderrTail).toContain('going away');
  });

  it('should report a child that closes the channel and exits mid-answer as its exit', async () => {
    const c = await startFake('calls.readline()\nanswer(b\'{"id": 1, "res\')\nos.close(3)\ntime.sleep(0.2)\nos._exit(4)');
    const error = await expectFailure(c.call('convert', '{}'), 'python_exited');
    expect(error.message).toBe('Python process exited with status 4');
  });

  it('should reject with python_not_found when spawn refuses the interpreter outright', async () => {
    const start = startPythonChild({ pythonBin: 'python3\0', bridgePath: bridgeModulePath, timeoutMs: budgetMs, transport: 'pipe' });
    await expectFailure(start, 'python_not_found');
  });

  it('should time out a bridge that never answers and kill it', async () => {
    const c = await startFake('calls.readline()\ntime.sleep(3600)');
    const pid = c.pid;
    const error = await expectFailure(c.call('convert', '{}', 500), 'timeout');
    expect(error.message).toBe('convert: no answer from Python within 500 ms; the Python process was stopped');
    await expect.poll(() => processExists(pid), { timeout: 3000 }).toBe(false);
  });
});

describe('py/anecc_bridge.py serve', () => {
  /** Sends `requests` as lines on descriptor 3, then the end of file; resolves with the answers and the exit status. */
  const serve = (requests: readonly string[]) =>
    new Promise<{ answers: unknown[]; code: number | null; stdout: string }>((resolve, reject) => {
      const proc = spawn(testPythonBin, [bridgeModulePath, 'serve'], { stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
      const channel = proc.stdio[3] as Duplex;
      const answers: unknown[] = [];
      let stdout = '';
      proc.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      const reader = new LineReader(1 << 20, (line) => answers.push(JSON.parse(line)), () => reject(new Error('answer too long')));
      channel.on('data', (chunk: Buffer) => reader.push(chunk));
      proc.on('error', reject);
      proc.on('close', (code) => resolve({ answers, code, stdout }));
      for (const request of requests) channel.write(request);
      channel.end();
    });

  it('should dispatch the known functions, refuse others, and exit 0 at the end of file', async () => {
    const { answers, code, stdout } = await serve([
      encodeRequest(1, 'ping', undefined),
      encodeRequest(2, 'configure', '{"workDir": 3}'),
      encodeRequest(3, 'exec', 'print(1)'),
      encodeRequest(4, 'configure', 'not json'),
    ]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(answers[0]).toEqual({ id: 1, result: '{"ok": true}' });
    expect(JSON.parse((answers[1] as { result: string }).result)).toMatchObject({ ok: false, error: { type: 'TypeError' } });
    expect(answers[2]).toEqual({ id: 3, exception: { type: 'ValueError', message: "unknown bridge function 'exec'" } });
    expect(JSON.parse((answers[3] as { result: string }).result)).toMatchObject({ ok: false, error: { type: 'JSONDecodeError' } });
  });
});

describe('wire format', () => {
  it('should split lines across and within chunks, and report an over-long line once', () => {
    const lines: string[] = [];
    let tooLong = 0;
    const reader = new LineReader(8, (line) => lines.push(line), () => (tooLong += 1));
    reader.push(Buffer.from('ab'));
    reader.push(Buffer.from('c\nde\n\nfg'));
    reader.push(Buffer.from('h\n'));
    expect(lines).toEqual(['abc', 'de', '', 'fgh']);
    reader.push(Buffer.from('12345'));
    reader.push(Buffer.from('6789\nmore\n'));
    reader.push(Buffer.from('and more\n'));
    expect(tooLong).toBe(1);
    expect(lines).toHaveLength(4);
  });

  it('should read results and exceptions, and say what is wrong with anything else', () => {
    expect(decodeAnswer('{"id":1,"result":"{}"}')).toEqual({ id: 1, result: '{}' });
    expect(decodeAnswer('{"id":2,"exception":{"type":"E","message":"m"}}')).toEqual({ id: 2, exception: { type: 'E', message: 'm' } });
    expect(decodeAnswer('{"id":2,"result":"{}","exception":{"type":"E","message":"m"}}')).toHaveProperty('problem');
    expect(decodeAnswer('{"id":1.5,"result":"{}"}')).toEqual({ problem: 'no call id' });
    expect(decodeAnswer('[1]')).toEqual({ problem: 'no call id' });
    expect(decodeAnswer('')).toEqual({ problem: 'not JSON' });
  });
});
