// H13 (M1; cpusubtype 4; task-descriptor version 7). Every fact below is cited; the register
// block bases and the packet layout were also checked against the corpus (each packet of a 0x274
// task starts at its block's first address).
//
// Sources:
// [A] AlexAltea/ane e397b69 src/libane/td_v7.h (TDHeader_V7: header word bit fields) and
//     src/libane/td_v5.h (TD_V5, the 0x274-byte task: CommonHeader_V5, TileDMASrc_V5, L2Config_V5,
//     NEConfig_V5, TileDMADst_V5, KernelDMASrc_V5 bit fields); tools/ane-disasm/main.cpp decodes
//     version 7 with the TD_V5 dumper, so these are the fields ane-disasm prints for H13.
// [T] tinygrad/tinygrad 0459b03 extra/accel/ane/aneregs (ZinIrRegBitPrintOutDebug_7u_: Apple's own
//     names for the H13 header and register fields).
// [F] freedomtan/coreml_to_ane_hwx ce54664 hwx_dump/h13_register_map.md (PE block bit fields,
//     which [A] leaves undecoded).

import type { BindingDef, BitField, CleanRules, GenerationProfile, HeaderWordDef, RegisterBlockDef, RegisterDef } from './types.js';

const f = (name: string, shift: number, width: number): BitField => ({ name, shift, width });

/** Block bases [A] [T] (the packet addresses in aneregs: 0x1f800, 0, 0x13800, 0x4800, 0x8800, 0xc800, 0x17800). */
export const H13_BLOCKS: readonly RegisterBlockDef[] = [
  { block: 'Common', address: 0x0000 },
  { block: 'L2', address: 0x4800 },
  { block: 'PE', address: 0x8800 },
  { block: 'NE', address: 0xc800 },
  { block: 'TileDMASrc', address: 0x13800 },
  { block: 'TileDMADst', address: 0x17800 },
  { block: 'KernelDMA', address: 0x1f800 },
];

const REGISTER_BYTES = 4;
type Reg = readonly [name: string, fields: readonly BitField[]] | undefined;

function run(block: string, regs: readonly Reg[], from = 0): RegisterDef[] {
  const base = (H13_BLOCKS.find((b) => b.block === block)?.address ?? 0) + from;
  const out: RegisterDef[] = [];
  regs.forEach((reg, i) => {
    if (reg !== undefined) out.push({ block, name: reg[0], address: base + i * REGISTER_BYTES, fields: reg[1] });
  });
  return out;
}

const numbered = (prefix: string, count: number, fields: readonly BitField[]): Reg[] =>
  Array.from({ length: count }, (_, i) => [`${prefix}${i}`, fields] as const);

const u = undefined;
const dim = (w: string, h: string) => [f(w, 0, 15), f(h, 16, 15)];
const stride = [f('Stride', 4, 17)];
// [A] DMASrcFormat_V5 / DMADstFormat_V5.
const srcFmt = [f('FmtMode', 0, 2), f('Truncate', 4, 2), f('Shift', 8, 1), f('MemFmt', 12, 2), f('OffsetCh', 16, 3), f('Interleave', 24, 4), f('CmpVec', 28, 4)];
const dstFmt = [
  f('FmtMode', 0, 2), f('Truncate', 4, 2), f('Shift', 8, 1), f('MemFmt', 12, 2), f('OffsetCh', 16, 3),
  f('ZeroPadLast', 20, 1), f('ZeroPadFirst', 21, 1), f('CmpVecFill', 22, 1), f('Interleave', 24, 4), f('CmpVec', 28, 4),
];
// [A] L2Config_V5 SourceCfg / ResultCfg.
const l2Dma = [f('DMAFmt', 6, 2), f('DMAInterleave', 8, 4), f('DMACmpVec', 12, 4), f('DMAOffsetCh', 16, 3), f('AliasPlanarSrc', 20, 1), f('AliasPlanarRslt', 22, 1)];
// [A] KernelDMASrc_V5 coeff_dma_config; [T] CoeffDMAConfig En/CrH/CacheHint/PrefetchParticipateEn.
const coeffConfig = [f('en', 0, 1), f('cr_h', 4, 2), f('cache_hint', 6, 4), f('prefetch_participate_en', 28, 1)];

