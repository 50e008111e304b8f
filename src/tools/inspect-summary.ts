// Reading a large model: warnings folded across tasks, and one summary line's worth per task.

import { registerAt } from '../hwx/index.js';
import type { InspectReport, InspectSummary, InspectTask, InspectWarning } from './inspect-report.js';
import { INSPECT_SCHEMA_VERSION } from './schema-versions.js';

const TASK_LEAD = /^task (\d+) /;

/** `0..3, 5, 7..9`. */
function taskRanges(tasks: readonly number[]): string {
  const sorted = [...new Set(tasks)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j += 1;
    parts.push(j === i ? `${sorted[i]}` : `${sorted[i]}..${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/**
 * The same warning on many tasks as one entry: `task 3 uses no kernel ...` for tasks 0..39 becomes
 * `tasks 0..39: the task uses no kernel ...` with `tasks: [0, ..., 39]`.
 */
export function foldWarnings(warnings: readonly InspectWarning[]): InspectWarning[] {
  const out: InspectWarning[] = [];
  const groups = new Map<string, { index: number; tasks: number[] }>();
  for (const w of warnings) {
    const m = TASK_LEAD.exec(w.message);
    if (m === null) {
      out.push(w);
      continue;
    }
    const rest = w.message.slice(m[0].length);
    const key = `${w.code}\n${rest}`;
    const group = groups.get(key);
    if (group !== undefined) {
      group.tasks.push(Number(m[1]));
      continue;
    }
    groups.set(key, { index: out.length, tasks: [Number(m[1])] });
    out.push(w);
  }
  for (const [key, g] of groups) {
    if (g.tasks.length === 1) continue;
    const rest = key.slice(key.indexOf('\n') + 1);
    const code = out[g.index]!.code;
    out[g.index] = { code, message: `tasks ${taskRanges(g.tasks)} (${g.tasks.length}): each ${rest}`, tasks: [...g.tasks].sort((a, b) => a - b) };
  }
  return out;
}

export type TaskSummary = InspectSummary['tasks'][number];

const PE_CFG_ADDRESS = 0x8800;

function operation(task: InspectTask): string {
  const pe = task.registers.find((r) => r.address === PE_CFG_ADDRESS);
  const peText = pe === undefined ? '' : ` (${registerAt(PE_CFG_ADDRESS)?.name ?? 'PE'} 0x${pe.value.toString(16)})`;
  return `${task.usesKernel ? 'kernel' : 'elementwise'}${peText}`;
}

/** One line's worth per task; warnings counted from the unfolded list. */
export function taskSummaries(report: InspectReport): TaskSummary[] {
  return report.tasks.map((t) => ({
    index: t.index,
    layout: t.layout,
    size: t.size,
    bindings: t.bindings === null ? 'none' : `reads ${t.bindings.reads.join(', ') || 'nothing'}; writes ${t.bindings.writes.join(', ') || 'nothing'}`,
    operation: operation(t),
    warnings: report.warnings.filter((w) => (w.tasks ?? []).includes(t.index) || TASK_LEAD.exec(w.message)?.[1] === String(t.index)).length,
  }));
}

/** The report of `inspect --summary`. */
export function inspectSummary(report: InspectReport): InspectSummary {
  return {
    schemaVersion: INSPECT_SCHEMA_VERSION,
    file: report.file,
    kind: report.kind,
    generation: report.generation,
    compiler: report.compiler?.name ?? null,
    tasks: taskSummaries(report),
    warnings: report.warnings,
  };
}
