// `inspect`: what an HWX or .anec file holds, as a report object (the CLI renders it).
// Tolerant: it shows whatever could be read and lists the rest as warnings.

import { ANEC_FIELDS, ANEC_SCALAR_FIELDS, fieldValues, isU64Field, NCHW_FIELD_COUNT, runNativeEngine, slotName, type AnecScalarKey, type EngineOutcome } from '../anec/index.js';
import {
  FP16_SIZE_IN_BYTES,
  SLOT_COUNT,
  anecProfile,
  decodeBindings,
  decodeHeaderWords,
  decodeRegisterWrite,
  decodeW8,
  formatIssue,
  h13,
  profileFor,
  readSlots,
  TASK_HEADER_W8,
  undecodedNote,
} from '../hwx/index.js';
import type { GenerationProfile, HwxFile, HwxIssue, Task, Tensor } from '../hwx/index.js';
import { usesKernel } from './clean/index.js';
import { hex } from '../anec/index.js';
import type { InspectReport, InspectTask, InspectTensor, InspectWarning } from './inspect-report.js';
import { INSPECT_SCHEMA_VERSION } from './schema-versions.js';
import { foldWarnings } from './inspect-summary.js';
import { slotOrderWarnings, spuriousKdmaWarnings } from './inspect-warnings.js';
import { loadBytes, loadFile, safeNumber, type LoadedAnec, type LoadedFile, type LoadedHwx } from './loaded-file.js';
import { slotMappingFromHwx, slotMappingFromTasks } from './clean/index.js';

function issueWarning(issue: HwxIssue): InspectWarning {
  return { code: issue.code, message: formatIssue(issue) };
}

