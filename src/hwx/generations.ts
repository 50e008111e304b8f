// ANE generation by Mach-O cpusubtype. Unknown subtypes fall back to hex.

export interface Generation {
  readonly cpusubtype: number;
  readonly name: string;
}

// 0 M9 and 2 T0: AlexAltea/ane e397b69 src/libane/hwx.h (enum hwx_cpu_subtype).
export const generations: readonly Generation[] = [
  { cpusubtype: 0, name: 'M9' },
  { cpusubtype: 1, name: 'H11' },
  { cpusubtype: 2, name: 'T0' },
  { cpusubtype: 3, name: 'H12' },
  { cpusubtype: 4, name: 'H13' },
  { cpusubtype: 5, name: 'H14' },
  { cpusubtype: 6, name: 'H15' },
  { cpusubtype: 7, name: 'H16' },
  { cpusubtype: 9, name: 'H17' },
  { cpusubtype: 10, name: 'H18' },
];

/** `H13` for 4, `0x2a` for a subtype nobody has named. */
export function generationName(cpusubtype: number): string {
  const known = generations.find((g) => g.cpusubtype === cpusubtype);
  return known?.name ?? `0x${(cpusubtype >>> 0).toString(16)}`;
}
