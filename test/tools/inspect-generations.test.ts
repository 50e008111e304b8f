// The seven generations/ matmul files through `inspect --json`'s report: the matmul geometry in
// each generation's own terms, the H13 kernel binding, and no name from another generation's map.
import { describe, expect, it } from 'vitest';
import { profileFor } from '../../src/hwx/index.js';
import { inspectBytes, inspectReportSchema, type InspectReport } from '../../src/tools/index.js';
import { corpusSkipReason, readCorpusFile } from '../../support/corpus.js';

const skip = corpusSkipReason();

const report = (name: string): InspectReport => inspectReportSchema.parse(inspectBytes(name, readCorpusFile(`generations/${name}`)));

/** `Register.Field` -> value over the first task's Common block. */
function common(r: InspectReport): Record<string, number> {
  const out: Record<string, number> = {};
  for (const reg of r.tasks[0]?.registers ?? []) {
    if (reg.block !== 'Common' || reg.register === null) continue;
    for (const f of reg.fields) out[`${reg.register}.${f.name}`] = f.value;
  }
  return out;
}

describe.skipIf(skip !== undefined)('inspect on the seven generations/ files', () => {
  it('should show the matmul geometry by name for H13, H14 (td_v11.h) and H15 (freedomtan)', () => {
    const names = { Cin: 3, Cout: 2 };
    expect(common(report('matmul_h13.hwx'))).toMatchObject({ 'Cin.Cin': names.Cin, 'Cout.Cout': names.Cout, 'InDim.Win': 2, 'InDim.Hin': 1, 'OutDim.Wout': 2, 'OutDim.Hout': 1 });
    expect(common(report('matmul_h14.hwx'))).toMatchObject({ 'Cin.Cin': names.Cin, 'Cout.Cout': names.Cout, 'InDim.Win': 2, 'InDim.Hin': 1, 'OutDim.Wout': 2, 'OutDim.Hout': 1 });
    expect(common(report('matmul_h15.hwx'))).toMatchObject({ 'Cin.Cin': names.Cin, 'Cout.Cout': names.Cout, 'InDim.W': 2, 'InDim.H': 1, 'OutDim.W': 2, 'OutDim.H': 1 });
  });

  it('should show M9, H11, T0 and H12 raw: the Common packet with the matmul values, no names, one line why', () => {
    for (const name of ['matmul_m10.hwx', 'matmul_h11.hwx', 'matmul_t0.hwx', 'matmul_h12.hwx']) {
      const r = report(name);
      const task = r.tasks[0]!;
      const packet = task.packets.find((p) => p.address === 0)!;
      const values = task.registers.filter((x) => x.offset > packet.offset && x.offset <= packet.offset + packet.count * 4).map((x) => x.value);
      expect(values.slice(0, 5), name).toEqual([0x10002, 0x22, 3, 2, 0x10002]);
      expect(task.registers.every((x) => x.register === null && x.block === null && x.fields.length === 0), name).toBe(true);
      expect(r.warnings.filter((w) => w.code === 'generation_not_decoded'), name).toHaveLength(1);
      expect(r.decoding?.registersDecoded).toBe(false);
    }
  });

  it('should give the H13 matmul its kernel binding: k0 = slot 4 (A), r0 = slot 5 (B), w = slot 6', () => {
    const task = report('matmul_h13.hwx').tasks[0]!;
    expect(task.slotBindings.filter((b) => b.enabled)).toEqual([
      { label: 'r0', role: 'read', slot: 5, enabled: true },
      { label: 'w', role: 'write', slot: 6, enabled: true },
      { label: 'k0', role: 'kernel', slot: 4, enabled: true },
    ]);
    expect(task.bindings?.reads).toEqual([5, 4]);
  });

  it('should name no register, block or header word from another generation’s map', () => {
    for (const name of ['matmul_m10.hwx', 'matmul_h11.hwx', 'matmul_t0.hwx', 'matmul_h12.hwx', 'matmul_h13.hwx', 'matmul_h14.hwx', 'matmul_h15.hwx']) {
      const r = report(name);
      const profile = profileFor(r.subtype!);
      const registers = new Set(profile.registers.map((x) => x.name));
      const blocks = new Set(profile.blocks.map((x) => x.block));
      const words = new Set(profile.header.map((x) => x.name));
      for (const task of r.tasks) {
        for (const reg of task.registers) {
          if (reg.register !== null) expect(registers.has(reg.register), `${name} ${reg.register}`).toBe(true);
          if (reg.block !== null) expect(blocks.has(reg.block), `${name} ${reg.block}`).toBe(true);
        }
        for (const w of task.header) expect(words.has(w.word) || /^word\d+$/.test(w.word), `${name} ${w.word}`).toBe(true);
      }
    }
  });
});
