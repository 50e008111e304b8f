// The one place that turns HwxIssue values into text.

import type { HwxIssue } from './issues.js';

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
    case 'bad_task': {
      const why =
        issue.reason === 'next_pointer'
          ? `next-task pointer ${hex(issue.value)} does not point forward inside __text`
          : issue.reason === 'packet_overrun'
            ? `packet ${hex(issue.value)} runs past the end of the task`
            : `more than ${issue.value} tasks`;
      return `task ${issue.taskIndex}: ${why}, ${at}`;
    }
    default:
      return unreachable(issue);
  }
}

/** Several issues, one per line. */
export function formatIssues(issues: readonly HwxIssue[]): string {
  return issues.map(formatIssue).join('\n');
}

function unreachable(issue: never): never {
  throw new Error(`unworded HWX issue: ${JSON.stringify(issue)}`);
}
