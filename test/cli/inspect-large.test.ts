// inspect on a real-sized model: a 40-task network made with the writer (v7 elementwise tasks,
// each with the spurious KernelDMA pattern) reads as a summary, one task, and folded warnings.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSPECT_SCHEMA_VERSION, inspectReportSchema, inspectSummarySchema } from '../../src/tools/index.js';
import { describeMul, linkTasks, mulShape, mulTask, writeHwx } from '../../src/writer/index.js';
import { runAnecc } from '../helpers/cli.js';

const TASKS = 40;
const work = mkdtempSync(join(tmpdir(), 'anecc-inspect-large-'));
const model = join(work, 'forty.hwx');

beforeAll(() => {
  const base = describeMul('v7');
  const [image, image2, probs] = base.tensors;
  const tasks = Array.from({ length: TASKS }, (_, index) =>
    mulTask({ layout: 'v7', shape: mulShape, index, bindings: { read0: image!.slot, read1: image2!.slot, write: probs!.slot } }),
  );
  writeFileSync(model, writeHwx({ ...base, tasks: linkTasks(tasks) }));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('anecc inspect on a 40-task model', () => {
  it('should fold the same warning on every task into one line listing the tasks', async () => {
    const r = await runAnecc(['inspect', model]);
    expect(r.exitCode).toBe(0);
    const spurious = r.stdout.split('\n').filter((l) => l.includes('spurious_kdma'));
    expect(spurious).toHaveLength(1);
    expect(spurious[0]).toContain(`tasks 0..${TASKS - 1} (${TASKS}): each uses no kernel`);
    const json = inspectReportSchema.parse(JSON.parse((await runAnecc(['inspect', model, '--json'])).stdout));
    expect(json.warnings.find((w) => w.code === 'spurious_kdma')?.tasks).toEqual(Array.from({ length: TASKS }, (_, i) => i));
  });

  it('should give one line per task with --summary', async () => {
    const r = await runAnecc(['inspect', model, '--summary']);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => /^task \d+ /.test(l));
    expect(lines).toHaveLength(TASKS);
    expect(lines[7]).toMatch(/^task 7 +full +0x274 +reads \d+, \d+; writes \d+ +elementwise \(PECfg 0x[0-9a-f]+\) +\d+ warning\(s\)$/);
    const json = inspectSummarySchema.parse(JSON.parse((await runAnecc(['inspect', model, '--summary', '--json'])).stdout));
    expect(json.tasks).toHaveLength(TASKS);
    expect(json.tasks[39]).toMatchObject({ index: 39, layout: 'full', size: 0x274, operation: expect.stringMatching(/^elementwise/) });
    expect(json.tasks[39]!.warnings).toBeGreaterThanOrEqual(1);
  });

  it('should show one task with --task, and refuse one the file does not have', async () => {
    const one = await runAnecc(['inspect', model, '--task', '12']);
    expect(one.exitCode).toBe(0);
    expect(one.stdout).toMatch(/^task 12 at /m);
    expect(one.stdout).not.toMatch(/^task 11 at /m);
    const json = inspectReportSchema.parse(JSON.parse((await runAnecc(['inspect', model, '--task', '12', '--json'])).stdout));
    expect(json.tasks.map((t) => t.index)).toEqual([12]);
    const none = await runAnecc(['inspect', model, '--task', '40']);
    expect(none.exitCode).toBe(1);
    expect(none.stderr).toBe(`anecc: error: ${model}: no task 40; the file has 40 task(s) (0..39)`);
    const bad = await runAnecc(['inspect', model, '--task', 'x']);
    expect(bad.exitCode).toBe(2);
  });

  it('should print compact JSON with a schemaVersion on a pipe, indented with --pretty', async () => {
    const compact = await runAnecc(['inspect', model, '--json']);
    const pretty = await runAnecc(['inspect', model, '--json', '--pretty']);
    expect(compact.stdout.trim().split('\n')).toHaveLength(1);
    expect(pretty.stdout.split('\n').length).toBeGreaterThan(1000);
    expect(JSON.parse(compact.stdout)).toEqual(JSON.parse(pretty.stdout));
    expect(JSON.parse(compact.stdout).schemaVersion).toBe(INSPECT_SCHEMA_VERSION);
    // Compact JSON is much smaller than the indented form the issue measured (1.06 MB).
    expect(compact.stdout.length).toBeLessThan(pretty.stdout.length * 0.6);
  });
});
