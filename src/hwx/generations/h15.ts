// H15 (A16, M3; cpusubtype 6; task-descriptor version 8).
//
// Source: freedomtan/coreml_to_ane_hwx ce54664 hwx_dump/hwx_parsing.py: decode_ane_td_m4 (the dense
// task stream it reads for cpusubtypes 5 and 6: task size in word 0, packets from word 8, count or
// mask packet headers), print_common_h14 (the Common words it prints for cpusubtype 6),
// print_l2_h15, print_ne_h15, print_tiledmasrc_h15, print_tiledmadst_h15, print_kerneldmasrc_h15
// (block bases 0x4100, 0x4900, 0x4d00, 0x5100, 0x5500 and the fields each prints), and the
// header-word names of its H16 header comment, which the same function applies to H15. Register
// addresses are byte addresses (the word address times 4). Checked on generations/matmul_h15.hwx:
// Common reads InDim W 2 H 1, Cin 3, Cout 2, OutDim W 2 H 1. freedomtan's h15_register_map.md
// places some Common registers elsewhere; this profile follows the parser, which fits the file.
// Left out on purpose: the parser's TileDMASrc/TileDMADst offsets and NE words past MacCfg, which
// the matmul contradicts (it reads strides 0xc0/0x80 where the parser expects formats and bases,
// and the fp16 1.0 post-scale 0x3c00 where it expects RoundMode); those words stay unnamed.

import type { BitField, GenerationProfile, HeaderWordDef, RegisterDef } from './types.js';

const f = (name: string, shift: number, width: number): BitField => ({ name, shift, width });
type Reg = readonly [offset: number, name: string, fields: readonly BitField[]];

function block(name: string, base: number, regs: readonly Reg[]): RegisterDef[] {
  return regs.map(([offset, reg, fields]) => ({ block: name, name: reg, address: base + offset, fields }));
}

const numbered = (prefix: string, from: number, fields: readonly BitField[]): Reg[] =>
  Array.from({ length: 16 }, (_, i) => [from + i * 4, `${prefix}${i}`, fields] as const);

const dim = [f('W', 0, 15), f('H', 16, 15)];
const dma = [f('En', 0, 1), f('CacheHint', 4, 4), f('DataSetId', 8, 8)];
const l2Cfg = [f('Type', 0, 2), f('DMAFmt', 6, 2), f('Intrlv', 8, 4)];

const H15_REGISTERS: readonly RegisterDef[] = [
  ...block('Common', 0x0000, [
    [0x00, 'InDim', dim],
    [0x04, 'InDepth', [f('D', 0, 15)]],
    [0x08, 'ChCfg', [f('InFmt', 0, 2), f('OutFmt', 4, 2)]],
    [0x0c, 'Cin', [f('Cin', 0, 17)]],
    [0x10, 'Cout', [f('Cout', 0, 17)]],
    [0x14, 'OutDim', dim],
    [0x18, 'OutDepth', [f('D', 0, 15)]],
    [0x20, 'ConvCfg', [f('Kw', 0, 6), f('Kh', 6, 6), f('Sx', 13, 2), f('Sy', 15, 2), f('Pl', 17, 5), f('Pt', 22, 5)]],
    // GUIDE_ANE_HWX_FORMAT.md: for cpusubtypes 5 and 6 the task type is Common word 10, bits 3:0.
    [0x28, 'MacCfg', [f('TaskType', 0, 4)]],
  ]),
  ...block('L2', 0x4100, [
    [0x00, 'L2Ctrl', [f('Src1ReLU', 0, 1), f('PaddingMode', 2, 2), f('Src2ReLU', 4, 1)]],
    [0x04, 'Src1Cfg', [f('Type', 0, 2), f('AliasConvSrc', 4, 1), f('DMAFmt', 6, 2), f('Intrlv', 8, 4)]],
    [0x08, 'Src2Cfg', l2Cfg],
    [0x0c, 'Src1Base', []],
    [0x34, 'ResultCfg', l2Cfg],
    [0x38, 'ResultBase', []],
  ]),
  ...block('NE', 0x4900, [
    [0x00, 'KernelCfg', [f('Fmt', 0, 2), f('PalEn', 2, 1), f('SparseEn', 8, 1), f('Reuse', 10, 1)]],
    [0x04, 'MacCfg', [f('OpMode', 0, 3), f('KMode', 3, 1), f('BiasEn', 4, 1), f('BinPoint', 8, 6), f('NLMode', 16, 2)]],
  ]),
  ...block('KernelDMA', 0x5500, [
    [0x00, 'MasterCfg', [f('GroupKernelReuse', 4, 1), f('SparseFmt', 5, 1), f('MasterEn', 6, 1)]],
    [0x18, 'KernelGroupStride', []],
    [0x1c, 'KernelOCGStride', []],
    ...numbered('CoeffDMAConfig', 0x20, dma),
    ...numbered('CoeffBaseAddr', 0x60, []),
    ...numbered('CoeffBfrSize', 0xa0, []),
  ]),
];

const hw = (index: number, name: string, description: string, fields: readonly BitField[]): HeaderWordDef => ({ index, name, description, fields });

const H15_HEADER: readonly HeaderWordDef[] = [
  hw(0, 'TaskSize', 'task id and task size in words', [f('tid', 0, 16), f('task_size', 16, 11)]),
  hw(1, 'ExeCycles', 'exe cycles', [f('exe_cycles', 0, 16)]),
  hw(2, 'LogEvents', 'log events', [f('log_events', 0, 24)]),
  hw(3, 'Exceptions', 'exceptions', [f('exceptions', 0, 24)]),
  hw(4, 'DebugLogEvents', 'debug log events', [f('debug_log_events', 0, 24)]),
  hw(5, 'DebugExceptions', 'debug exceptions', [f('debug_exceptions', 0, 24)]),
  hw(6, 'LiveOuts', 'live outs', [f('live_outs', 0, 24)]),
  hw(7, 'UnknownFlags', 'flags (unnamed in the source)', []),
];

export const h15: GenerationProfile = {
  name: 'H15',
  chips: 'A16, M3',
  cpusubtypes: [6],
  tdVersion: 8,
  threads: { program: undefined, segment: 4, tensor: 3 },
  layout: {
    encoding: 'dense',
    headerSizeInBytes: 0x20,
    nextPointerWord: undefined,
    // Each task's first word gives its own size (tasks.ts, the dense decoder), not the next one's.
    nextSizeWord: undefined,
    addressing: 'register',
    knownSizes: [{ kind: 'unknown', sizeInBytes: 0x11c, firstPacket: undefined }],
  },
  header: H15_HEADER,
  bindings: [],
  blocks: [
    { block: 'Common', address: 0x0000 },
    { block: 'L2', address: 0x4100 },
    { block: 'PE', address: 0x4500 },
    { block: 'NE', address: 0x4900 },
    { block: 'TileDMASrc', address: 0x4d00 },
    { block: 'TileDMADst', address: 0x5100 },
    { block: 'KernelDMA', address: 0x5500 },
    { block: 'CacheDMA', address: 0x5900 },
  ],
  registers: H15_REGISTERS,
  registersDecoded: true,
  convert: 'refused',
  cleanRules: undefined,
  sources: ['freedomtan/coreml_to_ane_hwx ce54664 hwx_dump/hwx_parsing.py (decode_ane_td_m4, print_common_h14, print_*_h15)'],
};
