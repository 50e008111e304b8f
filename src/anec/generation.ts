// The patched profile's word on files for another ANE generation. libane and the .anec format
// know H13 only. Where the conversion fails anyway, the failure names the generation and the way
// out (the exception type stays upstream's, so the engines still agree); where an H13-layout file
// carries another generation's cpusubtype (upstream converts it without a word), one warning.

import { HWX_MAGIC, MACHO_MAGIC_64, h13, profileFor, tokens } from '../hwx/index.js';
import type { GenerationProfile } from '../hwx/index.js';
import { pyBasename } from './python-semantics.js';

/** The file's generation profile when its Mach-O header says another one than H13. */
function otherGeneration(bytes: Uint8Array): { profile: GenerationProfile; cpusubtype: number } | undefined {
  if (bytes.length < tokens.MACH_HEADER_64.len) return undefined;
  const header = tokens.MACH_HEADER_64.get(bytes, 0);
  if (header.magic !== HWX_MAGIC && header.magic !== MACHO_MAGIC_64) return undefined;
  const profile = profileFor(header.cpusubtype);
  return profile === h13 ? undefined : { profile, cpusubtype: header.cpusubtype };
}

const describe = (p: GenerationProfile): string => (p.chips === 'unknown' || p.chips === 'not public' ? p.name : `${p.name} (${p.chips})`);
/** "an H14", "an M9", "a T0": the article goes by how the first letter is spoken. */
const article = (name: string): string => (/^[AEFHILMNORSX8]/i.test(name) ? 'an' : 'a');

/** `matmul_h14.hwx is an H14 (A15, M2) file; ...`, or undefined for H13 and non-HWX files. */
export function generationRefusal(bytes: Uint8Array, path: string): string | undefined {
  const other = otherGeneration(bytes);
  if (other === undefined) return undefined;
  return `${pyBasename(path)} is ${article(other.profile.name)} ${describe(other.profile)} file (cpusubtype ${other.cpusubtype}); anecc and libane load ${describe(h13)} files only: compile with -t h13`;
}

/** The warning for a converted file whose cpusubtype names another generation, or undefined. */
export function generationWarning(bytes: Uint8Array, path: string): string | undefined {
  const other = otherGeneration(bytes);
  if (other === undefined) return undefined;
  return `${pyBasename(path)} says cpusubtype ${other.cpusubtype}, ${article(other.profile.name)} ${describe(other.profile)} file, but its tasks have the H13 layout; converted as H13, the only generation libane loads`;
}
