// Runs of like registers (CoeffDMAConfig0..15 all 0x80) shown as one entry, for warnings and text
// renderers. A run only takes adjacent words, so a gap (a zero hidden by a filter, another value)
// starts a new run instead of vanishing inside a first..last span.

import { tokens } from '../hwx/index.js';
import { hex } from '../anec/index.js';

export interface RegisterEntry {
  readonly block: string | null;
  readonly register: string | null;
  readonly address: number;
  readonly value: number;
  /** Bit fields from the generation profile, shown after the value when any is nonzero. */
  readonly fields?: readonly { readonly name: string; readonly value: number }[];
}

export interface RegisterRun {
  readonly block: string | null;
  readonly first: RegisterEntry;
  readonly last: RegisterEntry;
  readonly count: number;
  readonly value: number;
}

const WORD_BYTES = tokens.U32_LE.len;

/** CoeffDMAConfig3 -> CoeffDMAConfig; an unnamed address has no stem, so it runs with its unnamed neighbours. */
function stem(entry: RegisterEntry): string {
  return entry.register === null ? '' : entry.register.replace(/\d+$/, '');
}

/** Entries in address order folded into runs of adjacent words with one value, block and name stem. */
export function registerRuns(entries: readonly RegisterEntry[]): RegisterRun[] {
  const runs: RegisterRun[] = [];
  let current: { first: RegisterEntry; last: RegisterEntry; count: number } | undefined;
  const flush = (): void => {
    if (current !== undefined) runs.push({ block: current.first.block, ...current, value: current.first.value });
    current = undefined;
  };
  for (const e of entries) {
    if (
      current !== undefined &&
      e.address === current.last.address + WORD_BYTES &&
      e.value === current.first.value &&
      e.block === current.first.block &&
      stem(e) === stem(current.first)
    ) {
      current.last = e;
      current.count += 1;
      continue;
    }
    flush();
    current = { first: e, last: e, count: 1 };
  }
  flush();
  return runs;
}

/** ` {Win 2, Hin 1}`: the nonzero bit fields (a run's entries share one value, so one set). */
function fieldText(entry: RegisterEntry): string {
  const shown = (entry.fields ?? []).filter((f) => f.value !== 0);
  return shown.length === 0 ? '' : ` {${shown.map((f) => `${f.name} ${f.value}`).join(', ')}}`;
}

/** `KernelCfg (0xc800) = 0x80`, `CoeffDMAConfig0..CoeffDMAConfig15 (0x1f808..0x1f844) = 0x80`. */
export function formatRun(run: RegisterRun): string {
  const name = (e: RegisterEntry): string => e.register ?? hex(e.address);
  const fields = fieldText(run.first);
  if (run.count === 1) {
    return run.first.register === null ? `${hex(run.first.address)} = ${hex(run.value)}` : `${name(run.first)} (${hex(run.first.address)}) = ${hex(run.value)}${fields}`;
  }
  const span = `${hex(run.first.address)}..${hex(run.last.address)}`;
  return run.first.register === null ? `${span} = ${hex(run.value)}` : `${name(run.first)}..${name(run.last)} (${span}) = ${hex(run.value)}${fields}`;
}
