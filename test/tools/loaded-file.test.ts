import { closeSync, mkdtempSync, openSync, rmSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFile, maxInputSizeInBytes, ToolError } from '../../src/tools/index.js';

const work = mkdtempSync(join(tmpdir(), 'anecc-loaded-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function errorOf(run: () => unknown): ToolError {
  try {
    run();
  } catch (error) {
    if (error instanceof ToolError) return error;
    throw error;
  }
  throw new Error('expected a ToolError');
}

describe('loadFile', () => {
  it('should refuse a file over the size limit before reading it, naming the file and its size', () => {
    // Arrange: a sparse file, so the test writes no data.
    const path = join(work, 'huge.anec');
    const fd = openSync(path, 'w');
    ftruncateSync(fd, maxInputSizeInBytes + 1);
    closeSync(fd);
    // Act
    const error = errorOf(() => loadFile(path));
    // Assert
    expect(error.code).toBe('too_large');
    expect(error.message).toContain(path);
    expect(error.message).toContain(String(maxInputSizeInBytes + 1));
  });

  it('should say why a missing file cannot be read', () => {
    const error = errorOf(() => loadFile(join(work, 'missing.hwx')));
    expect(error.code).toBe('unreadable');
    expect(error.message).toMatch(/ENOENT/);
  });
});
