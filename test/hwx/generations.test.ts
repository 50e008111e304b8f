import { describe, expect, it } from 'vitest';
import {
  decodeBindings,
  decodeHeaderWords,
  decodeRegisterWrite,
  generationName,
  h13,
  h14,
  profileFor,
  profiles,
  readHwx,
  readSlots,
  undecodedNote,
  withBindingSlot,
  writeSlots,
} from '../../src/hwx/index.js';
import type { DecodedRegister, GenerationProfile, HwxFile } from '../../src/hwx/index.js';
import { corpusSkipReason, readCorpusFile } from '../../support/corpus.js';

const fieldsOf = (r: DecodedRegister) => Object.fromEntries(r.fields.map((f) => [f.name, f.value]));

describe('generation profiles', () => {
  it('should pick the profile and task-descriptor version from the cpusubtype', () => {
    // Arrange / Act
    const got = [0, 1, 2, 3, 4, 5, 6, 7, 9, 10].map((s) => [profileFor(s).name, profileFor(s).tdVersion]);
    // Assert: versions per AlexAltea/ane hwx.c; H16+ have none public.
    expect(got).toEqual([
      ['M9', 5], ['H11', 5], ['T0', 4], ['H12', 6], ['H13', 7], ['H14', 11], ['H15', 8], ['H16', undefined], ['H17', undefined], ['H18', undefined],
    ]);
  });

  it('should give an unknown cpusubtype an undecoded profile named by its hex', () => {
    const p = profileFor(0x2a);
    expect(p.name).toBe('0x2a');
    expect(generationName(0x2a)).toBe('0x2a');
    expect(p.registersDecoded).toBe(false);
    expect(undecodedNote(p, 0x2a)).toBe('0x2a (cpusubtype 42, unknown task-descriptor version): no public register map, so its tasks are shown raw and its registers are not decoded');
  });

  it('should never name a register or header word in a profile that does not decode them', () => {
    for (const p of profiles.filter((q) => !q.registersDecoded)) {
      expect(p.registers, p.name).toEqual([]);
      expect(p.header, p.name).toEqual([]);
      expect(decodeRegisterWrite(p, 0, 0x10002)).toEqual({ block: undefined, name: undefined, address: 0, value: 0x10002, fields: [] });
    }
  });

  it('should keep each profile self-consistent: unique addresses, fields inside 32 bits, one profile per cpusubtype', () => {
    const seen = new Set<number>();
    for (const p of profiles) {
      const addresses = p.registers.map((r) => r.address);
      expect(new Set(addresses).size, p.name).toBe(addresses.length);
      for (const r of p.registers) for (const f of r.fields) expect(f.shift + f.width, `${p.name} ${r.name}.${f.name}`).toBeLessThanOrEqual(32);
      for (const s of p.cpusubtypes) {
        expect(seen.has(s)).toBe(false);
        seen.add(s);
      }
    }
  });

  it('should decode an H13 register write into named bit fields', () => {
    expect(fieldsOf(decodeRegisterWrite(h13, 0x0000, 0x00010002))).toEqual({ Win: 2, Hin: 1 });
    const mac = decodeRegisterWrite(h13, 0xc804, 0x00101c00);
    expect(mac).toMatchObject({ block: 'NE', name: 'MACCfg' });
    expect(fieldsOf(mac)).toMatchObject({ OpMode: 0, KernelMode: 0, BinaryPoint: 0x1c, NonlinearMode: 0 });
    expect(decodeRegisterWrite(h13, 0xc820, 7)).toEqual({ block: 'NE', name: undefined, address: 0xc820, value: 7, fields: [] });
  });

  it('should decode H13 bindings with kernel slots and count kernels as reads', () => {
    // W8 0x02026025, W9 0x24: generations/matmul_h13.hwx (ane-disasm: r0 5, w 6, k0 4).
    const header = [0, 0, 0, 0, 0, 0, 0, 0, 0x02026025, 0x24];
    const bindings = decodeBindings(h13, header);
    expect(bindings.filter((b) => b.enabled).map((b) => [b.label, b.slot])).toEqual([['r0', 5], ['w', 6], ['k0', 4]]);
    expect(readSlots(bindings)).toEqual([5, 4]);
    expect(writeSlots(bindings)).toEqual([6]);
    expect(withBindingSlot(h13, header, 'k0', 7)).toBe(0x27);
    expect(() => withBindingSlot(h13, header, 'k0', 32)).toThrow(RangeError);
    expect(decodeHeaderWords(h13, header).find((w) => w.name === 'W8')?.fields.find((f) => f.name === 'ene')?.value).toBe(2);
  });

  it('should read H14 registers at task offsets (td_v11.h)', () => {
    expect(h14.layout.addressing).toBe('task-offset');
    expect(decodeRegisterWrite(h14, 0x50, 3)).toMatchObject({ block: 'Common', name: 'Cin', fields: [{ name: 'Cin', value: 3 }] });
  });
});

