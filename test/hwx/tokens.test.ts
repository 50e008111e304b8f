// Reader and writer share the tokens, so a token whose `put` and `get` disagree would corrupt the
// writer's fixtures and hide reader bugs at once. Every exported token must round-trip.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokens } from '../../src/hwx/index.js';

const u8 = fc.integer({ min: 0, max: 0xff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const u64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
/** What a `char[16]` name can give back: up to 16 NUL-free latin1 characters. */
const name16 = fc.string({ unit: fc.integer({ min: 1, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength: 16 });

interface Case {
  readonly name: string;
  readonly check: () => void;
}

/** Slack around the record, so that an offset or a write past `len` shows. */
const margin = fc.integer({ min: 0, max: 16 });

function roundTrip<T>(name: string, token: tokens.Token<T>, value: fc.Arbitrary<T>): Case {
  return {
    name,
    check: () =>
      fc.assert(
        fc.property(value, margin, margin, fc.integer({ min: 0, max: 0xff }), (x, before, after, noise) => {
          const bytes = new Uint8Array(before + token.len + after).fill(noise);
          expect(token.put(bytes, before, x)).toBe(before + token.len);
          expect(token.get(bytes, before)).toEqual(x);
          // Nothing outside the record moved.
          expect(bytes.subarray(0, before).every((b) => b === noise)).toBe(true);
          expect(bytes.subarray(before + token.len).every((b) => b === noise)).toBe(true);
        }),
      ),
  };
}

const cases: readonly Case[] = [
  roundTrip('U8', tokens.U8, u8),
  roundTrip('U16_LE', tokens.U16_LE, u16),
  roundTrip('U32_LE', tokens.U32_LE, u32),
  roundTrip('U64_LE', tokens.U64_LE, u64),
  roundTrip('PACKET_HEADER', tokens.PACKET_HEADER, u32),
  roundTrip('PACKET_VALUE', tokens.PACKET_VALUE, u32),
  roundTrip('TASK_HEADER', tokens.TASK_HEADER, fc.array(u32, { minLength: 10, maxLength: 10 })),
  roundTrip('PROGRAM_SLOT_TABLE', tokens.PROGRAM_SLOT_TABLE, fc.array(u64, { minLength: 32, maxLength: 32 })),
  roundTrip(
    'MACH_HEADER_64',
    tokens.MACH_HEADER_64,
    fc.record({ magic: u32, cputype: u32, cpusubtype: u32, filetype: u32, ncmds: u32, sizeofcmds: u32, flags: u32, reserved: u32 }),
  ),
  roundTrip('LOAD_COMMAND', tokens.LOAD_COMMAND, fc.record({ cmd: u32, cmdsize: u32 })),
  roundTrip(
    'SEGMENT_COMMAND_64',
    tokens.SEGMENT_COMMAND_64,
    fc.record({
      segname: name16,
      vmaddr: u64,
      vmsize: u64,
      fileoff: u64,
      filesize: u64,
      maxprot: u32,
      initprot: u32,
      nsects: u32,
      flags: u32,
    }),
  ),
  roundTrip(
    'SECTION_64',
    tokens.SECTION_64,
    fc.record({ sectname: name16, segname: name16, addr: u64, size: u64, offset: u32, align: u32, flags: u32 }),
  ),
  roundTrip('SYMTAB_COMMAND', tokens.SYMTAB_COMMAND, fc.record({ symoff: u32, nsyms: u32, stroff: u32, strsize: u32 })),
  roundTrip('NLIST_64', tokens.NLIST_64, fc.record({ strx: u32, type: u8, sect: u8, desc: u16, value: u64 })),
  roundTrip('THREAD_COMMAND', tokens.THREAD_COMMAND, fc.record({ flavor: u32, count: u32 })),
  roundTrip('PROGRAM_TASK_FIELDS', tokens.PROGRAM_TASK_FIELDS, fc.record({ firstTaskAddress: u64, firstTaskWordMarker: u32, taskCount: u32 })),
  roundTrip(
    'PROGRAM_TASK_INFO',
    tokens.PROGRAM_TASK_INFO,
    fc.record({ firstTaskAddress: u64, firstTaskWordMarker: u32, taskCount: u32, word0x810: u32, word0x814: u32, nameOffset: u32 }),
  ),
  roundTrip(
    'SEGMENT_STATE_INFO',
    tokens.SEGMENT_STATE_INFO,
    fc.record({
      segAddr: u64,
      sectIdx: u64,
      segHeaderSize: u32,
      segWords: u32,
      segId: u32,
      firstTdId: u32,
      tdCount: u32,
      nextSegmentCount: u32,
      nextSegmentId0: u32,
      nextSegmentId1: u32,
      ane: u32,
      ene: u32,
    }),
  ),
  roundTrip('PROGRAM_TRAILER_WORDS', tokens.PROGRAM_TRAILER_WORDS, fc.record({ word0x840: u32, word0x848: u32 })),
  roundTrip('PROGRAM_V7_WORDS', tokens.PROGRAM_V7_WORDS, fc.record({ word0x850: u32, word0x858: u32, word0x85c: u32 })),
  roundTrip(
    'TENSOR_DESCRIPTOR',
    tokens.TENSOR_DESCRIPTOR,
    fc.record({
      word0x0: u32,
      direction: u32,
      networkNameOffset: u32,
      nameOffset: u32,
      elementType: u32,
      sizeN: u32,
      sizeC: u32,
      sizeH: u32,
      sizeW: u32,
      sizeD: u32,
      strideN: u64,
      strideC: u64,
      strideH: u64,
      strideW: u64,
      strideD: u64,
      word0x68: u32,
      bufferNameOffset: u32,
      extent: u32,
    }),
  ),
  roundTrip('FVMLIB_COMMAND', tokens.FVMLIB_COMMAND, fc.record({ nameOffset: u32, headerAddr: u32 })),
  roundTrip('BUFFER_NAME_COMMAND', tokens.BUFFER_NAME_COMMAND, fc.record({ nameOffset: u32, vmaddr: u64 })),
  roundTrip('NOTE_COMMAND', tokens.NOTE_COMMAND, fc.record({ owner: name16, offset: u64, size: u64 })),
  roundTrip('fixedString(16)', tokens.fixedString(16), name16),
];

function isToken(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'len' in value && 'get' in value && 'put' in value;
}

describe('tokens', () => {
  it.each(cases.map((c) => [c.name, c] as const))('should give back what it put: %s', (_, c) => {
    c.check();
  });

  it('should have a round-trip case for every exported token', () => {
    const exported = Object.entries(tokens)
      .filter(([, value]) => isToken(value))
      .map(([name]) => name);
    const covered = new Set(cases.map((c) => c.name));
    expect(exported.filter((name) => !covered.has(name))).toEqual([]);
  });

  it('should refuse a name it could not give back', () => {
    const name = tokens.fixedString(16);
    const bytes = new Uint8Array(name.len);
    expect(() => name.put(bytes, 0, 'x'.repeat(17))).toThrow(RangeError);
    expect(() => name.put(bytes, 0, 'a\0b')).toThrow(RangeError);
    expect(() => name.put(bytes, 0, 'caf\u20ac')).toThrow(RangeError);
    expect(name.put(bytes, 0, 'x'.repeat(16))).toBe(16);
    expect(name.get(bytes, 0)).toBe('x'.repeat(16));
  });

  it('should refuse an array of the wrong length', () => {
    const bytes = new Uint8Array(tokens.TASK_HEADER.len);
    expect(() => tokens.TASK_HEADER.put(bytes, 0, [1, 2, 3])).toThrow(RangeError);
  });
});
