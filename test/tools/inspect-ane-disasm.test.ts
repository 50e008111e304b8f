// Every value ane-disasm (AlexAltea/ane e397b69 tools/ane-disasm) prints for the H13 and H14
// matmul files must appear, with the same value, in `inspect --json`. The expected values in
// test/hwx/ane-disasm/*.json were produced by running ane-disasm at that commit on
// ../shared/hwx/generations/matmul_h13.hwx and matmul_h14.hwx and transcribing its output (see
// their "source" field); this test maps each of its names to where inspect reports the value.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectBytes } from '../../src/tools/index.js';
import type { InspectReport } from '../../src/tools/index.js';
import { corpusSkipReason, readCorpusFile, repoRoot } from '../../support/corpus.js';

type Json = Record<string, unknown>;
type Tdv = number | { enabled: boolean; base?: number; size?: number; [k: string]: unknown };

interface Expected {
  readonly header: Record<string, number>;
  readonly segments: readonly Json[];
  readonly threadStates: readonly Json[];
  readonly td: Record<string, Record<string, Tdv>>;
}

const load = (name: string): Expected => JSON.parse(readFileSync(`${repoRoot}/test/hwx/ane-disasm/${name}.json`, 'utf8')) as Expected;

/** ane-disasm section -> block, and the prefix our H13 names add to the TileDMA registers. */
const BLOCKS: Record<string, { block: string; prefix: string }> = {
  'Common Header': { block: 'Common', prefix: '' },
  'Tile DMA Source': { block: 'TileDMASrc', prefix: 'Src' },
  'Tile DMA Src': { block: 'TileDMASrc', prefix: '' },
  'L2 Config': { block: 'L2', prefix: '' },
  'NE Config': { block: 'NE', prefix: '' },
  'Tile DMA Dest': { block: 'TileDMADst', prefix: 'Dst' },
};
/** td_v5.h L2Config_V5 puts these two after SourceRowStride (H13 register 0x4810). */
const H13_L2_UNNAMED: Record<string, number> = { unk_maybe_stride1: 0x4814, unk_maybe_stride2: 0x4818 };

type Register = InspectReport['tasks'][number]['registers'][number];

function fieldOf(r: Register | undefined, field: string): number | undefined {
  return r?.fields.find((f) => f.name === field)?.value;
}

/** The value inspect reports for one ane-disasm register field, or undefined when it cannot find it. */
function registerValue(report: InspectReport, section: string, key: string): number | undefined {
  const task = report.tasks[0]!;
  const where = BLOCKS[section];
  if (where === undefined) return undefined;
  const inBlock = task.registers.filter((r) => r.block === where.block);
  const named = (name: string): Register | undefined => inBlock.find((r) => r.register === name) ?? inBlock.find((r) => r.register === where.prefix + name);
  const dotted = /^(\w+)\.(\w+)$/.exec(key);
  if (dotted) return fieldOf(named(dotted[1]!), dotted[2]!);
  const underscored = /^([A-Za-z0-9]+)_(\w+)$/.exec(key);
  if (underscored && named(underscored[1]!) !== undefined && !key.startsWith('unk')) return fieldOf(named(underscored[1]!), underscored[2]!);
  const whole = named(key);
  if (whole !== undefined) return whole.value;
  const base = report.decoding?.generation === 'H13' ? { Common: 0x0, L2: 0x4800, NE: 0xc800, TileDMASrc: 0x13800, TileDMADst: 0x17800 }[where.block] : undefined;
  const unk = /^unk([0-9A-F]+)$/i.exec(key);
  const address = H13_L2_UNNAMED[key] !== undefined && where.block === 'L2' ? H13_L2_UNNAMED[key] : unk && base !== undefined ? base + parseInt(unk[1]!, 16) : undefined;
  return address === undefined ? undefined : task.registers.find((r) => r.address === address)?.value;
}

function headerValue(report: InspectReport, key: string): number | { enabled: boolean; base?: number } | undefined {
  const task = report.tasks[0]!;
  const binding = task.slotBindings.find((b) => b.label === key);
  if (binding !== undefined) return binding.enabled ? { enabled: true, base: binding.slot } : { enabled: false };
  for (const w of task.header) {
    const f = w.fields.find((x) => x.name === key);
    if (f !== undefined) return f.value;
  }
  return undefined;
}

function coeffValue(report: InspectReport, i: number, key: string): number | boolean | undefined {
  const regs = report.tasks[0]!.registers;
  const reg = (name: string) => regs.find((r) => r.register === name);
  switch (key) {
    case 'enabled':
      return fieldOf(reg(`CoeffDMAConfig${i}`), 'en') === 1;
    case 'base':
      return reg(`CoeffBaseAddr${i}`)?.value;
    case 'size':
      return reg(`CoeffBfrSize${i}`)?.value;
    case 'prefetch_participate':
      return fieldOf(reg(`CoeffDMAConfig${i}`), 'prefetch_participate_en');
    default:
      return fieldOf(reg(`CoeffDMAConfig${i}`), key);
  }
}

