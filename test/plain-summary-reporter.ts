// One closing line in the plain form any CI log reader understands: `tests: N passed, N failed, N skipped`.
import type { Reporter } from 'vitest/reporters';

interface TaskLike {
  readonly type: string;
  readonly mode?: string;
  readonly result?: { readonly state?: string };
  readonly tasks?: readonly TaskLike[];
}

function count(tasks: readonly TaskLike[], totals: { passed: number; failed: number; skipped: number }): void {
  for (const task of tasks) {
    if (task.tasks) count(task.tasks, totals);
    if (task.type !== 'test') continue;
    const state = task.result?.state;
    if (state === 'pass') totals.passed++;
    else if (state === 'fail') totals.failed++;
    else if (task.mode === 'skip' || task.mode === 'todo' || state === 'skip' || state === 'todo') totals.skipped++;
  }
}

export default class PlainSummaryReporter implements Reporter {
  onFinished(files: readonly TaskLike[] = [], errors: readonly unknown[] = []): void {
    const totals = { passed: 0, failed: 0, skipped: 0 };
    count(files, totals);
    // An error outside any test (a crashed file) fails the run too.
    totals.failed += errors.length;
    process.stdout.write(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
  }
}
