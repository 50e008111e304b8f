// Generations whose task layout or register map is not public: their tasks are shown raw (or as
// bare packets where the packet encoding is plain) and never with another generation's names.
//
// Task-descriptor versions: AlexAltea/ane e397b69 src/libane/hwx.c (hwx_td_version_for_cpu:
// T0 4, M9 and H11 5, H12 6). Thread flavors: the corpus files (generations/, compiler 7.5.8)
// carry the program descriptor (flavor 1) up to H13. The 0x1c-byte header and the packet encoding of M9/H11/T0/H12 are observed on those
// files (the first packet header, 0x08018800, sits at task + 0x1c in all four); the names of the
// header words and registers are in no public source. td_v5.h's TD_V5 is the 0x274-byte H13 task
// (ane-disasm skips these smaller files with "smaller than a TD_V5"), so it is not used here.
// H16 = cpusubtype 7, H17 = 9, H18 = 10: freedomtan/coreml_to_ane_hwx ce54664 GUIDE_ANE_HWX_FORMAT.md.

import type { GenerationProfile, KnownTaskSize, TaskLayout } from './types.js';

const size = (sizeInBytes: number): KnownTaskSize => ({ kind: 'unknown', sizeInBytes, firstPacket: undefined });

/** Plain packets after a 0x1c-byte header; sizes from the program descriptor (and the corpus). */
const earlyLayout = (sizes: readonly number[]): TaskLayout => ({
  encoding: 'packets',
  headerSizeInBytes: 0x1c,
  nextPointerWord: undefined,
  nextSizeWord: undefined,
  addressing: 'register',
  knownSizes: sizes.map(size),
});

const rawLayout = (sizes: readonly number[]): TaskLayout => ({
  encoding: 'raw',
  headerSizeInBytes: 0,
  nextPointerWord: undefined,
  nextSizeWord: undefined,
  addressing: 'task-offset',
  knownSizes: sizes.map(size),
});

const HWX_C = 'AlexAltea/ane e397b69 src/libane/hwx.c, hwx.h';

/** A profile that names nothing: no header words, bindings, blocks or registers. */
function unnamed(
  name: string,
  chips: string,
  cpusubtype: number,
  rest: Pick<GenerationProfile, 'tdVersion' | 'threads' | 'layout' | 'sources'>,
): GenerationProfile {
  return { name, chips, cpusubtypes: [cpusubtype], ...rest, header: [], bindings: [], blocks: [], registers: [], registersDecoded: false, convert: 'refused', cleanRules: undefined };
}

function early(name: string, chips: string, cpusubtype: number, tdVersion: number, sizes: readonly number[]): GenerationProfile {
  return unnamed(name, chips, cpusubtype, { tdVersion, threads: { program: 1, segment: undefined, tensor: 3 }, layout: earlyLayout(sizes), sources: [HWX_C] });
}

export const m9 = early('M9', 'A11', 0, 5, [0xec]);
export const h11 = early('H11', 'A12', 1, 5, [0x14c]);
export const t0 = early('T0', 'not public', 2, 4, [0x1cc]);
export const h12 = early('H12', 'A13', 3, 6, [0x14c]);


/** A generation known by name only (H16 and later), or an unknown cpusubtype. */
export function undecodedProfile(name: string, chips: string, cpusubtype: number): GenerationProfile {
  return unnamed(name, chips, cpusubtype, {
    tdVersion: undefined,
    threads: { program: undefined, segment: undefined, tensor: 3 },
    layout: rawLayout([]),
    sources: ['freedomtan/coreml_to_ane_hwx ce54664 GUIDE_ANE_HWX_FORMAT.md (cpusubtype names)'],
  });
}
