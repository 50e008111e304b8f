import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnecHeaderRangeError, decodeAnecHeader, encodeAnecHeader, type AnecHeader } from '../../src/anec/index.js';
import { anecHeaderArb } from '../../support/arbitraries/anec-header.js';

describe('the .anec header codec', () => {
  it('should decode what it encodes', () => {
    fc.assert(
      fc.property(anecHeaderArb, (header) => {
        // Act
        const bytes = encodeAnecHeader(header);
        // Assert
        expect(bytes.length).toBe(0x1000);
        expect(decodeAnecHeader(bytes)).toEqual(header);
      }),
    );
  });

  it('should refuse a value that does not fit, as construct does', () => {
    fc.assert(
      fc.property(anecHeaderArb, fc.integer({ min: 0, max: 191 }), fc.bigInt({ min: -(1n << 70n), max: -1n }), (header, i, bad) => {
        const nchw = [...header.nchw];
        nchw[i] = bad;
        const mutated: AnecHeader = { ...header, nchw };
        expect(() => encodeAnecHeader(mutated)).toThrow(AnecHeaderRangeError);
      }),
    );
  });
});
