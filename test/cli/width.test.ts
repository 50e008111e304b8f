// Text output of every command fits 100 columns (what a pipe or a CI log gets) on the corpus files.
// Upstream-compatible conversion output (`-p` struct text, log lines) is byte-exact with upstream
// and is left out on purpose.
import { describe, expect, it } from 'vitest';
import { runAnecc } from '../helpers/cli.js';
import { corpusFiles, corpusSkipReason } from '../../support/corpus.js';

const skip = corpusSkipReason();
if (skip) console.log(skip);

const WIDTH = 100;

function tooWide(text: string): string[] {
  return text.split('\n').filter((l) => [...l].length > WIDTH);
}

/** Runs the commands four at a time (each is a process start). */
async function expectAllFit(commands: readonly (readonly string[])[]): Promise<void> {
  for (let i = 0; i < commands.length; i += 4) await Promise.all(commands.slice(i, i + 4).map(expectFits));
}

async function expectFits(args: readonly string[]): Promise<void> {
  const r = await runAnecc(args);
  expect(r.exitCode, `${args.join(' ')}: ${r.stderr}`).toBeLessThanOrEqual(1);
  expect(r.stdout.length, args.join(' ')).toBeGreaterThan(0);
  expect(tooWide(r.stdout), args.join(' ')).toEqual([]);
  expect(tooWide(r.stderr), args.join(' ')).toEqual([]);
}

describe.skipIf(skip !== undefined)('text output fits 100 columns on the corpus', () => {
  const hwx = corpusFiles('.hwx').map((f) => f.path);
  const anec = corpusFiles('.ane').map((f) => f.path);

  it('inspect, inspect --all, --summary, --task 0 of every file', async () => {
    await expectAllFit([...hwx, ...anec].flatMap((f) => [['inspect', f], ['inspect', f, '--all'], ['inspect', f, '--summary'], ['inspect', f, '--task', '0']]));
  }, 300_000);

  it('diff of each file against the next, of three files, and with --all', async () => {
    const all = [...hwx, ...anec];
    const pairs = all.slice(1).map((f, i) => ['diff', all[i]!, f]);
    await expectAllFit([...pairs, ['diff', ...hwx.slice(0, 3)], ['diff', ...hwx.slice(0, 5), '--all']]);
  }, 300_000);

  it('clean of every .anec, doctor, and the help of every command', async () => {
    const help = [[], ['inspect'], ['diff'], ['clean'], ['doctor']].map((c) => [...c, '--help']);
    await expectAllFit([...anec.map((f) => ['clean', f]), ['doctor'], ...help]);
  }, 300_000);
});