export const H13_REGISTERS: readonly RegisterDef[] = [
  ...run('Common', [
    ['InDim', dim('Win', 'Hin')],
    u,
    ['ChCfg', [f('InFmt', 0, 2), f('OutFmt', 4, 2)]],
    ['Cin', [f('Cin', 0, 17)]],
    ['Cout', [f('Cout', 0, 17)]],
    ['OutDim', dim('Wout', 'Hout')],
    u,
    ['ConvCfg', [f('Kw', 0, 5), f('Kh', 5, 5), f('OCGSize', 10, 3), f('Sx', 13, 2), f('Sy', 15, 2), f('Px', 17, 5), f('Py', 22, 5), f('Ox', 28, 2), f('Oy', 30, 2)]],
    u,
    ['GroupConvCfg', [f('NumGroups', 0, 13), f('UnicastEn', 14, 1), f('ElemMultMode', 15, 1), f('UnicastCin', 16, 16)]],
    ['TileCfg', [f('TileHeight', 0, 15)]],
    u,
    u,
    ['Cfg', [f('SmallSourceMode', 2, 1), f('ShPref', 8, 3), f('ShMin', 12, 3), f('ShMax', 16, 3), f('ActiveNE', 19, 3), f('ContextSwitchIn', 22, 1), f('ContextSwitchOut', 24, 1), f('AccDoubleBufEn', 26, 1)]],
    ['TaskInfo', [f('TaskID', 0, 16), f('TaskQ', 16, 4), f('NID', 20, 8)]],
    ['DPE', [f('Category', 0, 4)]],
  ]),
  ...run('L2', [
    ['L2Cfg', [f('InputReLU', 0, 1), f('PaddingMode', 2, 2)]],
    ['SourceCfg', [f('SourceType', 0, 2), f('Dependent', 2, 2), f('AliasConvSrc', 4, 1), f('AliasConvRslt', 5, 1), ...l2Dma]],
    ['SourceBase', [f('Addr', 4, 17)]],
    ['SourceChannelStride', stride],
    ['SourceRowStride', stride],
    u, u, u, u, u, u, u,
    ['ResultCfg', [f('ResultType', 0, 2), f('L2BfrMode', 3, 1), f('AliasConvSrc', 4, 1), f('AliasConvRslt', 5, 1), ...l2Dma]],
    ['ResultBase', [f('Addr', 4, 17)]],
    ['ConvResultChannelStride', stride],
    ['ConvResultRowStride', stride],
  ]),
  // [F] PE block.
  ...run('PE', [
    ['PECfg', [f('En', 1, 1), f('OpMode', 2, 3), f('ReluEn', 5, 1), f('Cond', 6, 1), f('FirstSrc', 16, 1), f('SecSrc', 18, 2)]],
    ['BiasScale', [f('Bias', 0, 16), f('Scale', 16, 16)]],
    ['PreScale', [f('PreScale', 0, 16)]],
    ['FinalScale', []],
  ]),
  ...run('NE', [
    ['KernelCfg', [f('KernelFmt', 0, 2), f('PalettizedEn', 2, 1), f('PalettizedBits', 4, 4), f('SparseFmt', 8, 1), f('GroupKernelReuse', 10, 1)]],
    ['MACCfg', [f('OpMode', 0, 3), f('KernelMode', 3, 1), f('BiasMode', 4, 1), f('MatrixBiasEn', 6, 1), f('BinaryPoint', 8, 5), f('PostScaleMode', 14, 1), f('NonlinearMode', 16, 2)]],
    ['MatrixVectorBias', [f('MatrixVectorBias', 0, 16)]],
    ['AccBias', [f('AccBias', 0, 16), f('AccBiasShift', 16, 5)]],
    ['PostScale', [f('PostScale', 0, 16), f('PostRightShift', 16, 5)]],
  ]),
  ...run('TileDMASrc', [
    ['SrcDMAConfig', [f('en', 0, 1), f('cr_h', 4, 2), f('cache_hint', 6, 4), f('cache_hint_reuse', 10, 4), f('cache_hint_noreuse', 14, 4), f('dependency_mode', 18, 2)]],
    u,
    ['SrcBaseAddr', []],
    ['SrcRowStride', []],
    ['SrcPlaneStride', []],
    ['SrcDepthStride', []],
    ['SrcGroupStride', []],
    u, u, u, u, u, u, u,
    ['SrcFmt', srcFmt],
    u, u, u, u, u,
    ...numbered('SrcPixelOffset', 4, []),
  ]),
  ...run('TileDMADst', [
    ['DstDMAConfig', [f('en', 0, 1), f('cr_h', 4, 2), f('cache_hint', 6, 4), f('l2_bfr_mode', 26, 1), f('bypass_eow', 27, 1)]],
    ['DstBaseAddr', []],
    ['DstRowStride', []],
    ['DstPlaneStride', []],
    ['DstDepthStride', []],
    ['DstGroupStride', []],
    ['DstFmt', dstFmt],
  ]),
  // [A] KernelDMASrc_V5 at TD+0x34 = register 0x1f808 (TD+0x28 is the packet header, +0x2c/+0x30 0x1f800/4).
  ...run('KernelDMA', [...numbered('CoeffDMAConfig', 16, coeffConfig), ...numbered('CoeffBaseAddr', 16, []), ...numbered('CoeffBfrSize', 16, [])], 8),
];

