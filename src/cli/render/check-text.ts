// Text form of a check report: one line per cause (verdict, cause, what was found), the evidence
// and the fix under each cause that is not ok, then what --fix did.
import { hex } from '../../anec/index.js';
import type { CheckCause, CheckReport } from '../../tools/check/index.js';

const VERDICT_WIDTH = 9;
const TITLE_WIDTH = 23;
const INDENT = ' '.repeat(2 + VERDICT_WIDTH);

function causeLines(c: CheckCause, verbose: boolean): string[] {
  const lines = [`  ${c.verdict.padEnd(VERDICT_WIDTH)}${c.title.padEnd(TITLE_WIDTH)}${c.summary}`];
  if (c.verdict !== 'ok' || verbose) for (const e of c.evidence) lines.push(`${INDENT}  ${e.field} = ${e.value}`);
  if (c.fix !== null) lines.push(`${INDENT}  fix${c.fix.kind !== 'none' && !c.fix.runOnHardware ? ' (never run on hardware)' : ''}: ${c.fix.text}`);
  return lines;
}

export function renderCheckText(report: CheckReport, verbose = false): string {
  const kind = report.kind === 'hwx' ? 'HWX file' : '.anec file';
  const layout = report.layout === null ? '' : `, ${report.layout.target} layout (payload at ${hex(report.layout.payloadOffset)})`;
  const lines = [`${report.file}: ${kind}${layout}; target ${report.target.name} (payload at ${hex(report.target.payloadOffset)})`];
  for (const c of report.causes) lines.push(...causeLines(c, verbose));
  lines.push(report.problems.length === 0 ? 'no problem found' : `${report.problems.length} problem(s): ${report.problems.join(', ')}`);
  if (report.fix !== null) {
    const f = report.fix;
    lines.push(`fixes for ${f.output}:`);
    for (const a of f.applied) lines.push(`  ${a.kind.padEnd(VERDICT_WIDTH)}${a.text}${a.runOnHardware ? '' : ' (never run on hardware)'}`);
    if (f.applied.length === 0) lines.push('  nothing to apply');
    if (f.notFixed.length > 0) lines.push(`  no automatic fix: ${f.notFixed.join(', ')}`);
    lines.push(f.problemsAfter.length === 0 ? `after the fixes: no problem found` : `after the fixes: ${f.problemsAfter.length} problem(s): ${f.problemsAfter.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}
