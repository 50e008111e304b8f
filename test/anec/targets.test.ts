import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANEC_TARGETS, DEFAULT_TARGET, detectAnecLayout, encodeAnecHeader, findAnecTarget, layOutAnec, type AnecHeader } from '../../src/anec/index.js';
import { anecHeaderArb } from '../../support/arbitraries/anec-header.js';
import { anecFile } from '../tools/helpers.js';

const targetArb = fc.constantFrom(...ANEC_TARGETS);
const payloadArb = fc.uint8Array({ minLength: 0, maxLength: 512 });

/** A header whose size field says how long the payload is, as every file anecc writes has. */
const sized = (header: AnecHeader, payload: Uint8Array): AnecHeader => ({ ...header, size: BigInt(payload.length) });

describe('.anec targets', () => {
  it('should name anecc-1.0.9 (payload at 0x1000, the default) and libane (0x800)', () => {
    expect(DEFAULT_TARGET).toMatchObject({ name: 'anecc-1.0.9', payloadOffset: 0x1000 });
    expect(findAnecTarget('libane')).toMatchObject({ payloadOffset: 0x800 });
    expect(findAnecTarget('libane-2')).toBeUndefined();
  });

  it('should keep the header fields and the payload and zero the rest, for any target, and come back byte for byte', () => {
    fc.assert(
      fc.property(anecHeaderArb, payloadArb, targetArb, (header, payload, target) => {
        // Arrange
        const original = { header: encodeAnecHeader(sized(header, payload)), payload };
        // Act
        const laid = layOutAnec(original, target);
        const back = layOutAnec(laid, DEFAULT_TARGET);
        // Assert
        expect(laid.header.length).toBe(target.payloadOffset);
        expect(laid.header.subarray(0, 0x6a8)).toEqual(original.header.subarray(0, 0x6a8));
        expect(laid.header.subarray(0x6a8).every((b) => b === 0)).toBe(true);
        expect(laid.payload).toBe(payload);
        expect(anecFile(back)).toEqual(anecFile(original));
      }),
    );
  });

  it('should detect the layout of any file anecc writes from its size', () => {
    fc.assert(
      fc.property(anecHeaderArb, payloadArb, targetArb, (header, payload, target) => {
        const bytes = anecFile(layOutAnec({ header: encodeAnecHeader(sized(header, payload)), payload }, target));
        expect(detectAnecLayout(bytes, BigInt(payload.length))).toEqual({ target, evidence: 'size' });
      }),
    );
  });
});
