// H14 (A15, M2; cpusubtype 5; task-descriptor version 11).
//
// Source: AlexAltea/ane e397b69 src/libane/td_v11.h (TD_V11: a 0x100-byte task read at fixed
// offsets: header 0x00, Common 0x4c, TileDMASrc 0x74, L2 0x94, NE 0xb4, TileDMADst 0xc4) and
// tools/ane-disasm/dump_td_v11.cpp (the fields it prints, under these names). td_v11.h reuses the
// V5 format unions for Fmt (DMASrcFormat_V11 = DMASrcFormat_V5). Register addresses are byte
// offsets inside the task, as td_v11.h gives them; the task header words 0..5 and the bindings are
// not public, so they are not decoded (tensor slots come from the segment state, flavor 4).
// freedomtan/coreml_to_ane_hwx ce54664 GUIDE_ANE_HWX_FORMAT.md reads the same task as packets of
// another encoding; this profile follows td_v11.h, which is what ane-disasm prints.

import type { BitField, GenerationProfile, HeaderWordDef, RegisterDef } from './types.js';

const f = (name: string, shift: number, width: number): BitField => ({ name, shift, width });
type Reg = readonly [name: string, fields: readonly BitField[]];

function at(block: string, offset: number, regs: readonly Reg[]): RegisterDef[] {
  return regs.map(([name, fields], i) => ({ block, name, address: offset + i * 4, fields }));
}

const srcFmt = [f('FmtMode', 0, 2), f('Truncate', 4, 2), f('Shift', 8, 1), f('MemFmt', 12, 2), f('OffsetCh', 16, 3), f('Interleave', 24, 4), f('CmpVec', 28, 4)];
const dstFmt = [
  f('FmtMode', 0, 2), f('Truncate', 4, 2), f('Shift', 8, 1), f('MemFmt', 12, 2), f('OffsetCh', 16, 3),
  f('ZeroPadLast', 20, 1), f('ZeroPadFirst', 21, 1), f('CmpVecFill', 22, 1), f('Interleave', 24, 4), f('CmpVec', 28, 4),
];
const l2Dma = [f('DMAFmt', 6, 2), f('DMAInterleave', 8, 4), f('DMACmpVec', 12, 4), f('DMAOffsetCh', 16, 3), f('AliasPlanarSrc', 20, 1), f('AliasPlanarRslt', 22, 1)];

const H14_REGISTERS: readonly RegisterDef[] = [
  ...at('Common', 0x4c, [
    ['InDim', [f('Win', 0, 15), f('Hin', 16, 15)]],
    ['Cin', [f('Cin', 0, 17)]],
    ['Cout', [f('Cout', 0, 17)]],
    ['OutDim', [f('Wout', 0, 15), f('Hout', 16, 15)]],
    ['unk010', []],
    ['unk014', []],
  ]),
  ...at('TileDMASrc', 0x74, [
    ['unk00', []],
    ['RowStride', []],
    ['PlaneStride', []],
    ['DepthStride', []],
    ['GroupStride', []],
    ['unk14', []],
    ['Fmt', srcFmt],
  ]),
  ...at('L2', 0x94, [
    ['SourceCfg', [f('SourceType', 0, 2), f('Dependent', 2, 2), f('AliasConvSrc', 4, 1), f('AliasConvRslt', 5, 1), ...l2Dma]],
    ['SourceChannelStride', [f('Stride', 4, 17)]],
    ['SourceRowStride', [f('Stride', 4, 17)]],
    ['unk_maybe_stride1', []],
    ['unk_maybe_stride2', []],
    ['ResultCfg', [f('ResultType', 0, 2), f('L2BfrMode', 3, 1), f('AliasConvSrc', 4, 1), f('AliasConvRslt', 5, 1), ...l2Dma]],
    ['ResultBase', [f('Addr', 4, 17)]],
  ]),
  ...at('NE', 0xb4, [
    ['KernelCfg', [f('KernelFmt', 0, 2), f('PalettizedEn', 2, 1), f('PalettizedBits', 4, 4), f('SparseFmt', 8, 1), f('GroupKernelReuse', 10, 1)]],
    ['MACCfg', [f('OpMode', 0, 3), f('KernelMode', 3, 1), f('BiasMode', 4, 1), f('MatrixBiasEn', 6, 1), f('BinaryPoint', 8, 5), f('PostScaleMode', 14, 1), f('NonlinearMode', 16, 2)]],
    ['PostScale', [f('PostScale', 0, 16), f('PostRightShift', 16, 5)]],
  ]),
  ...at('TileDMADst', 0xc4, [
    ['unk00', []],
    ['RowStride', []],
    ['PlaneStride', []],
    ['DepthStride', []],
    ['GroupStride', []],
    ['Fmt', dstFmt],
  ]),
];

const hw = (index: number, name: string, description: string): HeaderWordDef => ({ index, name, description, fields: [f(name, 0, 24)] });

/** TDHeader_V11 words 6..9 (td_v11.h calls them "maybe"); words 0..5 are unknown. */
const H14_HEADER: readonly HeaderWordDef[] = [
  hw(6, 'unk_maybe_log_events', 'log events (name unconfirmed in td_v11.h)'),
  hw(7, 'unk_maybe_exceptions', 'exceptions (name unconfirmed in td_v11.h)'),
  hw(8, 'unk_maybe_debug_log_events', 'debug log events (name unconfirmed in td_v11.h)'),
  hw(9, 'unk_maybe_debug_exceptions', 'debug exceptions (name unconfirmed in td_v11.h)'),
];

export const h14: GenerationProfile = {
  name: 'H14',
  chips: 'A15, M2',
  cpusubtypes: [5],
  tdVersion: 11,
  threads: { program: undefined, segment: 4, tensor: 3 },
  layout: {
    encoding: 'fixed',
    headerSizeInBytes: 0x28,
    nextPointerWord: undefined,
    nextSizeWord: undefined,
    addressing: 'task-offset',
    // sizeof(TD_V11) in td_v11.h; generations/matmul_h14.hwx has one such task.
    knownSizes: [{ kind: 'unknown', sizeInBytes: 0x100, firstPacket: undefined }],
  },
  header: H14_HEADER,
  bindings: [],
  // TD_V11 members in task order, the unnamed runs under td_v11.h's own names.
  blocks: [
    { block: 'header', address: 0 },
    { block: 'unk028', address: 0x28 },
    { block: 'Common', address: 0x4c },
    { block: 'unk064', address: 0x64 },
    { block: 'TileDMASrc', address: 0x74 },
    { block: 'unk090', address: 0x90 },
    { block: 'L2', address: 0x94 },
    { block: 'unk0B0', address: 0xb0 },
    { block: 'NE', address: 0xb4 },
    { block: 'unk0C0', address: 0xc0 },
    { block: 'TileDMADst', address: 0xc4 },
    { block: 'unk0DC', address: 0xdc },
  ],
  registers: H14_REGISTERS,
  registersDecoded: true,
  convert: 'refused',
  cleanRules: undefined,
  sources: ['AlexAltea/ane e397b69 src/libane/td_v11.h, tools/ane-disasm/dump_td_v11.cpp', 'AlexAltea/ane e397b69 src/libane/hwx.h (segment state)'],
};
