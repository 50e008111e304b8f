// Command-line options of scripts/differential.ts and scripts/oracle.ts, normalized once.

import { parseArgs } from 'node:util';
import type { Profile } from '../../src/anec/index.js';
import { defaultSeed } from '../../support/differential/cases.js';

export type Mode = 'auto' | 'live' | 'replay';

export interface DifferentialArgs {
  readonly seed: number;
  readonly cases: number;
  readonly first: number;
  readonly profiles: readonly Profile[];
  readonly mode: Mode;
  readonly batchSize: number;
  readonly shrink: boolean;
  /** Python engines: 2 runs the patched profile in a worker process, in parallel with upstream. */
  readonly workers: number;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly code = 'usage';
}

function integer(option: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) throw new UsageError(`${option}: expected an integer >= ${min}, got "${raw}"`);
  return value;
}

/** `--cases` falls back to env CASES (so `make differential CASES=50000` works), then to `defaultCases`. */
export function parseDifferentialArgs(argv: readonly string[], env: NodeJS.ProcessEnv, defaultCases: number): DifferentialArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      seed: { type: 'string' },
      cases: { type: 'string' },
      case: { type: 'string' },
      profile: { type: 'string' },
      mode: { type: 'string' },
      batch: { type: 'string' },
      'no-shrink': { type: 'boolean' },
      workers: { type: 'string' },
    },
    strict: true,
  });
  const profile = values.profile ?? env['PROFILE'] ?? 'both';
  if (profile !== 'both' && profile !== 'upstream' && profile !== 'patched') {
    throw new UsageError(`--profile: expected "both", "upstream" or "patched", got "${profile}"`);
  }
  const mode = values.mode ?? env['MODE'] ?? 'auto';
  if (mode !== 'auto' && mode !== 'live' && mode !== 'replay') throw new UsageError(`--mode: expected "auto", "live" or "replay", got "${mode}"`);
  const single = values.case === undefined ? undefined : integer('--case', values.case, 0, 0);
  return {
    seed: integer('--seed', values.seed ?? env['SEED'], defaultSeed, -(2 ** 31)),
    cases: single === undefined ? integer('--cases', values.cases ?? env['CASES'], defaultCases, 1) : 1,
    first: single ?? 0,
    profiles: profile === 'both' ? ['upstream', 'patched'] : [profile],
    mode,
    batchSize: integer('--batch', values.batch, 400, 1),
    shrink: values['no-shrink'] !== true,
    workers: integer('--workers', values.workers ?? env['WORKERS'], 2, 1),
  };
}
