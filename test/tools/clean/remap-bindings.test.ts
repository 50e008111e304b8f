import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeW8, encodeW8Slot, TASK_HEADER_W8, w8SlotMax, type W8SlotField } from '../../../src/hwx/index.js';
import { maxBindableSlot, rebindWord } from '../../../src/tools/index.js';

const fields: readonly W8SlotField[] = ['rbase0', 'rbase1', 'wbase', 'tbase'];
const word = fc.integer({ min: 0, max: 0xffffffff });

describe('W8 slot encoding', () => {
  it('should set exactly one slot field and keep every other bit', () => {
    fc.assert(
      fc.property(word, fc.constantFrom(...fields), fc.nat(), (w, field, n) => {
        const slot = n % (w8SlotMax(field) + 1);
        const out = encodeW8Slot(w, field, slot);
        const before = decodeW8(w);
        const after = decodeW8(out);
        expect(after[field]).toBe(slot);
        expect({ ...after, [field]: before[field], reads: before.reads, writes: before.writes }).toEqual(before);
        expect(encodeW8Slot(out, field, before[field])).toBe(w >>> 0);
      }),
    );
  });

  it('should refuse a slot its field cannot hold', () => {
    expect(() => encodeW8Slot(0, 'wbase', w8SlotMax('wbase') + 1)).toThrow(RangeError);
  });

  it('should bound remapped slots by the narrowest rewritten field', () => {
    expect(maxBindableSlot).toBe(Math.min(w8SlotMax('rbase0'), w8SlotMax('rbase1'), w8SlotMax('wbase')));
  });

  it('should move only enabled slot fields through the map', () => {
    fc.assert(
      fc.property(word, fc.integer({ min: 0, max: maxBindableSlot }), (w, to) => {
        const before = decodeW8(w);
        const map = new Map([[before.wbase, to]]);
        const header: number[] = [];
        header[TASK_HEADER_W8] = w;
        const after = decodeW8(rebindWord(header, TASK_HEADER_W8, map));
        expect(after.wbase).toBe(before.wbaseEnabled ? to : before.wbase);
        expect(after.tbase).toBe(before.tbase);
        expect(after.ene).toBe(before.ene);
      }),
    );
  });
});
