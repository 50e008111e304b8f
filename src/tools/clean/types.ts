// What clean and remap did to a payload, one value per word changed.

/** A register set to 0 by clean. */
export interface RegisterChange {
  readonly kind: 'register';
  readonly task: number;
  readonly address: number;
  /** Name from the H13 table, undefined for unnamed addresses. */
  readonly register: string | undefined;
  readonly block: string | undefined;
  /** Byte offset of the value in the payload. */
  readonly offset: number;
  readonly before: number;
  readonly after: number;
}

/** One slot a remap moved: the tensor bound at `from` is now bound at `to`. */
export interface SlotMove {
  readonly from: number;
  readonly to: number;
  readonly role: 'input' | 'output';
  readonly name: string | undefined;
}

/** A task's binding word (W8, or W9 for kernel slots) rewritten by remap. */
export interface BindingChange {
  readonly kind: 'bindings';
  readonly task: number;
  /** Which header word: 8 (reads, write) or 9 (kernel slots). */
  readonly word: number;
  /** Byte offset of that word in the payload. */
  readonly offset: number;
  readonly before: number;
  readonly after: number;
  readonly moves: readonly SlotMove[];
}

export type PayloadChange = RegisterChange | BindingChange;

export interface PayloadEdit {
  /** A new array; the input payload is never changed. */
  readonly payload: Uint8Array;
  readonly changes: readonly PayloadChange[];
}
