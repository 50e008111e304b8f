// Text form of what clean / remap changed in a payload, runs of like changes on one line.
// Leaf modules, not the tools' index: this renderer is on the conversion path of the CLI bundle.
import { hex } from '../../anec/index.js';
import type { PayloadChange, RegisterChange, SlotMapping } from '../../tools/clean/index.js';
import { formatRun, registerRuns } from '../../tools/register-runs.js';

export function renderChanges(changes: readonly PayloadChange[], mapping?: SlotMapping): string {
  const lines: string[] = [];
  if (mapping !== undefined) {
    const moved = mapping.moves.filter((m) => m.from !== m.to);
    const what = moved.map((m) => `${m.name ?? m.role} ${m.from} -> ${m.to}`).join(', ');
    lines.push(`remap-slots (EXPERIMENTAL, not verified on hardware): ${what || 'slots already in libane order'}${mapping.assumedOrder ? ' (order within a role assumed)' : ''}`);
  }
  const tasks = [...new Set(changes.map((c) => c.task))].sort((a, b) => a - b);
  for (const task of tasks) {
    for (const c of changes) {
      if (c.task === task && c.kind === 'bindings') lines.push(`task ${task}: W${c.word} ${hex(c.before)} -> ${hex(c.after)}`);
    }
    const registers = changes.filter((c): c is RegisterChange => c.task === task && c.kind === 'register');
    // Runs are formed on the old values; each run ends in the one new value clean writes.
    const entries = registers.map((c) => ({ block: c.block ?? null, register: c.register ?? null, address: c.address, value: c.before }));
    const after = registers[0]?.after ?? 0;
    for (const run of registerRuns(entries)) lines.push(`task ${task}: ${run.block ?? '?'} ${formatRun(run)} -> ${hex(after)}`);
  }
  if (changes.length === 0) lines.push('nothing to change');
  return `${lines.join('\n')}\n`;
}
