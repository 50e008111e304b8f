// `diff`: N HWX/.anec files side by side, one row per compared field, one value per file. Each
// file is flattened into fields (diff-fields.ts), the fields are lined up by their stable path,
// and a row differs when its values are not all equal. Files of different generations are
// compared on what they share only, and the report says what it left out.

import type { DiffFile, DiffReport, DiffRow, DiffValue } from './diff-report.js';
import { DIFF_SCHEMA_VERSION } from './schema-versions.js';
import { differingBytes, fileDiffFields, regionBytes, type Field } from './diff-fields.js';
import { fieldMapFor } from './field-map.js';
import { inspectLoaded } from './inspect.js';
import type { InspectReport } from './inspect-report.js';
import { loadFile, type LoadedFile } from './loaded-file.js';
import { hex } from '../anec/index.js';

export interface DiffOptions {
  /** Keep the rows where every file agrees too. */
  readonly all: boolean;
}

function sameValue(a: DiffValue, b: DiffValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

/** Paths in reading order: each file's order kept, a path new in a later file placed after its predecessor there. */
function orderedUnion(lists: readonly (readonly Field[])[]): string[] {
  const order: string[] = [];
  const position = new Set<string>();
  for (const list of lists) {
    let previous: string | undefined;
    for (const f of list) {
      if (!position.has(f.where)) {
        // Most paths come in order: append; a path only a later file has goes after its predecessor.
        if (previous === undefined || previous === order[order.length - 1]) order.push(f.where);
        else order.splice(order.indexOf(previous) + 1, 0, f.where);
        position.add(f.where);
      }
      previous = f.where;
    }
  }
  return order;
}

function diffFile(loaded: LoadedFile, report: InspectReport): DiffFile {
  return {
    file: loaded.path,
    kind: loaded.kind,
    byteLength: loaded.bytes.length,
    compiler: report.compiler?.name ?? null,
    generation: report.generation,
    // Already folded by inspect.
    warnings: report.warnings,
  };
}

/** `reports` are the files' inspect reports, when the caller has them already (one per file). */
export function diffLoaded(
  loaded: readonly LoadedFile[],
  options: DiffOptions = { all: false },
  reports: readonly InspectReport[] = loaded.map((l) => inspectLoaded(l)),
): DiffReport {
  const generations = [...new Set(reports.map((r) => r.generation).filter((g): g is string => g !== null))];
  const kinds = [...new Set(loaded.map((l) => l.kind))];
  const notCompared: string[] = [];
  const sharedGeneration = generations.length <= 1;
  const map = sharedGeneration ? fieldMapFor(generations[0] ?? null) : undefined;
  if (!sharedGeneration) {
    // One line: task words and registers mean different things in each generation.
    notCompared.push(`generations differ (${generations.join(', ')}): task words and registers not compared`);
  } else if (map?.registersNamed !== true) {
    notCompared.push(`${generations[0]} has no public register map: its registers are compared by address, unnamed`);
  }
  if (kinds.length > 1) {
    notCompared.push('HWX and .anec files: the Mach-O load commands and the .anec header have no counterpart in the other kind; tasks, tensors and kernel bytes are compared');
  }
  const regionLists = loaded.map(regionBytes);
  const fields = loaded.map((l, i) => fileDiffFields(l, reports[i]!, { map, taskWords: sharedGeneration }, regionLists[i]!));
  const byPath = fields.map((list) => new Map(list.map((f) => [f.where, f])));
  const regions = regionLists.map((list) => new Map(list));
  const rows: DiffRow[] = [];
  let differenceCount = 0;
  const push = (row: Omit<DiffRow, 'differs' | 'changed'>): void => {
    const base = row.values[0] ?? null;
    const changed = row.values.map((v) => !sameValue(v, base));
    const differs = changed.some(Boolean);
    if (differs) differenceCount += 1;
    if (differs || options.all) rows.push({ ...row, differs, changed });
  };
  for (const where of orderedUnion(fields)) {
    const found = byPath.map((m) => m.get(where));
    const first = found.find((f) => f !== undefined)!;
    const values = found.map((f) => f?.value ?? null);
    push({ where, group: first.group, task: first.task, address: first.address, field: first.field, format: first.format, values });
    // Where a region's bytes differ, say how many, against the first file.
    if (first.format === 'digest' && !values.every((v) => v === values[0])) {
      const name = where.slice('bytes.'.length);
      const base = regions[0]!.get(name);
      push({
        where: `${where}.differing`,
        group: first.group,
        task: null,
        address: null,
        field: `${name} changed`,
        format: 'decimal',
        values: regions.map((r) => {
          const mine = r.get(name);
          return mine === undefined || base === undefined ? null : differingBytes(base, mine);
        }),
      });
    }
  }
  return {
    schemaVersion: DIFF_SCHEMA_VERSION,
    files: loaded.map((l, i) => diffFile(l, reports[i]!)),
    same: differenceCount === 0,
    differenceCount,
    rows,
    notCompared,
  };
}

/** Diff files by path; throws ToolError when one cannot be read or is neither HWX nor .anec. */
export function diffFiles(paths: readonly string[], options?: DiffOptions): DiffReport {
  return diffLoaded(paths.map(loadFile), options);
}

/** Rows folded for reading: adjacent registers of one block and name stem with the same values. */
export interface FoldedRow extends DiffRow {
  /** Number of rows folded into this one (1 for a lone row). */
  readonly count: number;
}

/** `CoeffDMAConfig3 En` -> `CoeffDMAConfig# En`: the name with its register number taken out (no number: no run). */
const RUN_NAME = /^(\S*?)(\d+)((?:\s.*)?)$/;

function runKey(row: DiffRow): string | undefined {
  if (row.address === null) return undefined;
  if (row.field.startsWith('0x')) return `${row.group}\n0x`;
  const m = RUN_NAME.exec(row.field);
  return m === null ? undefined : `${row.group}\n${m[1]}#${m[3]}`;
}

function runLabel(first: DiffRow, last: DiffRow): string {
  if (first.field.startsWith('0x')) return `${first.field}..${last.field}`;
  const a = RUN_NAME.exec(first.field)!;
  const b = RUN_NAME.exec(last.field)!;
  return `${a[1]}${a[2]}..${b[2]}${a[3]}`;
}

/** CoeffDMAConfig0..CoeffDMAConfig15 all 0 / 0x80 / 0x80 become one row `CoeffDMAConfig0..15`. */
export function foldRows(rows: readonly DiffRow[]): FoldedRow[] {
  const out: FoldedRow[] = [];
  let run: { first: DiffRow; last: DiffRow; count: number; key: string | undefined } | undefined;
  const flush = (): void => {
    if (run === undefined) return;
    const { first, last, count } = run;
    if (count === 1) out.push({ ...first, count });
    else out.push({ ...first, where: `${first.where}..${hex(last.address ?? 0)}`, field: runLabel(first, last), count });
    run = undefined;
  };
  for (const row of rows) {
    const key = runKey(row);
    if (
      run !== undefined &&
      key !== undefined &&
      key === run.key &&
      row.address === (run.last.address ?? NaN) + 4 &&
      row.values.every((v, i) => sameValue(v, run!.first.values[i] ?? null))
    ) {
      run.last = row;
      run.count += 1;
      continue;
    }
    flush();
    run = { first: row, last: row, count: 1, key };
  }
  flush();
  return out;
}
