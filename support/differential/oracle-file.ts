// The recorded upstream verdicts (test/oracle/oracle.json): one row per seeded case, written by
// `make oracle` where upstream runs, read by the replay where it does not.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';
import type { Profile } from '../../src/anec/index.js';
import { repoRoot } from '../corpus.js';

export const ORACLE_FORMAT = 1;
export const oraclePath = path.join(repoRoot, 'test', 'oracle', 'oracle.json');
const patchesDir = path.join(repoRoot, 'patches');

const verdict = z.string().regex(/^[A-Za-z_][\w.]* (-|[0-9a-f]+) (-|[0-9a-f]+) (-|[0-9a-f]+)$/);

const oracleSchema = z.object({
  format: z.literal(ORACLE_FORMAT),
  about: z.string(),
  seed: z.number().int(),
  /** sha256 prefix of patches/ when recorded: the patched verdicts belong to that series. */
  patches: z.string(),
  /** sha256 of the upstream anecc/__init__.py that answered. */
  upstream: z.string(),
  fastCheck: z.string(),
  /** Row i: [input digest, upstream verdict, patched verdict]. */
  cases: z.array(z.tuple([z.string().regex(/^[0-9a-f]+$/), verdict, verdict])),
});

export type Oracle = z.infer<typeof oracleSchema>;

/** Column of a profile's verdict in an oracle row. */
export function verdictColumn(profile: Profile): 1 | 2 {
  return profile === 'upstream' ? 1 : 2;
}

/** The installed fast-check version: a new version may generate other inputs from the same seed. */
export function fastCheckVersion(): string {
  const require = createRequire(import.meta.url);
  const manifest = require('fast-check/package.json') as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : 'unknown';
}

/** A digest of the patch series in patches/, so a changed series marks the patched verdicts stale. */
export function patchesFingerprint(): string {
  const hash = createHash('sha256');
  if (existsSync(patchesDir)) {
    for (const name of readdirSync(patchesDir).sort()) {
      if (name !== 'series' && !name.endsWith('.patch')) continue;
      hash.update(name);
      hash.update('\0');
      hash.update(readFileSync(path.join(patchesDir, name)));
      hash.update('\0');
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/** The oracle, undefined when there is none, or a thrown error naming the file when it is malformed. */
export function readOracle(file: string = oraclePath): Oracle | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = oracleSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a format-${ORACLE_FORMAT} oracle (${parsed.error.issues[0]?.message}); run \`make oracle\``);
  return parsed.data;
}

/** Writes the oracle with one case per line, so a re-recording shows as a readable diff. */
export function writeOracle(oracle: Oracle, file: string = oraclePath): void {
  const { cases, ...head } = oracle;
  const headText = JSON.stringify(head, null, 1).replace(/\n}$/, '');
  const rows = cases.map((row) => JSON.stringify(row)).join(',\n');
  writeFileSync(file, `${headText},\n "cases": [\n${rows}\n ]\n}\n`);
}
