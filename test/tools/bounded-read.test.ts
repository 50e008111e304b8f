import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputTooLargeError, readFileBoundedSync } from '../../src/tools/bounded-read.js';
import { runAnecc } from '../helpers/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'anecc-bounded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readFileBoundedSync', () => {
  it('reads a regular file whole, up to the limit', () => {
    const file = path.join(dir, 'f');
    writeFileSync(file, Buffer.alloc(1000, 7));
    expect(readFileBoundedSync(file, 1000)).toEqual(new Uint8Array(1000).fill(7));
    expect(() => readFileBoundedSync(file, 999)).toThrow(InputTooLargeError);
  });

  it('refuses a device that stat() says is empty once the read passes the limit', () => {
    expect(() => readFileBoundedSync('/dev/zero', 1 << 20, 3 << 20)).toThrow(/more than 3145728 bytes/);
  });

  it('holds for /proc files, regular files whose stat() size is 0', () => {
    const bytes = readFileBoundedSync('/proc/self/status', 1 << 20);
    expect(bytes.length).toBeGreaterThan(0);
    expect(() => readFileBoundedSync('/proc/self/status', 10)).toThrow(InputTooLargeError);
  });
});

describe('anecc on a device without a size', () => {
  it('fails by name, bounded, instead of reading /dev/zero forever', async () => {
    const result = await runAnecc(['inspect', '/dev/zero'], { timeout: 20_000 });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^anecc: error: \/dev\/zero: more than the \d+ bytes anecc reads/m);
  });
});
