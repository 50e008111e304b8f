import { describe, expect, it } from 'vitest';
import {
  ANE_BASE_ADDRESS,
  COMPACT_TASK_FIRST_PACKET,
  COMPACT_TASK_SIZE_IN_BYTES,
  FULL_TASK_FIRST_PACKET,
  HWX_MAGIC,
  readHwx,
} from '../../src/hwx/index.js';
import {
  HwxWriteError,
  describeIntermediate,
  describeLarge,
  describeMul,
  describeMulDebugProbs,
  describeTwoTask,
  hwxLayouts,
  minLargeFileSizeInBytes,
  planHwx,
  writeHwx,
} from '../../src/writer/index.js';
import type { HwxDescription } from '../../src/writer/index.js';

function words(bytes: Uint8Array): Uint32Array {
  return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
}

describe('writeHwx', () => {
  it('should give the same bytes for the same description', () => {
    // Arrange
    const description = describeTwoTask('v9');
    // Act
    const first = writeHwx(description);
    const second = writeHwx(structuredClone(description));
    // Assert
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
  });

  it.each(hwxLayouts)('should write a Mach-O header and a %s mul the reader accepts without warnings', (layout) => {
    const bytes = writeHwx(describeMul(layout));
    const file = readHwx(bytes);
    expect(words(bytes)[0]).toBe(HWX_MAGIC);
    expect(file.header).toMatchObject({ cputype: 0x80, cpusubtype: 4, filetype: 2, flags: 0x200000 });
    expect(file.warnings).toEqual([]);
    expect(file.taskStream?.warnings).toEqual([]);
    expect(file.tensors.map((t) => [t.role, t.name, t.shape])).toEqual([
      ['input', 'image', [1, 64, 1, 1]],
      ['input', 'image2', [1, 64, 1, 1]],
      ['output', 'probs', [1, 64, 1, 1]],
    ]);
    expect(file.bufferNames.map((b) => b.cmd)).toEqual(layout === 'v5' ? [6, 6, 6] : [0x40, 0x40, 0x40]);
    expect(file.ident?.compilerVersion).toBe(describeMul(layout).compilerVersion);
  });

  it('should put __TEXT at the base address with full tasks up to v7', () => {
    for (const layout of ['v5', 'v7'] as const) {
      const file = readHwx(writeHwx(describeMul(layout)));
      const text = file.segments.find((s) => s.name === '__TEXT');
      expect(text?.vmaddr).toBe(ANE_BASE_ADDRESS);
      expect(text?.fileoff).toBe(0x4000);
      expect(file.taskStream?.tasks.map((t) => t.firstPacket)).toEqual([FULL_TASK_FIRST_PACKET]);
      expect(file.program?.firstTaskWordMarker).toBe(0x9c);
    }
  });

  it('should move __TEXT after the buffers in v9, with compact tasks the reader finds', () => {
    const file = readHwx(writeHwx(describeTwoTask('v9')));
    const names = file.segments.map((s) => s.name);
    expect(names.indexOf('__TEXT')).toBeGreaterThan(names.lastIndexOf('__FVMLIB'));
    expect(file.segments.find((s) => s.name === '__TEXT')?.vmaddr).toBe(0x3000c000);
    const tasks = file.taskStream?.tasks ?? [];
    expect(tasks.map((t) => [t.taskKind, t.size, t.firstPacket])).toEqual([
      ['compact', COMPACT_TASK_SIZE_IN_BYTES, COMPACT_TASK_FIRST_PACKET],
      ['compact', COMPACT_TASK_SIZE_IN_BYTES, COMPACT_TASK_FIRST_PACKET],
    ]);
    expect(tasks[0]?.packets[1]?.header).toBe(0x2c01f8c8);
    expect(file.program).toMatchObject({ firstTaskWordMarker: 0x7d, taskCount: 2, firstTaskAddress: 0x3000c000 });
  });

  it('should push __TEXT to 0x30010000 with __DEBUG and add a probs/src alias stab', () => {
    const file = readHwx(writeHwx(describeMulDebugProbs()));
    expect(file.segments.map((s) => s.name)).toEqual(['__PAGEZERO', '__FVMLIB', '__FVMLIB', '__FVMLIB', '__DEBUG', '__TEXT']);
    expect(file.segments.find((s) => s.name === '__TEXT')?.vmaddr).toBe(0x30010000);
    expect(file.sections.some((s) => s.segmentName === '__DEBUG' && s.name === '__debug_info')).toBe(true);
    expect(file.stabs.map((s) => [s.name, s.alias])).toEqual([
      ['image', false],
      ['image2', false],
      ['probs', false],
      ['probs/src', true],
    ]);
  });

  it('should bind the intermediate buffer at slot 3 with (3,3,1,4) segment words', () => {
    const file = readHwx(writeHwx(describeIntermediate('v5')));
    const data = file.segments.find((s) => s.name === '__DATA');
    expect(data).toMatchObject({ maxprot: 3, initprot: 3, flags: 4 });
    expect(data?.sections.map((s) => s.name)).toEqual(['__bss']);
    expect(file.program?.slots[3]).toBe(data?.vmaddr);
    expect(file.program?.taskCount).toBe(2);
  });

  it('should keep kernel patterns free of every word upstream scans for', () => {
    const description: HwxDescription = { ...describeMul('v7'), kernel: { size: 0x40000, fill: 'pattern' } };
    const bytes = writeHwx(description);
    const plan = planHwx(description);
    const kernel = words(bytes.subarray(plan.text.constOffset, plan.text.constOffset + description.kernel.size));
    const scanned = new Set([0x9c, 0x7d, FULL_TASK_FIRST_PACKET, COMPACT_TASK_FIRST_PACKET]);
    expect(kernel.every((w) => !scanned.has(w) && (w & 0xff) === 1)).toBe(true);
  });

  it('should make a benchmark file of at least 256 MiB quickly', () => {
    const started = performance.now();
    const bytes = writeHwx(describeLarge(minLargeFileSizeInBytes));
    expect(bytes.length).toBeGreaterThanOrEqual(minLargeFileSizeInBytes);
    expect(bytes.length - minLargeFileSizeInBytes).toBeLessThan(0x8000);
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('should refuse an invalid description with typed issues', () => {
    const base = describeMul('v5');
    const bad: HwxDescription = {
      ...base,
      tensors: [{ ...base.tensors[0]!, slot: 2, name: '1bad' }, base.tensors[2]!],
      kernel: { size: 15, fill: 'zeros' },
      debugInfo: { size: 16, fill: 'zeros' },
      tasks: [{ ...base.tasks[0]!, packets: base.tasks[0]!.packets.slice(1) }],
    };
    let error: unknown;
    try {
      writeHwx(bad);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(HwxWriteError);
    const codes = (error as HwxWriteError).issues.map((i) => [i.code, i.path.join('.')]);
    expect(codes).toEqual(
      expect.arrayContaining([
        ['out_of_range', 'tensors.0.slot'],
        ['bad_name', 'tensors.0.name'],
        ['not_aligned', 'kernel.size'],
        ['not_in_layout', 'debugInfo'],
        ['bad_first_packet', 'tasks.0.packets.0'],
        ['bad_task_size', 'tasks.0'],
      ]),
    );
  });

  it('should refuse tasks whose W1/W7 do not chain', () => {
    const base = describeTwoTask('v5');
    const unlinked: HwxDescription = { ...base, tasks: base.tasks.map((t) => ({ ...t, header: t.header.map((w, k) => (k === 7 ? 0 : w)) })) };
    expect(() => writeHwx(unlinked)).toThrow(HwxWriteError);
  });
});