const hw = (index: number, name: string, description: string, fields: readonly BitField[]): HeaderWordDef => ({ index, name, description, fields });
const w24 = (name: string) => [f(name, 0, 24)];

/** Task header words W0..W9 with [A] TDHeader_V7 bit fields ([T] names the same fields). */
export const H13_HEADER: readonly HeaderWordDef[] = [
  hw(0, 'W0', 'task id and network id', [f('tid', 0, 16), f('nid', 16, 8), f('lnid', 24, 1), f('eon', 25, 1)]),
  hw(1, 'W1', 'exe cycles and next task size in words minus one', [f('exe_cycles', 0, 16), f('next_size', 16, 9)]),
  hw(2, 'W2', 'log events', w24('log_events')),
  hw(3, 'W3', 'exceptions', w24('exceptions')),
  hw(4, 'W4', 'debug log events', w24('debug_log_events')),
  hw(5, 'W5', 'debug exceptions', w24('debug_exceptions')),
  hw(6, 'W6', 'flags', [
    f('disallow_abort', 8, 1), f('td_skip', 9, 1), f('kpc', 10, 1), f('spl', 11, 1), f('tsr', 12, 1), f('spc', 13, 1), f('dpc', 14, 1), f('tse', 15, 1),
    f('next_priority', 16, 6), f('tde', 24, 1), f('src_loc', 28, 1), f('dst_loc', 29, 1), f('tq_dis', 31, 1),
  ]),
  hw(7, 'W7', 'next task pointer', [f('next_pointer', 0, 32)]),
  hw(8, 'W8', 'buffer-slot bindings', [
    f('rbase0', 0, 5), f('rbe0', 5, 1), f('rbase1', 6, 5), f('rbe1', 11, 1), f('wbase', 12, 5), f('wbe', 17, 1), f('tbase', 18, 5), f('tbe', 23, 1), f('ene', 24, 3),
  ]),
  hw(9, 'W9', 'kernel slot bindings', [
    f('kbase0', 0, 5), f('kbe0', 5, 1), f('kbase1', 6, 5), f('kbe1', 11, 1), f('kbase2', 12, 5), f('kbe2', 17, 1), f('kbase3', 18, 5), f('kbe3', 23, 1),
  ]),
];

const binding = (label: string, role: BindingDef['role'], word: number, shift: number): BindingDef => ({
  label,
  role,
  word,
  slot: f(`${label} slot`, shift, 5),
  enable: f(`${label} enable`, shift + 5, 1),
});

/** r0/r1/w/t in W8 and k0..k3 in W9, as ane-disasm prints them [A]. */
export const H13_BINDINGS: readonly BindingDef[] = [
  binding('r0', 'read', 8, 0),
  binding('r1', 'read', 8, 6),
  binding('w', 'write', 8, 12),
  binding('t', 'tile', 8, 18),
  binding('k0', 'kernel', 9, 0),
  binding('k1', 'kernel', 9, 6),
  binding('k2', 'kernel', 9, 12),
  binding('k3', 'kernel', 9, 18),
];

