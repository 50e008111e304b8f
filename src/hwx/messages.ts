// The one place that turns HwxIssue values into text.

import type { BadTaskIssue, HwxIssue } from './issues.js';

const hex = (value: number): string => `0x${value.toString(16)}`;

function where(path: readonly string[]): string {
  return path.length === 0 ? 'file' : path.join(',');
}

/** One line, ending in "at byte 0x..." so the reader can find the record. */
export function formatIssue(issue: HwxIssue): string {
  const at = `at byte ${hex(issue.offset)}`;
  switch (issue.code) {
    case 'truncated':
      return `${where(issue.path)} needs ${hex(issue.needed)} bytes but the file has ${hex(issue.available)} left, ${at}`;
    case 'bad_magic':
      return `not an HWX file: magic ${hex(issue.value)} (expected 0xbeefface or 0xfeedfacf), ${at}`;
    case 'out_of_bounds':
      return `${where(issue.path)} ${issue.field} ${hex(issue.value)} runs past the end (${hex(issue.limit)} bytes), ${at}`;
    case 'too_many':
      return `${where(issue.path)} ${issue.field} ${issue.value} is more than the limit of ${issue.limit}, ${at}`;
    case 'unsafe_integer':
      return `${where(issue.path)} ${issue.field} ${issue.value} is too large to handle exactly, ${at}`;
    case 'too_small':
      return `${where(issue.path)} ${issue.field} ${hex(issue.value)} is below the minimum ${hex(issue.minimum)}, ${at}`;
    case 'bad_stab': {
      const why = issue.reason === 'fields' ? 'does not have the N, C, H, W fields' : 'has a number out of range';
      return `tensor stab ${JSON.stringify(issue.text)} ${why}, ${at}`;
    }
    case 'bad_task':
      return `task ${issue.taskIndex}: ${taskProblem(issue.reason, issue.value)}, ${at}`;
    case 'internal':
      return `the HWX reader failed (a bug, not a property of the file): ${issue.detail}, ${at}`;
    default:
      return unreachable(issue);
  }
}

function taskProblem(reason: BadTaskIssue['reason'], value: number): string {
  switch (reason) {
    case 'next_pointer':
      return `next-task pointer ${hex(value)} does not point forward inside __text`;
    case 'packet_overrun':
      return `packet ${hex(value)} runs past the end of the task`;
    case 'too_many_tasks':
      return `more than ${value} tasks`;
    case 'overlap':
      return `next-task pointer ${hex(value)} points inside this task, which ends there`;
    case 'too_many_writes':
      return `packet ${hex(value)} writes more words than the stream has bytes for`;
    default:
      return unreachable(reason);
  }
}

/** Several issues, one per line. */
export function formatIssues(issues: readonly HwxIssue[]): string {
  return issues.map(formatIssue).join('\n');
}

function unreachable(value: never): never {
  throw new Error(`unworded HWX issue: ${JSON.stringify(value)}`);
}
