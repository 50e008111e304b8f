// A disagreement made reproducible: the input written to counterexamples/ (gitignored), the plan
// beside it, and the anecc command that shows both engines' answers.

import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Profile } from '../../src/anec/index.js';
import { inputFileName, materializeInput, type InputPlan } from '../arbitraries/hwx-inputs.js';
import { repoRoot } from '../corpus.js';

export const counterexamplesDir = path.join(repoRoot, 'counterexamples');

function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The command line that converts `file` the way the case did, with both engines compared. */
export function reproduceCommand(plan: InputPlan, file: string, profile: Profile): string {
  const parts = ['anecc', shellQuote(file), '--profile', profile, '--engine', 'both'];
  if (plan.request.name !== undefined) parts.push('-n', shellQuote(plan.request.name));
  if (plan.request.force) parts.push('-f');
  if (plan.request.print) parts.push('-p');
  if (plan.request.compile) parts.push('-o', shellQuote(path.join(tmpdir(), 'x.anec')));
  return parts.join(' ');
}

const replacer = (_key: string, value: unknown): unknown => (value instanceof Uint8Array ? { bytes: Buffer.from(value).toString('hex') } : value);

/** Writes the input and its plan; returns the input's path relative to the repository root. */
export function writeCounterexample(label: string, plan: InputPlan): string | undefined {
  const bytes = materializeInput(plan);
  if (bytes === undefined) return undefined;
  const dir = path.join(counterexamplesDir, label);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, inputFileName(plan));
  writeFileSync(file, bytes);
  writeFileSync(path.join(dir, 'plan.json'), `${JSON.stringify(plan, replacer, 1)}\n`);
  return path.relative(repoRoot, file);
}