const skip = corpusSkipReason();

/** Cin, Cout, InDim and OutDim of the first task, through the file's own profile. */
function geometry(file: HwxFile, profile: GenerationProfile): Record<string, number> {
  const out: Record<string, number> = {};
  for (const w of file.taskStream?.tasks[0]?.writes ?? []) {
    const r = decodeRegisterWrite(profile, w.address, w.value);
    if (r.block !== 'Common' || r.name === undefined) continue;
    for (const f of r.fields) out[`${r.name}.${f.name}`] = f.value;
  }
  return out;
}

describe.skipIf(skip !== undefined)('generation profiles on generations/', () => {
  const matmul = { 'Cin.Cin': 3, 'Cout.Cout': 2, 'InDim.Win': 2, 'InDim.Hin': 1, 'OutDim.Wout': 2, 'OutDim.Hout': 1 };

  for (const name of ['matmul_h13.hwx', 'matmul_h14.hwx']) {
    it(`should read the matmul geometry of ${name} through its profile`, () => {
      const file = readHwx(readCorpusFile(`generations/${name}`));
      expect(geometry(file, profileFor(file.header.cpusubtype))).toMatchObject(matmul);
    });
  }

  it('should read the matmul geometry of matmul_h15.hwx through its dense task stream', () => {
    const file = readHwx(readCorpusFile('generations/matmul_h15.hwx'));
    expect(file.warnings).toEqual([]);
    expect(file.taskStream?.tasks.map((t) => [t.offset - 0x4000, t.size])).toEqual([[0x10, 0x11c]]);
    expect(geometry(file, profileFor(6))).toMatchObject({ 'Cin.Cin': 3, 'Cout.Cout': 2, 'InDim.W': 2, 'InDim.H': 1, 'OutDim.W': 2, 'OutDim.H': 1 });
  });

  it('should bind the H13 matmul: k0 = slot 4 (A), r0 = slot 5 (B), w = slot 6', () => {
    const file = readHwx(readCorpusFile('generations/matmul_h13.hwx'));
    const bindings = decodeBindings(h13, file.taskStream?.tasks[0]?.header ?? []);
    expect(bindings.filter((b) => b.enabled).map((b) => `${b.label}=${b.slot}`)).toEqual(['r0=5', 'w=6', 'k0=4']);
    expect(file.tensors.map((t) => [t.name, t.slot])).toEqual([['A', 4], ['B', 5], ['matmul_0', 6]]);
  });

  it('should take H14 and H15 tensor slots from the segment state (flavor 4)', () => {
    for (const [name, slots] of [['matmul_h14.hwx', [8, 10, 12]], ['matmul_h15.hwx', [12, 14, 16]]] as const) {
      const file = readHwx(readCorpusFile(`generations/${name}`));
      expect(file.program).toBeUndefined();
      expect(file.segmentState?.tdCount).toBe(1);
      expect(file.tensors.map((t) => t.slot)).toEqual(slots);
    }
  });

  it('should walk the M9, H11, T0 and H12 tasks as packets after a 0x1c-byte header, with no warning', () => {
    for (const name of ['matmul_m10.hwx', 'matmul_h11.hwx', 'matmul_t0.hwx', 'matmul_h12.hwx']) {
      const file = readHwx(readCorpusFile(`generations/${name}`));
      const task = file.taskStream?.tasks[0];
      expect(file.warnings, name).toEqual([]);
      expect(task?.header).toHaveLength(7);
      const common = task?.packets.find((p) => p.address === 0);
      // The Common packet carries InDim, then (unnamed here) Cin 3 and Cout 2 as its 3rd and 4th words.
      expect(common?.values.slice(0, 4), name).toEqual([0x10002, 0x22, 3, 2]);
      expect(0x1c + (task?.packets.reduce((n, p) => n + p.size, 0) ?? 0)).toBe(task?.size);
    }
  });
});
