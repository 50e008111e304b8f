import { describe, expect, it } from 'vitest';
import {
  decodeW1,
  decodeW8,
  formatIssue,
  generationName,
  h13Registers,
  HwxFormatError,
  parseStab,
  readHwx,
  readTaskStream,
  registerAt,
  registerName,
  safeReadHwx,
} from '../../src/hwx/index.js';
import type { HwxIssue, SymbolEntry } from '../../src/hwx/index.js';
import { corpusSkipReason, readCorpusFile } from '../../support/corpus.js';

describe('generations', () => {
  it('should name known cpusubtypes and fall back to hex', () => {
    expect([1, 3, 4, 5, 6, 7, 9, 10].map(generationName)).toEqual(['H11', 'H12', 'H13', 'H14', 'H15', 'H16', 'H17', 'H18']);
    expect(generationName(42)).toBe('0x2a');
  });
});

describe('registers', () => {
  it('should name the registers the brief and the corpus rely on', () => {
    expect(registerAt(0xc800)).toEqual({ block: 'NE', name: 'KernelCfg', address: 0xc800 });
    expect(registerName(0xc804)).toBe('MACCfg');
    expect(registerName(0x8800)).toBe('PECfg');
    expect(registerName(0x1f808)).toBe('CoeffDMAConfig0');
    expect(registerName(0x1f844)).toBe('CoeffDMAConfig15');
    expect(registerName(0x1f888)).toBe('CoeffBfrSize0');
    expect(registerName(0x1f8c4)).toBe('CoeffBfrSize15');
    expect(registerName(0xc820)).toBe('0xc820');
  });

  it('should keep one entry per address', () => {
    const addresses = h13Registers.map((r) => r.address);
    expect(new Set(addresses).size).toBe(addresses.length);
  });

  it('should decode W8 as in the corpus', () => {
    expect(decodeW8(0x249a5)).toMatchObject({ reads: [5, 6], writes: [4] });
    expect(decodeW8(0x26964)).toMatchObject({ reads: [4, 5], writes: [6] });
    expect(decodeW8(0)).toMatchObject({ reads: [], writes: [] });
  });

  it('should read the next task size from W1', () => {
    expect(decodeW1(0x9c0000).nextTaskSize).toBe(0x274);
    expect(decodeW1(0).nextTaskSize).toBe(0);
  });
});

const symbol = (name: string): SymbolEntry => ({ kind: 'symbol', offset: 0x100, size: 16, name, type: 0x20, sect: 0, desc: 0, value: 0 });

describe('stabs', () => {
  it('should parse dims and strides of a tensor stab', () => {
    const parsed = parseStab(symbol('image:t16=ar1;0;1;17=s4096n:ar1;0;64;18=s64c:ar1;0;1;19=s64h:ar1;0;1;20=s2w:5'));
    expect(parsed.ok && parsed.stab).toMatchObject({
      name: 'image',
      dims: { n: 1, c: 64, h: 1, w: 1 },
      strides: { n: 4096, c: 64, h: 64, w: 2 },
      elementType: 5,
      alias: false,
    });
  });

  it('should mark a name with a slash as an alias', () => {
    const parsed = parseStab(symbol('probs/src:t26=ar1;0;1;27=s4096n:ar1;0;64;28=s64c:ar1;0;1;29=s64h:ar1;0;1;30=s2w:5'));
    expect(parsed.ok && parsed.stab.alias).toBe(true);
  });

  it('should report a stab without the four fields', () => {
    const parsed = parseStab(symbol('image:t16=ar1;0;1;17=s4096n:5'));
    expect(parsed.ok ? undefined : parsed.issue).toMatchObject({ code: 'bad_stab', reason: 'fields' });
  });
});

