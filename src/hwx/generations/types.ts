// The model of an ANE generation profile: everything that differs between task-descriptor
// versions, as data. Each profile file (h13.ts, h14.ts, ...) fills it from public sources and
// cites them; the decoders in decode.ts and the readers outside this folder read only this model.

/** A bit field of a 32-bit word: `(word >>> shift) & ((1 << width) - 1)`. */
export interface BitField {
  readonly name: string;
  readonly shift: number;
  readonly width: number;
}

/** A register (or a task word) with its name, where it sits and its bit fields. */
export interface RegisterDef {
  readonly block: string;
  readonly name: string;
  /**
   * Where the register is: a byte address in the register space for packet-encoded tasks, a byte
   * offset inside the task for fixed-layout tasks (see `TaskLayout.addressing`).
   */
  readonly address: number;
  /** Empty when the sources name the word but not its bits (the whole word is the value). */
  readonly fields: readonly BitField[];
}

export interface RegisterBlockDef {
  readonly block: string;
  readonly address: number;
}

/** One task header word. */
export interface HeaderWordDef {
  readonly index: number;
  readonly name: string;
  readonly description: string;
  readonly fields: readonly BitField[];
}

export type BindingRole = 'read' | 'write' | 'tile' | 'kernel';

/** One buffer-slot binding held in a task header word: a slot number and its enable bit. */
export interface BindingDef {
  /** As ane-disasm prints them: r0, r1, w, t, k0..k3. */
  readonly label: string;
  readonly role: BindingRole;
  /** Index of the header word that holds it. */
  readonly word: number;
  readonly slot: BitField;
  readonly enable: BitField;
}

/** A task size a generation is known to produce, and the first packet that marks it (if any). */
export interface KnownTaskSize {
  readonly kind: 'full' | 'compact' | 'unknown';
  readonly sizeInBytes: number;
  readonly firstPacket: number | undefined;
}

/**
 * How a task is laid out in `__text`:
 * - `packets`: header words, then packets `(count - 1) << 26 | byte address` followed by count values
 *   (H13 and, with a shorter header, M9/H11/T0/H12);
 * - `fixed`: registers sit at fixed byte offsets of the task (H14 as AlexAltea/ane td_v11.h reads it);
 * - `dense`: H15 as freedomtan/coreml_to_ane_hwx hwx_dump/hwx_parsing.py (decode_ane_td_m4) reads
 *   it: each task's first word gives its size in words (bits 26:16; a 16-byte record with size 0 is
 *   skipped), header words, then packets whose header holds a word address (bits 14:0) and either a
 *   count (bit 31 clear: bits 20:15 + 1 consecutive words) or a mask (bit 31 set: one word at the
 *   address, then one per set bit b of bits 30:15 at address + b + 1);
 * - `raw`: nothing public says how to read it: the task is one run of words.
 */
export interface TaskLayout {
  readonly encoding: 'packets' | 'fixed' | 'dense' | 'raw';
  /** Header bytes before the first packet (or before the first fixed register). */
  readonly headerSizeInBytes: number;
  /** Header word holding the next task's offset from the stream start, when the layout has one. */
  readonly nextPointerWord: number | undefined;
  /** Header word whose bits 24:16 give the next task's size in words minus one (H13 W1). */
  readonly nextSizeWord: number | undefined;
  /** What `RegisterDef.address` means for this layout. */
  readonly addressing: 'register' | 'task-offset';
  readonly knownSizes: readonly KnownTaskSize[];
}

/** LC_THREAD flavors this generation writes (AlexAltea/ane e397b69 src/libane/hwx.h). */
export interface ThreadFlavors {
  /** 1: the program descriptor (slot table, first task); H14/H15 carry 4, the segment state, instead. */
  readonly program: number | undefined;
  readonly segment: number | undefined;
  readonly tensor: number;
}

/**
 * What `clean` may zero in a task that uses no kernel: the coefficient DMA config words whose
 * enable bit says a kernel is read, and every register clean zeroes then (configs, buffer sizes,
 * the NE kernel registers). A generation without rules is never cleaned.
 */
export interface CleanRules {
  readonly coefficientConfigs: readonly number[];
  readonly enableBit: number;
  readonly cleanable: readonly number[];
}

/** What `anecc FILE` does with a file of this generation. */
export type ConvertSupport = 'converts' | 'refused';

export interface GenerationProfile {
  /** Short name used in messages and JSON: H13, H14, M9 ... */
  readonly name: string;
  /** Chips, for people: `M1`, `A15, M2` ... */
  readonly chips: string;
  readonly cpusubtypes: readonly number[];
  /** Task-descriptor version (AlexAltea/ane hwx.c; `ZinAneTd<n>` in freedomtan's notes), undefined when unknown. */
  readonly tdVersion: number | undefined;
  readonly threads: ThreadFlavors;
  readonly layout: TaskLayout;
  /** Header words with names and bit fields; empty when no public source names them. */
  readonly header: readonly HeaderWordDef[];
  readonly bindings: readonly BindingDef[];
  readonly blocks: readonly RegisterBlockDef[];
  readonly registers: readonly RegisterDef[];
  /** True when registers are named from a public map; false: shown raw, never with another generation's names. */
  readonly registersDecoded: boolean;
  readonly convert: ConvertSupport;
  /** Rules `clean` and `--clean` apply; undefined: clean refuses this generation. */
  readonly cleanRules: CleanRules | undefined;
  /** Public sources of this profile's facts (repo, path, commit). */
  readonly sources: readonly string[];
}

/** A bit field's value. */
export interface DecodedField {
  readonly name: string;
  readonly value: number;
}

/** A register write with its name and fields, per one profile. */
export interface DecodedRegister {
  readonly block: string | undefined;
  readonly name: string | undefined;
  readonly address: number;
  readonly value: number;
  readonly fields: readonly DecodedField[];
}

/** One buffer-slot binding of a task. */
export interface Binding {
  readonly label: string;
  readonly role: BindingRole;
  readonly slot: number;
  readonly enabled: boolean;
}

/** A task header word with its name and fields. */
export interface DecodedHeaderWord {
  readonly index: number;
  readonly name: string;
  readonly description: string;
  readonly value: number;
  readonly fields: readonly DecodedField[];
}