/** Each warning once; the same warning on many tasks folded into one entry listing them. */
function dedupe(warnings: readonly InspectWarning[]): InspectWarning[] {
  const seen = new Set<string>();
  const once = warnings.filter((w) => {
    const key = `${w.code}\n${w.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return foldWarnings(once);
}

/** Header words through the profile; words it does not name are shown raw as word0, word1 ... */
function headerReport(task: Task, profile: GenerationProfile): InspectTask['header'] {
  const named = new Map(decodeHeaderWords(profile, task.header).map((w) => [w.index, w]));
  return task.header.map((value, index) => {
    const w = named.get(index);
    return w === undefined
      ? { word: `word${index}`, index, value, description: '', fields: [] }
      : { word: w.name, index, value, description: w.description, fields: [...w.fields] };
  });
}

function taskReport(task: Task, profile: GenerationProfile): InspectTask {
  const w8 = profile === h13 ? task.header[TASK_HEADER_W8] : undefined;
  const b = w8 === undefined ? undefined : decodeW8(w8);
  const slotBindings = decodeBindings(profile, task.header);
  return {
    index: task.index,
    offset: task.offset,
    size: task.size,
    layout: task.taskKind,
    firstPacket: task.firstPacket ?? null,
    header: headerReport(task, profile),
    bindings:
      b === undefined || w8 === undefined
        ? null
        : {
            value: w8,
            reads: readSlots(slotBindings),
            writes: [...b.writes],
            rbase0: b.rbase0,
            rbase0Enabled: b.rbase0Enabled,
            rbase1: b.rbase1,
            rbase1Enabled: b.rbase1Enabled,
            wbase: b.wbase,
            wbaseEnabled: b.wbaseEnabled,
            tbase: b.tbase,
            ene: b.ene,
          },
    slotBindings,
    usesKernel: profile === h13 && usesKernel(task),
    packets: task.packets.map((p) => ({ offset: p.offset, header: p.header, address: p.address, count: p.count })),
    registers: task.writes.map((w) => {
      const r = decodeRegisterWrite(profile, w.address, w.value);
      return { register: r.name ?? null, block: r.block ?? null, address: w.address, value: w.value, offset: w.offset, fields: [...r.fields] };
    }),
  };
}

function decodingReport(profile: GenerationProfile, cpusubtype: number): NonNullable<InspectReport['decoding']> {
  const note = undecodedNote(profile, cpusubtype);
  return {
    generation: profile.name,
    chips: profile.chips,
    tdVersion: profile.tdVersion ?? null,
    encoding: profile.layout.encoding,
    addressing: profile.layout.addressing,
    registersDecoded: profile.registersDecoded,
    note: note === '' ? null : note,
    sources: [...profile.sources],
  };
}

function hwxTensor(t: Tensor): InspectTensor {
  const strides = t.stab?.strides ?? t.descriptor?.strides;
  return {
    name: t.name ?? null,
    descriptorWord0: t.descriptor?.word0 ?? null,
    role: t.role,
    shape: t.shape === undefined ? null : [...t.shape],
    strides: strides === undefined ? null : [strides.n, strides.c, strides.h, strides.w],
    slot: t.slot ?? null,
    address: t.addr ?? null,
    bufferSize: t.bufferSize ?? null,
  };
}

function programSlotBinding(file: HwxFile, address: number): string | null {
  const tensor = file.tensors.find((t) => t.addr === address && t.name !== undefined);
  if (tensor?.name !== undefined) return tensor.name;
  const section = file.sections.find((s) => s.addr === address);
  return section === undefined ? null : `${section.segmentName},${section.name}`;
}

/** The used slots of a program descriptor or segment state, with what each address binds. */
function slotReport(file: HwxFile, slots: readonly number[]): { slot: number; address: number; binds: string | null }[] {
  return slots.map((address, slot) => ({ slot, address, binds: programSlotBinding(file, address) })).filter((s) => s.address !== 0);
}

/** What converting this file (patched profile) would write silently: the same data convert prints. */
// `conversion`: the file's native patched-profile outcome when the caller has it (check does). Its
// warnings come from stab matching, which neither --force nor compiling changes.
function conversionWarnings(loaded: LoadedHwx, conversion: EngineOutcome | undefined): InspectWarning[] {
  const request = { path: loaded.path, name: undefined, force: true, print: false, compile: false };
  const outcome = conversion ?? runNativeEngine(loaded.bytes, request, 'patched');
  return (outcome.warnings ?? []).map(({ code, message }) => ({ code, message }));
}

function inspectHwx(loaded: LoadedHwx, conversion: EngineOutcome | undefined): InspectReport {
  const { file } = loaded;
  const declared = profileFor(file.header.cpusubtype);
  // The tasks are decoded with the profile whose layout read them (H13 for an H13-layout file
  // whatever its cpusubtype), never with names that do not fit their layout.
  const profile = file.taskGeneration === h13.name ? h13 : declared;
  const tasks = file.taskStream?.tasks ?? [];
  const warnings: InspectWarning[] = file.warnings.map(issueWarning);
  const note = undecodedNote(profile, file.header.cpusubtype);
  if (note !== '') warnings.push({ code: 'generation_not_decoded', message: note });
  if (profile !== declared) {
    warnings.push({
      code: 'generation_layout_mismatch',
      message: `cpusubtype ${file.header.cpusubtype} says ${declared.name}, but the tasks have the H13 layout (first packet at +0x28 is an H13 KernelDMA packet): decoded as H13, as anecc converts it`,
    });
  }
  // Both checks are about what libane does with H13 tasks; other generations do not reach it.
  if (profile === h13) warnings.push(...slotOrderWarnings(tasks, () => slotMappingFromHwx(file)), ...spuriousKdmaWarnings(tasks));
  warnings.push(...conversionWarnings(loaded, conversion));
  const p = file.program;
  const seg = file.segmentState;
  return {
    schemaVersion: INSPECT_SCHEMA_VERSION,
    file: loaded.path,
    kind: 'hwx',
    byteLength: file.byteLength,
    generation: file.header.generation,
    subtype: file.header.cpusubtype,
    compiler:
      file.ident === undefined
        ? null
        : { name: file.ident.compiler ?? null, version: file.ident.compilerVersion ?? null, flags: [...file.ident.flags] },
    macho: {
      magic: file.header.magic,
      cputype: file.header.cputype,
      cpusubtype: file.header.cpusubtype,
      filetype: file.header.filetype,
      ncmds: file.header.ncmds,
      sizeofcmds: file.header.sizeofcmds,
      flags: file.header.flags,
      reserved: file.header.reserved,
    },
    anec: null,
    segments: file.segments.map((s) => ({
      name: s.name,
      vmaddr: s.vmaddr,
      vmsize: s.vmsize,
      fileoff: s.fileoff,
      filesize: s.filesize,
      maxprot: s.maxprot,
      initprot: s.initprot,
      flags: s.flags,
      sections: s.sections.map((c) => ({
        segment: c.segmentName,
        name: c.name,
        addr: c.addr,
        size: c.dataSize,
        offset: c.dataOffset,
        align: c.align,
        flags: c.flags,
        role: c.role,
      })),
    })),
    program:
      p === undefined
        ? null
        : {
            slots: slotReport(file, p.slots),
            firstTaskAddress: p.firstTaskAddress,
            firstTaskWordMarker: p.firstTaskWordMarker,
            taskCount: p.taskCount,
            networkName: p.networkName ?? null,
            ane: p.ane,
            ene: p.ene,
          },
    segmentState:
      seg === undefined
        ? null
        : {
            slots: slotReport(file, seg.slots),
            segAddr: seg.segAddr,
            sectIdx: seg.sectIdx,
            segHeaderSize: seg.segHeaderSize,
            segWords: seg.segWords,
            segId: seg.segId,
            firstTdId: seg.firstTdId,
            tdCount: seg.tdCount,
            nextSegmentCount: seg.nextSegmentCount,
            nextSegmentId: [...seg.nextSegmentId],
            ane: seg.ane,
            ene: seg.ene,
          },
    decoding: decodingReport(profile, file.header.cpusubtype),
    threads: file.loadCommands.flatMap((c) => (c.kind === 'thread' ? [{ flavor: c.flavor, count: c.count, byteSize: c.count * 4 }] : [])),
    tensors: file.tensors.map(hwxTensor),
    tasks: tasks.map((t) => taskReport(t, profile)),
    warnings: dedupe(warnings),
  };
}

function anecRow(header: LoadedAnec['header'], slot: number): (number | null)[] {
  return header.nchw.slice(slot * NCHW_FIELD_COUNT, (slot + 1) * NCHW_FIELD_COUNT).map((v) => safeNumber(v) ?? null);
}

/** N stride of an .anec slot: C planes; null when it is not a safe integer. */
function batchStride(plane: number, c: number | null): number | null {
  const value = c === null ? NaN : plane * c;
  return Number.isSafeInteger(value) ? value : null;
}

function anecTensors(header: LoadedAnec['header']): InspectTensor[] {
  const out: InspectTensor[] = [];
  for (let slot = 0; slot < SLOT_COUNT; slot += 1) {
    const [n, c, h, w, plane, row] = anecRow(header, slot);
    const tiles = header.tiles[slot] ?? 0;
    const name = slotName(slot, header.dstCount);
    const role = name.startsWith('dst') ? 'output' : name.startsWith('src') ? 'input' : name.startsWith('itm') ? 'intermediate' : undefined;
    if (role === undefined || (tiles === 0 && !n)) continue;
    const shape = [n, c, h, w].every((v) => v !== null && v !== undefined) ? ([n, c, h, w] as number[]) : null;
    out.push({
      name,
      descriptorWord0: null,
      role,
      shape: n ? shape : null,
      strides: n && plane != null ? [batchStride(plane, c ?? null), plane, row ?? null, FP16_SIZE_IN_BYTES] : null,
      slot,
      address: null,
      bufferSize: null,
    });
  }
  return out;
}

/** The header's scalar fields for JSON, from the field table: a u64 too large for a double is null. */
function anecScalars(header: LoadedAnec['header']): Pick<NonNullable<InspectReport['anec']>, AnecScalarKey> {
  const entries = ANEC_SCALAR_FIELDS.map((f) => {
    const v = fieldValues(header, f)[0]!;
    return [f.key, typeof v === 'bigint' ? (safeNumber(v) ?? null) : v] as const;
  });
  return Object.fromEntries(entries) as Pick<NonNullable<InspectReport['anec']>, AnecScalarKey>;
}

function inspectAnec(loaded: LoadedAnec): InspectReport {
  const { header, stream } = loaded;
  const warnings: InspectWarning[] = stream.warnings.map(issueWarning);
  const size = safeNumber(header.size);
  const unsafe = ANEC_FIELDS.filter(isU64Field).flatMap((f) =>
    fieldValues(header, f).map((v, i) => [f.count === 1 ? f.cName : `${f.cName}[${Math.floor(i / NCHW_FIELD_COUNT)}][${i % NCHW_FIELD_COUNT}]`, v] as const),
  ).filter(([, v]) => typeof v === 'bigint' && safeNumber(v) === undefined);
  for (const [field, value] of unsafe) {
    warnings.push({ code: 'unsafe_integer', message: `header ${field} = ${value} is too large to show exactly; shown as null` });
  }
  if (size !== undefined && size !== loaded.payload.length) {
    warnings.push({
      code: 'anec_size',
      message: `header size ${hex(size)} but the payload after the ${hex(loaded.layout.target.payloadOffset)}-byte header has ${hex(loaded.payload.length)} bytes`,
    });
  }
  warnings.push(...slotOrderWarnings(stream.tasks, () => slotMappingFromTasks(stream.tasks, header)), ...spuriousKdmaWarnings(stream.tasks));
  const slots = [];
  for (let slot = 0; slot < SLOT_COUNT; slot += 1) {
    const row = anecRow(header, slot);
    const tiles = header.tiles[slot] ?? 0;
    if (tiles !== 0 || row.some((v) => v !== 0)) slots.push({ slot, name: slotName(slot, header.dstCount), tiles, nchw: row });
  }
  return {
    schemaVersion: INSPECT_SCHEMA_VERSION,
    file: loaded.path,
    kind: 'anec',
    byteLength: loaded.bytes.length,
    generation: null,
    subtype: null,
    compiler: null,
    macho: null,
    anec: {
      ...anecScalars(header),
      layout: { target: loaded.layout.target.name, payloadOffset: loaded.layout.target.payloadOffset, evidence: loaded.layout.evidence },
      slots,
    },
    segments: [],
    program: null,
    segmentState: null,
    decoding: null,
    threads: [],
    tensors: anecTensors(header),
    tasks: stream.tasks.map((t) => taskReport(t, anecProfile)),
    warnings: dedupe(warnings),
  };
}

export function inspectLoaded(loaded: LoadedFile, conversion?: EngineOutcome): InspectReport {
  return loaded.kind === 'hwx' ? inspectHwx(loaded, conversion) : inspectAnec(loaded);
}

/** Inspect bytes already in memory; throws ToolError when they are neither HWX nor .anec. */
export function inspectBytes(path: string, bytes: Uint8Array): InspectReport {
  return inspectLoaded(loadBytes(path, bytes));
}

/** Inspect a file; throws ToolError when it cannot be read or is neither HWX nor .anec. */
export function inspectFile(path: string): InspectReport {
  return inspectLoaded(loadFile(path));
}
