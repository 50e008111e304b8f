import { describe, expect, it } from 'vitest';
import { formatRun, registerRuns, type RegisterEntry } from '../../src/tools/index.js';

const unnamed = (address: number, value: number): RegisterEntry => ({ block: 'KernelDMA', register: null, address, value });
const coeff = (i: number, value: number): RegisterEntry => ({ block: 'KernelDMA', register: `CoeffDMAConfig${i}`, address: 0x1f808 + 4 * i, value });
const words = (first: number, count: number, value: number): RegisterEntry[] =>
  Array.from({ length: count }, (_, i) => unnamed(first + 4 * i, value));

describe('registerRuns', () => {
  it('should keep two unnamed runs with one value apart when words lie between them', () => {
    const runs = registerRuns([...words(0x1f8c8, 4, 0x80), ...words(0x1f8e8, 4, 0x80)]);
    expect(runs.map(formatRun)).toEqual(['0x1f8c8..0x1f8d4 = 0x80', '0x1f8e8..0x1f8f4 = 0x80']);
  });

  it('should split a named run where a word is missing, not hide the gap', () => {
    const entries = Array.from({ length: 16 }, (_, i) => coeff(i, 0x80)).filter((e) => e.register !== 'CoeffDMAConfig5');
    expect(registerRuns(entries).map(formatRun)).toEqual([
      'CoeffDMAConfig0..CoeffDMAConfig4 (0x1f808..0x1f818) = 0x80',
      'CoeffDMAConfig6..CoeffDMAConfig15 (0x1f820..0x1f844) = 0x80',
    ]);
  });

  it('should split adjacent words of another value or another name stem', () => {
    const runs = registerRuns([coeff(0, 0x80), coeff(1, 0x81), unnamed(0x1f810, 0x81)]);
    expect(runs.map((r) => r.count)).toEqual([1, 1, 1]);
    expect(runs.map(formatRun)[0]).toBe('CoeffDMAConfig0 (0x1f808) = 0x80');
  });
});
