// `check`: every known cause of wrong output on Linux, for an HWX file or an .anec file, as data.
// An HWX file is converted natively (patched profile, in memory) so that the header it would get
// is checked too; `fixCheck` applies every fix that exists and checks the result again.
import {
  hex,
  layOutAnec,
  runNativeEngine,
  type AnecBytes,
  type AnecTarget,
  type EngineOutcome,
} from '../../anec/index.js';
import type { HwxFile } from '../../hwx/index.js';
import { fixAnec, SlotRemapError } from '../clean/index.js';
import { inspectLoaded } from '../inspect.js';
import { anecParts, loadBytes, type LoadedFile } from '../loaded-file.js';
import { causeChecks, type CheckSubject } from './causes.js';
import type { AppliedFix, CheckCause, CheckReport } from './check-report.js';

function convertNatively(loaded: LoadedFile & { kind: 'hwx' }): EngineOutcome {
  const request = { path: loaded.path, name: undefined, force: false, print: false, compile: true };
  const outcome = runNativeEngine(loaded.bytes, request, 'patched');
  // The CPU-layer refusal is about the stab names, not the file: the header is still worth checking.
  if (!outcome.ok && outcome.error?.type === 'RuntimeError') {
    const forced = runNativeEngine(loaded.bytes, { ...request, force: true }, 'patched');
    return { ...forced, ok: false, error: outcome.error };
  }
  return outcome;
}

function subjectOf(loaded: LoadedFile, target: AnecTarget): CheckSubject {
  if (loaded.kind === 'anec') {
    const inspect = inspectLoaded(loaded);
    return { path: loaded.path, kind: 'anec', hwx: undefined, header: loaded.header, tasks: loaded.stream.tasks, layout: loaded.layout, conversion: undefined, inspect, target };
  }
  const conversion = convertNatively(loaded);
  const inspect = inspectLoaded(loaded, conversion);
  const tasks = loaded.file.taskStream?.tasks ?? [];
  return { path: loaded.path, kind: 'hwx', hwx: loaded.file, header: conversion.header, tasks, layout: undefined, conversion, inspect, target };
}

const problemsOf = (causes: readonly CheckCause[]): CheckReport['problems'] => causes.filter((c) => c.verdict === 'problem').map((c) => c.code);

function runCauses(subject: CheckSubject): CheckCause[] {
  return causeChecks.map((check) => check(subject));
}

function reportOf(loaded: LoadedFile, subject: CheckSubject): CheckReport {
  const causes = runCauses(subject);
  const target = subject.target;
  return {
    file: loaded.path,
    kind: loaded.kind,
    target: { name: target.name, payloadOffset: target.payloadOffset, readBy: target.readBy },
    layout: subject.inspect.anec?.layout ?? null,
    causes,
    problems: problemsOf(causes),
    fix: null,
  };
}

/** Checks a file already loaded; never throws on what the file holds. */
export function checkLoaded(loaded: LoadedFile, target: AnecTarget): CheckReport {
  return reportOf(loaded, subjectOf(loaded, target));
}

/** Checks bytes in memory; throws ToolError only when they are neither HWX nor .anec. */
export function checkBytes(path: string, bytes: Uint8Array, target: AnecTarget): CheckReport {
  return checkLoaded(loadBytes(path, bytes), target);
}

export interface FixedCheck {
  readonly report: CheckReport;
  /** The fixed file, in the target's layout; undefined when there is nothing to write (the HWX did not convert). */
  readonly anec: AnecBytes | undefined;
}

/**
 * Applies every fix that exists for the problems found (retarget, clean, remap) and checks the
 * result again as the .anec it now is. The fixes run in memory; the caller writes the file.
 */
export function fixCheck(loaded: LoadedFile, target: AnecTarget, output: string): FixedCheck {
  const subject = subjectOf(loaded, target);
  const before = reportOf(loaded, subject);
  const needs = (code: CheckCause['code'], kind: string): boolean => before.causes.some((c) => c.code === code && c.verdict === 'problem' && c.fix?.kind === kind);
  let anec: AnecBytes | undefined;
  let hwx: HwxFile | undefined;
  const applied: AppliedFix[] = [];
  if (loaded.kind === 'hwx') {
    const conversion = subject.conversion;
    if (conversion === undefined || !conversion.ok || conversion.anec === undefined) return { report: { ...before, fix: { output, applied, notFixed: before.problems, after: [], problemsAfter: before.problems } }, anec: undefined };
    anec = conversion.anec;
    hwx = loaded.file;
    applied.push({ kind: 'convert', text: 'converted with the native engine, profile patched (upstream\'s bytes for every file anecc 1.0.9 converts)', runOnHardware: false });
  } else {
    anec = anecParts(loaded);
  }
  const clean = needs('spurious_kdma', 'clean');
  let remap = needs('slot_order', 'remap');
  try {
    const fixed = fixAnec(anec, { clean, remapSlots: remap, ...(hwx === undefined ? {} : { hwx }) });
    anec = fixed.anec;
    if (remap && fixed.mapping !== undefined) {
      const moves = fixed.mapping.moves.filter((m) => m.from !== m.to).map((m) => `${m.name ?? m.role} ${m.from} -> ${m.to}`);
      applied.push({ kind: 'remap', text: `W8/W9 slots rebound (EXPERIMENTAL): ${moves.join(', ')}`, runOnHardware: false });
    }
    if (clean) {
      const registers = fixed.changes.filter((c) => c.kind === 'register').length;
      applied.push({ kind: 'clean', text: `${registers} KernelDMA/NE kernel register(s) set to 0`, runOnHardware: false });
    }
  } catch (error) {
    if (!(error instanceof SlotRemapError)) throw error;
    remap = false;
    const cleaned = fixAnec(anec, { clean, remapSlots: false });
    anec = cleaned.anec;
    if (clean) applied.push({ kind: 'clean', text: `${cleaned.changes.length} KernelDMA/NE kernel register(s) set to 0`, runOnHardware: false });
  }
  const fromOffset = anec.header.length;
  anec = layOutAnec(anec, target);
  if (fromOffset !== target.payloadOffset) {
    applied.push({ kind: 'retarget', text: `payload moved from ${hex(fromOffset)} to ${hex(target.payloadOffset)} (${target.name} layout)`, runOnHardware: false });
  }
  const bytes = new Uint8Array(anec.header.length + anec.payload.length);
  bytes.set(anec.header, 0);
  bytes.set(anec.payload, anec.header.length);
  const after = checkLoaded(loadBytes(output, bytes), target).causes;
  const fixedKinds = new Set(applied.map((a) => a.kind));
  const notFixed = before.causes.filter((c) => c.verdict === 'problem' && !(c.fix !== null && fixedKinds.has(c.fix.kind))).map((c) => c.code);
  return { report: { ...before, fix: { output, applied, notFixed, after, problemsAfter: problemsOf(after) } }, anec };
}