describe('typed failures', () => {
  it('should refuse a short file as truncated', () => {
    const result = safeReadHwx(new Uint8Array(8));
    expect(result).toEqual({ ok: false, issues: [{ code: 'truncated', offset: 0, path: ['header'], needed: 32, available: 8 }] });
  });

  it('should refuse a wrong magic and say so in the message', () => {
    const bytes = new Uint8Array(64);
    new DataView(bytes.buffer).setUint32(0, 0xcafebabe, true);
    expect(() => readHwx(bytes)).toThrow(HwxFormatError);
    expect(() => readHwx(bytes)).toThrow(/magic 0xcafebabe/);
  });

  it('should word every issue code', () => {
    const issues: HwxIssue[] = [
      { code: 'truncated', offset: 1, path: ['a'], needed: 2, available: 1 },
      { code: 'bad_magic', offset: 0, path: [], value: 1 },
      { code: 'out_of_bounds', offset: 0x4a0, path: ['__TEXT', '__text'], field: 'size', value: 0x90000000, limit: 0x5c40 },
      { code: 'too_many', offset: 0, path: ['header'], field: 'ncmds', value: 5000, limit: 4096 },
      { code: 'unsafe_integer', offset: 0, path: ['x'], field: 'vmaddr', value: '18446744073709551615' },
      { code: 'too_small', offset: 0, path: ['x'], field: 'cmdsize', value: 0, minimum: 8 },
      { code: 'bad_stab', offset: 0, path: ['symtab'], text: 'x:t1', reason: 'fields' },
      { code: 'bad_task', offset: 0, path: ['__TEXT', '__text'], taskIndex: 1, reason: 'next_pointer', value: 4 },
      { code: 'bad_task', offset: 0, path: ['__TEXT', '__text'], taskIndex: 1, reason: 'packet_overrun', value: 4 },
      { code: 'bad_task', offset: 0, path: ['__TEXT', '__text'], taskIndex: 1, reason: 'too_many_tasks', value: 4 },
      { code: 'bad_task', offset: 0, path: ['__TEXT', '__text'], taskIndex: 1, reason: 'overlap', value: 4 },
      { code: 'bad_task', offset: 0, path: ['__TEXT', '__text'], taskIndex: 1, reason: 'too_many_writes', value: 4 },
      { code: 'internal', offset: 0, path: [], detail: 'TypeError: x' },
    ];
    const lines = issues.map(formatIssue);
    expect(lines[2]).toBe('__TEXT,__text size 0x90000000 runs past the end (0x5c40 bytes), at byte 0x4a0');
    for (const line of lines) expect(line).toMatch(/at byte 0x[0-9a-f]+$/);
  });
});

describe('task boundaries', () => {
  const W7_BYTE = 7 * 4;
  const FIRST_PACKET_BYTE = 0x28;

  it('should end a full task where the next one starts and say the pointer is inside it', () => {
    // Arrange: a full task (0x274 bytes by its first packet) whose next task starts at 0x100
    const bytes = new Uint8Array(0x400);
    const view = new DataView(bytes.buffer);
    view.setUint32(FIRST_PACKET_BYTE, 0xf401f800, true);
    view.setUint32(W7_BYTE, 0x100, true);
    // Act
    const stream = readTaskStream(bytes, 0, bytes.length);
    // Assert
    expect(stream.tasks.map((t) => [t.taskKind, t.offset, t.size])).toEqual([
      ['full', 0, 0x100],
      ['unknown', 0x100, 0x300],
    ]);
    expect(stream.warnings.map((w) => (w.code === 'bad_task' ? w.reason : w.code))).toEqual(['overlap', 'packet_overrun']);
  });

  it('should end a task of unknown size at the next task, not at the end of the range', () => {
    // Arrange: zero words everywhere but W7, so no packet tells the size
    const bytes = new Uint8Array(0x400);
    new DataView(bytes.buffer).setUint32(W7_BYTE, 0x80, true);
    // Act
    const stream = readTaskStream(bytes, 0, bytes.length);
    // Assert
    expect(stream.tasks.map((t) => [t.offset, t.size])).toEqual([
      [0, 0x80],
      [0x80, 0x380],
    ]);
    expect(stream.warnings).toEqual([]);
  });
});

const skip = corpusSkipReason();
if (skip !== undefined) console.warn(skip);

describe.skipIf(skip !== undefined)('task stream of .anec payloads', () => {
  const ANEC_HEADER_SIZE = 0x1000;

  it('should decode the full task from mul.ane', () => {
    const stream = readTaskStream(readCorpusFile('mul.ane'), ANEC_HEADER_SIZE, 0x274);
    expect(stream.warnings).toEqual([]);
    expect(stream.tasks.map((t) => [t.taskKind, t.offset, t.size])).toEqual([['full', 0x1000, 0x274]]);
    expect(stream.tasks[0]?.header[8]).toBe(0x249a5);
  });

  it('should decode the compact task from mul_macos26_m4.ane', () => {
    const stream = readTaskStream(readCorpusFile('mul_macos26_m4.ane'), ANEC_HEADER_SIZE, 0x1f8);
    expect(stream.tasks.map((t) => t.taskKind)).toEqual(['compact']);
    expect(stream.tasks[0]?.packets.map((p) => p.header).slice(0, 2)).toEqual([0x4401f800, 0x2c01f8c8]);
  });

  it('should decode both tasks of concat.ane', () => {
    const stream = readTaskStream(readCorpusFile('tinygrad/concat.ane'), ANEC_HEADER_SIZE, 0x574);
    expect(stream.tasks.map((t) => t.offset - ANEC_HEADER_SIZE)).toEqual([0, 0x300]);
  });

  it('should give register writes with names for the NE block', () => {
    const task = readHwx(readCorpusFile('mul_macos14.hwx')).taskStream?.tasks[0];
    const ne = task?.writes.filter((w) => registerAt(w.address)?.block === 'NE').map((w) => [registerName(w.address), w.value]);
    expect(ne).toEqual([
      ['KernelCfg', 0x80],
      ['MACCfg', 0x100000],
      ['MatrixVectorBias', 0],
      ['AccBias', 0],
      ['PostScale', 0],
    ]);
  });
});
