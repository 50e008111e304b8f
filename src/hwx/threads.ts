// LC_THREAD contents: flavor 1 is the program descriptor, flavor 3 one tensor descriptor.
// Both refer to strings by offsets from the start of their command.

import { boundSize, fail, readCString, readToken, toSafeNumber } from './bounds.js';
import { PROGRAM_SLOT_TABLE, PROGRAM_TASK_INFO, SEGMENT_STATE_INFO, TENSOR_DESCRIPTOR, U32_LE } from './tokens.js';
import type { ProgramDescriptor, SegmentState, TensorDescriptor, TensorDirection, ThreadCommand } from './types.js';

const STATE_WORD_BYTES = U32_LE.len;

/** The command's own bytes, with the declared state checked to lie inside it. */
function stateView(bytes: Uint8Array, thread: ThreadCommand, needed: number, path: readonly string[]): Uint8Array {
  const commandEnd = thread.offset + thread.size;
  const stateSize = boundSize(thread.count * STATE_WORD_BYTES, commandEnd - thread.stateOffset, 'count', thread.offset, path);
  if (stateSize < needed) {
    fail({ code: 'truncated', offset: thread.stateOffset, path, needed, available: stateSize });
  }
  return bytes.subarray(0, Math.min(commandEnd, bytes.length));
}

function stringIn(bytes: Uint8Array, thread: ThreadCommand, offset: number): string | undefined {
  if (offset === 0 || offset >= thread.size) return undefined;
  return readCString(bytes, thread.offset + offset, thread.offset + thread.size);
}

/** The 32-address slot table that opens flavor 1 and flavor 4 states. */
function slotTable(view: Uint8Array, thread: ThreadCommand, path: readonly string[]): number[] {
  return readToken(view, PROGRAM_SLOT_TABLE, thread.stateOffset, path).map((slot, i) => toSafeNumber(slot, `slot[${i}]`, thread.stateOffset, path));
}

export function readProgram(bytes: Uint8Array, thread: ThreadCommand): ProgramDescriptor {
  const path = ['program'];
  const view = stateView(bytes, thread, PROGRAM_TASK_INFO.len, path);
  const slots = slotTable(view, thread, path);
  const info = readToken(view, PROGRAM_TASK_INFO, thread.stateOffset, path);
  return {
    kind: 'program',
    offset: thread.offset,
    size: thread.size,
    slots,
    firstTaskAddress: toSafeNumber(info.firstTaskAddress, 'first task address', thread.stateOffset, path),
    firstTaskWordMarker: info.firstTaskWordMarker,
    taskCount: info.taskCount,
    networkName: stringIn(view, thread, info.nameOffset),
    ane: info.word0x810,
    ene: info.word0x814,
  };
}

export function readSegmentState(bytes: Uint8Array, thread: ThreadCommand): SegmentState {
  const path = ['segment state'];
  const view = stateView(bytes, thread, SEGMENT_STATE_INFO.len, path);
  const slots = slotTable(view, thread, path);
  const info = readToken(view, SEGMENT_STATE_INFO, thread.stateOffset, path);
  return {
    kind: 'segment-state',
    offset: thread.offset,
    size: thread.size,
    slots,
    segAddr: toSafeNumber(info.segAddr, 'segment address', thread.stateOffset, path),
    sectIdx: toSafeNumber(info.sectIdx, 'section index', thread.stateOffset, path),
    segHeaderSize: info.segHeaderSize,
    segWords: info.segWords,
    segId: info.segId,
    firstTdId: info.firstTdId,
    tdCount: info.tdCount,
    nextSegmentCount: info.nextSegmentCount,
    nextSegmentId: [info.nextSegmentId0, info.nextSegmentId1],
    ane: info.ane,
    ene: info.ene,
  };
}

const DIRECTIONS: Readonly<Record<number, TensorDirection>> = { 1: 'input', 2: 'output' };

export function readTensorDescriptor(bytes: Uint8Array, thread: ThreadCommand): TensorDescriptor {
  const path = ['tensor descriptor'];
  const view = stateView(bytes, thread, TENSOR_DESCRIPTOR.len, path);
  const t = readToken(view, TENSOR_DESCRIPTOR, thread.stateOffset, path);
  const stride = (value: bigint, name: string): number => toSafeNumber(value, name, thread.stateOffset, path);
  return {
    kind: 'tensor-descriptor',
    word0: t.word0x0,
    offset: thread.offset,
    size: thread.size,
    direction: DIRECTIONS[t.direction] ?? 'unknown',
    directionCode: t.direction,
    name: stringIn(view, thread, t.nameOffset),
    bufferName: stringIn(view, thread, t.bufferNameOffset),
    elementType: t.elementType,
    sizes: { n: t.sizeN, c: t.sizeC, h: t.sizeH, w: t.sizeW, d: t.sizeD },
    strides: {
      n: stride(t.strideN, 'N stride'),
      c: stride(t.strideC, 'C stride'),
      h: stride(t.strideH, 'H stride'),
      w: stride(t.strideW, 'W stride'),
      d: stride(t.strideD, 'D stride'),
    },
  };
}
