// Decoding words through a profile: bit fields, named register writes, header words, bindings.
// Pure functions over the profile data; nothing here knows a generation by name.

import type {
  Binding,
  BindingDef,
  BitField,
  DecodedField,
  DecodedHeaderWord,
  DecodedRegister,
  GenerationProfile,
  RegisterDef,
} from './types.js';

/** Largest value a field can hold. */
export function fieldMax(field: Pick<BitField, 'width'>): number {
  return field.width >= 32 ? 0xffffffff : (1 << field.width) - 1;
}

/** The field's value in `word`. */
export function fieldValue(word: number, field: Pick<BitField, 'shift' | 'width'>): number {
  return ((word >>> field.shift) & fieldMax(field)) >>> 0;
}

/** `word` with `field` set to `value`; throws RangeError when the value does not fit. */
export function withField(word: number, field: BitField, value: number): number {
  const max = fieldMax(field);
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${field.name}: expected 0..${max}, got ${value}`);
  }
  const mask = (max << field.shift) >>> 0;
  return ((word & ~mask) | ((value << field.shift) >>> 0)) >>> 0;
}

function decodeFields(word: number, fields: readonly BitField[]): DecodedField[] {
  return fields.map((f) => ({ name: f.name, value: fieldValue(word, f) }));
}

const registerIndex = new WeakMap<GenerationProfile, ReadonlyMap<number, RegisterDef>>();

/** The profile's register at an address (or task offset, for fixed layouts), if it names one. */
export function registerDefAt(profile: GenerationProfile, address: number): RegisterDef | undefined {
  let index = registerIndex.get(profile);
  if (index === undefined) {
    index = new Map(profile.registers.map((r) => [r.address, r]));
    registerIndex.set(profile, index);
  }
  return index.get(address);
}

/** The block an address falls in: the nearest block base at or below it. */
export function blockAt(profile: GenerationProfile, address: number): string | undefined {
  let found: { block: string; address: number } | undefined;
  for (const b of profile.blocks) if (b.address <= address && (found === undefined || b.address > found.address)) found = b;
  return found?.block;
}

/** A register write named and split into bit fields by the profile; unnamed addresses keep only their value. */
export function decodeRegisterWrite(profile: GenerationProfile, address: number, value: number): DecodedRegister {
  if (!profile.registersDecoded) return { block: undefined, name: undefined, address, value, fields: [] };
  const def = registerDefAt(profile, address);
  return {
    block: def?.block ?? blockAt(profile, address),
    name: def?.name,
    address,
    value,
    fields: def === undefined ? [] : decodeFields(value, def.fields),
  };
}

/** The task header words the profile names, with their fields. Words it does not name are left out. */
export function decodeHeaderWords(profile: GenerationProfile, header: readonly number[]): DecodedHeaderWord[] {
  const out: DecodedHeaderWord[] = [];
  for (const def of profile.header) {
    const value = header[def.index];
    if (value === undefined) continue;
    out.push({ index: def.index, name: def.name, description: def.description, value, fields: decodeFields(value, def.fields) });
  }
  return out;
}

function decodeBinding(def: BindingDef, header: readonly number[]): Binding | undefined {
  const word = header[def.word];
  if (word === undefined) return undefined;
  return { label: def.label, role: def.role, slot: fieldValue(word, def.slot), enabled: fieldValue(word, def.enable) === 1 };
}

/** Every binding the profile knows in this task header (enabled or not), in the profile's order. */
export function decodeBindings(profile: GenerationProfile, header: readonly number[]): Binding[] {
  return profile.bindings.flatMap((def) => decodeBinding(def, header) ?? []);
}

/** Slots the task reads: enabled r0, r1 and kernel bindings k0..k3, in that order. */
export function readSlots(bindings: readonly Binding[]): number[] {
  return bindings.filter((b) => b.enabled && (b.role === 'read' || b.role === 'kernel')).map((b) => b.slot);
}

/** Slots the task writes: the enabled w binding. */
export function writeSlots(bindings: readonly Binding[]): number[] {
  return bindings.filter((b) => b.enabled && b.role === 'write').map((b) => b.slot);
}

/** The header word holding `label`'s binding with its slot set to `slot` (other bits kept). */
export function withBindingSlot(profile: GenerationProfile, header: readonly number[], label: string, slot: number): number {
  const def = profile.bindings.find((b) => b.label === label);
  if (def === undefined) throw new RangeError(`${profile.name} has no binding ${label}`);
  return withField(header[def.word] ?? 0, def.slot, slot);
}
