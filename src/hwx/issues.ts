// Format problems as data. Only messages.ts turns them into text.

/** Where in the file's structure a problem sits: ['load_commands', '3'], ['__TEXT', '__text'], ... */
export type IssuePath = readonly string[];

export interface TruncatedIssue {
  readonly code: 'truncated';
  readonly offset: number;
  readonly path: IssuePath;
  /** Bytes the record needs from `offset`. */
  readonly needed: number;
  /** Bytes there are from `offset`. */
  readonly available: number;
}

export interface BadMagicIssue {
  readonly code: 'bad_magic';
  readonly offset: number;
  readonly path: IssuePath;
  readonly value: number;
}

export interface OutOfBoundsIssue {
  readonly code: 'out_of_bounds';
  readonly offset: number;
  readonly path: IssuePath;
  readonly field: string;
  readonly value: number;
  readonly limit: number;
}

export interface TooManyIssue {
  readonly code: 'too_many';
  readonly offset: number;
  readonly path: IssuePath;
  readonly field: string;
  readonly value: number;
  readonly limit: number;
}

export interface UnsafeIntegerIssue {
  readonly code: 'unsafe_integer';
  readonly offset: number;
  readonly path: IssuePath;
  readonly field: string;
  /** The u64 value in decimal (kept as text so that JSON never meets a bigint). */
  readonly value: string;
}

export interface TooSmallIssue {
  readonly code: 'too_small';
  readonly offset: number;
  readonly path: IssuePath;
  readonly field: string;
  readonly value: number;
  readonly minimum: number;
}

export interface BadStabIssue {
  readonly code: 'bad_stab';
  readonly offset: number;
  readonly path: IssuePath;
  readonly text: string;
  readonly reason: 'fields' | 'number';
}

export interface BadTaskIssue {
  readonly code: 'bad_task';
  readonly offset: number;
  readonly path: IssuePath;
  readonly taskIndex: number;
  readonly reason: 'next_pointer' | 'packet_overrun' | 'too_many_tasks' | 'overlap' | 'too_many_writes';
  readonly value: number;
}

/** A bug in the reader itself, caught at its edge so that callers still get a typed value. */
export interface InternalIssue {
  readonly code: 'internal';
  readonly offset: number;
  readonly path: IssuePath;
  /** The caught error's name and message. */
  readonly detail: string;
}

export type HwxIssue =
  | TruncatedIssue
  | BadMagicIssue
  | OutOfBoundsIssue
  | TooManyIssue
  | UnsafeIntegerIssue
  | TooSmallIssue
  | BadStabIssue
  | BadTaskIssue
  | InternalIssue;

export type HwxIssueCode = HwxIssue['code'];

/** Every issue code, for schemas that list them (a missing or extra code fails the type check). */
export const hwxIssueCodes = [
  'truncated',
  'bad_magic',
  'out_of_bounds',
  'too_many',
  'unsafe_integer',
  'too_small',
  'bad_stab',
  'bad_task',
  'internal',
] as const satisfies readonly HwxIssueCode[];
// Fails to compile when an HwxIssue code is missing from the list above.
const everyIssueCodeListed: HwxIssueCode extends (typeof hwxIssueCodes)[number] ? true : never = true;
void everyIssueCodeListed;
