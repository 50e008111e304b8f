// ANE generations by Mach-O cpusubtype: one profile per task-descriptor version. Adding a
// generation means adding its profile file here and one row below; nothing outside this folder
// names a generation's registers.
//
// cpusubtype names 0-6: AlexAltea/ane e397b69 src/libane/hwx.h; 7 H16, 9 H17, 10 H18 and the chip
// names: freedomtan/coreml_to_ane_hwx ce54664 GUIDE_ANE_HWX_FORMAT.md, hwx_dump/hwx_parsing.m.

import { h13 } from './h13.js';
import { h14 } from './h14.js';
import type { GenerationProfile } from './types.js';
import { h15 } from './h15.js';
import { h11, h12, m9, t0, undecodedProfile } from './undecoded.js';

export type * from './types.js';
export {
  blockAt,
  decodeBindings,
  decodeHeaderWords,
  decodeRegisterWrite,
  fieldMax,
  fieldValue,
  readSlots,
  registerDefAt,
  withBindingSlot,
  withField,
  writeSlots,
} from './decode.js';
export {
  h13,
  H13_BINDINGS,
  H13_BLOCKS,
  H13_CLEAN_RULES,
  H13_COMPACT_SECOND_PACKET,
  H13_COMPACT_TASK,
  H13_FULL_TASK,
  H13_HEADER,
  H13_KERNEL_DMA_ADDRESS,
  H13_REGISTERS,
  H13_TASK_HEADER_SIZE_IN_BYTES,
} from './h13.js';
export { h14 } from './h14.js';
export { h15 } from './h15.js';

export interface Generation {
  readonly cpusubtype: number;
  readonly name: string;
}

const h16 = undecodedProfile('H16', 'A17 Pro, M4', 7);
const h17 = undecodedProfile('H17', 'A18 Pro, M5', 9);
const h18 = undecodedProfile('H18', 'A19', 10);

/** Every generation with a profile, by cpusubtype. */
export const profiles: readonly GenerationProfile[] = [m9, h11, t0, h12, h13, h14, h15, h16, h17, h18];

const byCpusubtype = new Map(profiles.flatMap((p) => p.cpusubtypes.map((s) => [s, p] as const)));

/** Generation names by cpusubtype. */
export const generations: readonly Generation[] = [...byCpusubtype].map(([cpusubtype, p]) => ({ cpusubtype, name: p.name }));

/** `H13` for 4, `0x2a` for a subtype nobody has named. */
export function generationName(cpusubtype: number): string {
  return byCpusubtype.get(cpusubtype)?.name ?? `0x${(cpusubtype >>> 0).toString(16)}`;
}

/** The profile for a cpusubtype; an unknown subtype gets an undecoded profile named by its hex. */
export function profileFor(cpusubtype: number): GenerationProfile {
  return byCpusubtype.get(cpusubtype) ?? undecodedProfile(generationName(cpusubtype), 'unknown', cpusubtype);
}

/** The profile .anec files are read with: libane and the .anec format know H13 only. */
export const anecProfile: GenerationProfile = h13;

/** One line for a generation whose registers are not decoded (empty string when they are). */
export function undecodedNote(profile: GenerationProfile, cpusubtype: number): string {
  if (profile.registersDecoded) return '';
  const version = profile.tdVersion === undefined ? 'unknown task-descriptor version' : `task-descriptor version ${profile.tdVersion}`;
  return `${profile.name} (cpusubtype ${cpusubtype}, ${version}): no public register map, so its tasks are shown raw and its registers are not decoded`;
}
