// What the oracle keeps of an engine outcome: enough to tell any change in what a user sees
// (status, exception type, .anec bytes, -p text, log lines), in one short line.

import { createHash } from 'node:crypto';
import type { EngineOutcome } from '../../src/anec/index.js';
import { DIGEST_HEX_LENGTH } from './cases.js';

const NOTHING = '-';

function digest(parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex').slice(0, DIGEST_HEX_LENGTH);
}

/**
 * `ok <anec> <printed> <logs>` or `<ExceptionType> <anec> <printed> <logs>`, each a digest, `-` when
 * empty. The exception message is left out: the engines word their messages differently.
 */
export function verdictOf(outcome: EngineOutcome): string {
  const status = outcome.ok ? 'ok' : (outcome.error?.type ?? 'UnknownError');
  const anec = outcome.anec === undefined ? NOTHING : digest([outcome.anec.header, outcome.anec.payload]);
  const printed = outcome.printed === '' ? NOTHING : digest([outcome.printed]);
  const logs = outcome.logs.length === 0 ? NOTHING : digest(outcome.logs.map((r) => `${r.level}: ${r.message}\n`));
  return `${status} ${anec} ${printed} ${logs}`;
}

const PART_NAMES = ['status', 'anec bytes', 'printed text', 'log lines'] as const;

/** Which parts of two verdicts differ, for a report: `status (ok vs AssertionError)`, `log lines`. */
export function verdictDifference(recorded: string, actual: string): string {
  const a = recorded.split(' ');
  const b = actual.split(' ');
  const parts: string[] = [];
  PART_NAMES.forEach((name, i) => {
    if (a[i] !== b[i]) parts.push(i === 0 ? `status (${a[i]} vs ${b[i]})` : name);
  });
  return parts.join(', ');
}