const KNOWN_FLAVORS = new Set([1, 3, 4]);
const skip = corpusSkipReason();
if (skip) console.log(skip);

describe.skipIf(skip !== undefined)('inspect --json against ane-disasm', () => {
  for (const name of ['matmul_h13', 'matmul_h14']) {
    describe(name, () => {
      // Read when the tests run, not when they are collected: without the corpus they are skipped.
      let want: Expected;
      let report: InspectReport;
      beforeAll(() => {
        want = load(name);
        report = inspectBytes(`${name}.hwx`, readCorpusFile(`generations/${name}.hwx`));
      });

      it('should agree on the Mach-O header and the task-descriptor version', () => {
        const { td_version, ...macho } = want.header;
        expect(report.macho).toEqual(macho);
        expect(report.decoding?.tdVersion).toBe(td_version);
      });

      it('should agree on every segment and section field', () => {
        expect(report.segments.map((s) => ({ name: s.name, vmaddr: s.vmaddr, vmsize: s.vmsize, fileoff: s.fileoff, filesize: s.filesize, maxprot: s.maxprot, initprot: s.initprot, flags: s.flags, sections: s.sections.map((c) => ({ name: c.name, segment: c.segment, addr: c.addr, size: c.size, offset: c.offset, align: c.align, flags: c.flags })) }))).toEqual(
          want.segments,
        );
      });

      it('should agree on every thread state ane-disasm decodes', () => {
        // ane-disasm keeps walking an LC_THREAD command past its state, so it also lists the
        // command's strings as "states" of flavor 0x74656e ("net") and others; only flavors 1, 3
        // and 4 are thread states (AlexAltea/ane hwx.h), one per command, as inspect lists them.
        const states = want.threadStates.filter((s) => KNOWN_FLAVORS.has(s['flavor'] as number));
        expect(report.threads).toEqual(states.map((s) => ({ flavor: s['flavor'], count: s['count'], byteSize: s['byte_size'] })));
        const tensors = states.filter((s) => s['flavor'] === 3);
        expect(report.tensors.map((t) => t.descriptorWord0)).toEqual(tensors.map((s) => s['unk']));
        const td = states.find((s) => s['flavor'] === 1);
        if (td !== undefined) {
          const p = report.program!;
          const slots = Object.fromEntries(p.slots.map((s) => [String(s.slot), s.address]));
          expect(slots).toEqual(td['td_base_addr']);
          expect([p.firstTaskAddress, p.firstTaskWordMarker, (p.firstTaskWordMarker + 1) * 4, p.taskCount, p.ane, p.ene]).toEqual(
            [td['td_addr'], td['td_words'], td['td_size'], td['td_count'], td['ane'], td['ene']],
          );
          expect(report.tasks[0]?.size).toBe(td['td_size']);
        }
        const seg = states.find((s) => s['flavor'] === 4);
        if (seg !== undefined) {
          const g = report.segmentState!;
          expect(Object.fromEntries(g.slots.map((s) => [String(s.slot), s.address]))).toEqual(seg['seg_base_addr']);
          expect(g).toMatchObject({
            segAddr: seg['seg_addr'], sectIdx: seg['sect_idx'], segHeaderSize: seg['seg_header_size'], segWords: seg['seg_words'], segId: seg['seg_id'],
            firstTdId: seg['first_td_id'], tdCount: seg['td_count'], nextSegmentCount: seg['next_segment_count'], nextSegmentId: seg['next_segment_id'], ane: seg['ane'], ene: seg['ene'],
          });
          expect(g.segWords * 4).toBe(seg['seg_size']);
        }
      });

      it('should report every task field ane-disasm prints, with its value', () => {
        const got: Record<string, unknown> = {};
        const expected: Record<string, unknown> = {};
        for (const [section, fields] of Object.entries(want.td)) {
          for (const [key, value] of Object.entries(fields)) {
            const id = `${section} / ${key}`;
            if (section === 'Header') {
              expected[id] = value;
              got[id] = headerValue(report, key);
            } else if (section === 'Kernel DMA Sources') {
              const i = Number(/\d+/.exec(key)![0]);
              for (const [k, v] of Object.entries(value as Json)) {
                expected[`${id} ${k}`] = v;
                got[`${id} ${k}`] = coeffValue(report, i, k);
              }
            } else {
              expected[id] = value;
              got[id] = registerValue(report, section, key);
            }
          }
        }
        // 179 values for H13, 79 for H14: a mapping that found nothing would not pass silently.
        expect(Object.keys(expected).length).toBeGreaterThan(70);
        expect(got).toEqual(expected);
      });
    });
  }
});