/** The full task (62 words to KernelDMA first) and the compact v9 task (18 words), both checked on the corpus. */
export const H13_FULL_TASK = { kind: 'full', sizeInBytes: 0x274, firstPacket: 0xf401f800 } as const;
export const H13_COMPACT_TASK = { kind: 'compact', sizeInBytes: 0x1f8, firstPacket: 0x4401f800 } as const;
/** The compact task's second packet: 12 words at KernelDMA + 0xc8 (checked on mul_macos26_m1.hwx). */
export const H13_COMPACT_SECOND_PACKET = 0x2c01f8c8;
/** Byte offset of the first packet inside a task (after W0..W9). */
export const H13_TASK_HEADER_SIZE_IN_BYTES = 0x28;
/** KernelDMA block base: every H13 task's first packet writes here. */
export const H13_KERNEL_DMA_ADDRESS = 0x1f800;
/**
 * KernelDMA words after CoeffBfrSize15, unnamed in public dumps: every corpus file fills them like
 * the coefficient registers (4 like CoeffDMAConfig, 4 like CoeffBaseAddr, 4 like CoeffBfrSize);
 * the compact task writes them with its second packet.
 */
const H13_KERNEL_DMA_TAIL = { configAddress: 0x1f8c8, sizeAddress: 0x1f8e8, groupCount: 4 } as const;
/** Bit 0 of a CoeffDMAConfig word (`en` in td_v5.h): that coefficient channel is enabled. */
const H13_COEFF_DMA_ENABLE_BIT = 0x1;

const tail = (first: number): number[] => Array.from({ length: H13_KERNEL_DMA_TAIL.groupCount }, (_, i) => first + i * REGISTER_BYTES);
const addressesOf = (block: string, test: (name: string) => boolean): number[] =>
  H13_REGISTERS.filter((r) => r.block === block && test(r.name)).map((r) => r.address);
const coefficientConfigs = [...addressesOf('KernelDMA', (n) => n.startsWith('CoeffDMAConfig')), ...tail(H13_KERNEL_DMA_TAIL.configAddress)];

/**
 * Kernel tasks in the corpus (conv, gemm, sigmoid) write 0x81 to the coefficient configs;
 * elementwise ones 0x80 (v4, v7, v9) or 0 (v5). In a task that uses no kernel the configs, buffer
 * sizes and NE KernelCfg/MACCfg carry no meaning; clean sets them to 0, as compiler v5.4.1 writes.
 */
export const H13_CLEAN_RULES: CleanRules = {
  coefficientConfigs,
  enableBit: H13_COEFF_DMA_ENABLE_BIT,
  cleanable: [
    ...coefficientConfigs,
    ...addressesOf('KernelDMA', (n) => n.startsWith('CoeffBfrSize')),
    ...tail(H13_KERNEL_DMA_TAIL.sizeAddress),
    ...addressesOf('NE', (n) => n === 'KernelCfg' || n === 'MACCfg'),
  ],
};

export const h13: GenerationProfile = {
  name: 'H13',
  chips: 'A14, M1',
  cpusubtypes: [4],
  tdVersion: 7,
  threads: { program: 1, segment: undefined, tensor: 3 },
  layout: {
    encoding: 'packets',
    headerSizeInBytes: H13_TASK_HEADER_SIZE_IN_BYTES,
    nextPointerWord: 7,
    nextSizeWord: 1,
    addressing: 'register',
    knownSizes: [H13_FULL_TASK, H13_COMPACT_TASK],
  },
  header: H13_HEADER,
  bindings: H13_BINDINGS,
  blocks: H13_BLOCKS,
  registers: H13_REGISTERS,
  registersDecoded: true,
  convert: 'converts',
  cleanRules: H13_CLEAN_RULES,
  sources: [
    'AlexAltea/ane e397b69 src/libane/td_v7.h, src/libane/td_v5.h, tools/ane-disasm/',
    'tinygrad/tinygrad 0459b03 extra/accel/ane/aneregs',
    'freedomtan/coreml_to_ane_hwx ce54664 hwx_dump/h13_register_map.md (PE)',
  ],
};
