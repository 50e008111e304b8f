// Names of task-header words, their bit fields and registers for one ANE generation, from that
// generation's profile (src/hwx/generations/): the one place diff and the reports ask.

import { anecProfile, blockAt, decodeBindings, fieldValue, profiles, readSlots, registerDefAt, writeSlots } from '../hwx/index.js';
import type { BitField, GenerationProfile, HeaderWordDef } from '../hwx/index.js';

export interface FieldMap {
  /** The generation these names belong to. */
  readonly generation: string;
  /** False when no public map names this generation's registers: they are compared by address. */
  readonly registersNamed: boolean;
  /** Header words the profile names, with their bit fields. */
  readonly headerWords: readonly HeaderWordDef[];
  /** Register name at a byte address, undefined when it has none (or the map is not public). */
  readonly registerName: (address: number) => string | undefined;
  /** Bit fields of the register at an address; [] when none are known. */
  readonly registerFields: (address: number) => readonly BitField[];
  /** Register block an address falls in, undefined when unknown. */
  readonly blockOf: (address: number) => string | undefined;
  /** `reads 5, 6; writes 4` from the header's slot bindings (kernel bindings count as reads). */
  readonly bindings: (header: readonly number[]) => string | undefined;
}

function fromProfile(profile: GenerationProfile): FieldMap {
  const decoded = profile.registersDecoded;
  return {
    generation: profile.name,
    registersNamed: decoded,
    headerWords: profile.header,
    registerName: (address) => (decoded ? registerDefAt(profile, address)?.name : undefined),
    registerFields: (address) => (decoded ? (registerDefAt(profile, address)?.fields ?? []) : []),
    blockOf: (address) => (decoded ? blockAt(profile, address) : undefined),
    bindings: (header) => {
      if (profile.bindings.length === 0) return undefined;
      const b = decodeBindings(profile, header);
      return `reads ${readSlots(b).join(', ') || 'nothing'}; writes ${writeSlots(b).join(', ') || 'nothing'}`;
    },
  };
}

/** The names for a generation (null: an .anec file, read with the .anec profile); undefined when unknown. */
export function fieldMapFor(generation: string | null): FieldMap | undefined {
  const profile = generation === null ? anecProfile : profiles.find((p) => p.name === generation);
  return profile === undefined ? undefined : fromProfile(profile);
}

export { fieldValue as bitFieldValue };
