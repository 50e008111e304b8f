// The fault suite (issue 14, "done when"): real `anecc` processes, each interrupted by a signal
// fast-check chooses (INT, TERM, HUP, KILL), at a moment it chooses, under an engine and a bridge
// transport it chooses.
// Afterwards no output temporary, no work folder and no Python process may be left; after a
// SIGKILL, which no process can react to, the next run in the same folders must remove what the
// killed one left. A fake upstream (test/bridge/fake-anecc.ts) gives a Python child without the
// real one.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { slowAndBig, testPythonBin, writeFakeAnecc } from '../bridge/fake-anecc.js';
import { anecc } from '../helpers/cli.js';
import { repoRoot } from '../../support/corpus.js';

const work = mkdtempSync(join(tmpdir(), 'anecc-faults-'));
const fake = writeFakeAnecc(slowAndBig);
afterAll(() => {
  fake.remove();
  rmSync(work, { recursive: true, force: true });
});

const sample = join(repoRoot, 'hwx', 'mul-v5.hwx');
const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGKILL'] as const;
const engines = ['python', 'both', 'native', 'default'] as const;
const transports = ['pipe', 'pythonia'] as const;
type Scenario = {
  readonly signal: (typeof signals)[number];
  readonly delayMs: number;
  readonly engine: (typeof engines)[number];
  readonly transport: (typeof transports)[number];
};

// Scenarios run this many at a time (real processes; the machine has few cores).
const parallel = 4;
const numRuns = Number(process.env['ANECC_FAULT_RUNS'] ?? 50);
let scenarioCount = 0;
const seen = { killedBySignal: 0, finishedFirst: 0, leftAfterKill: 0 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Processes (any: node, Python, the guardian) whose environment carries this run's mark. */
function markedProcesses(mark: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`).includes(`ANECC_FAULT_RUN=${mark}\0`)) found.push(Number(entry));
    } catch {
      // Ended meanwhile, or not ours to read.
    }
  }
  return found;
}

/** Waits until `check` holds (returns true), for at most `ms`. */
async function eventually(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    if (check()) return true;
    if (Date.now() > end) return false;
    await sleep(50);
  }
}

function run(args: readonly string[], env: NodeJS.ProcessEnv, signal?: { name: NodeJS.Signals; afterMs: number }) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    const child = spawn(process.execPath, [anecc, ...args], { env, stdio: 'ignore' });
    if (signal) setTimeout(() => child.kill(signal.name), signal.afterMs);
    child.on('exit', (code, sig) => resolve({ code, signal: sig }));
  });
}

const leftovers = (dir: string) => readdirSync(dir);

async function scenario({ signal, delayMs, engine, transport }: Scenario): Promise<void> {
  const id = `${process.pid}-${(scenarioCount += 1)}`;
  const root = join(work, id);
  const tmp = join(root, 'tmp');
  const out = join(root, 'out');
  mkdirSync(tmp, { recursive: true });
  mkdirSync(out);
  const env = {
    ...process.env,
    TMPDIR: tmp,
    PYTHON_BIN: testPythonBin,
    ANECC_UPSTREAM_SRC: fake.src,
    ANECC_CACHE_DIR: fake.cacheDir,
    ANECC_BRIDGE_TRANSPORT: transport,
    ANECC_FAULT_RUN: id,
  };
  const engineArgs = engine === 'default' ? [] : ['--engine', engine];
  const ended = await run([sample, '--profile', 'upstream', ...engineArgs, '-o', join(out, 'out.anec')], env, { name: signal, afterMs: delayMs });
  if (ended.signal === signal) seen.killedBySignal += 1;
  else seen.finishedFirst += 1;

  // The Python child and its guardian end with the command, whatever ended it.
  const gone = await eventually(() => markedProcesses(id).length === 0, 5000);
  expect(gone, `processes left after ${signal} at ${delayMs} ms (${engine}, ${transport}): ${markedProcesses(id).join(' ')}`).toBe(true);
  if (signal === 'SIGKILL') {
    const left = leftovers(tmp).length + leftovers(out).filter((n) => n.endsWith('.tmp')).length;
    if (left > 0) {
      seen.leftAfterKill += 1;
      // The next run in the same folders removes what the killed one could not.
      await run([sample, '--profile', 'upstream', '--engine', 'python', '-o', join(out, 'next.anec')], { ...env, ANECC_FAULT_RUN: `${id}-next` });
    }
  }
  const clean = await eventually(() => leftovers(tmp).length === 0 && leftovers(out).every((n) => !n.startsWith('.')), 3000);
  expect(clean, `left after ${signal} at ${delayMs} ms (${engine}, ${transport}): tmp [${leftovers(tmp).join(' ')}] out [${leftovers(out).join(' ')}]`).toBe(true);
  rmSync(root, { recursive: true, force: true });
}

const scenarioArbitrary = fc.record({
  signal: fc.constantFrom(...signals),
  // Start-up, Python start, the conversion (~0.3 s holding the GIL), reading back and writing
  // the 16 MiB output: most of a run's life, with more weight early where the states change.
  delayMs: fc.oneof(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 1000 })),
  engine: fc.constantFrom(...engines),
  transport: fc.constantFrom(...transports),
});

describe.skipIf(process.platform !== 'linux')('fault suite: signals at any moment leave nothing behind', () => {
  it(
    `over ${numRuns * parallel} interrupted runs`,
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(scenarioArbitrary, { minLength: parallel, maxLength: parallel }), async (batch) => {
          await Promise.all(batch.map(scenario));
        }),
        { numRuns, endOnFailure: true },
      );
      // The suite means something only if signals landed mid-run, not just after the end.
      expect(seen.killedBySignal).toBeGreaterThan(scenarioCount / 2);
      console.log(`fault suite: ${scenarioCount} runs, ${seen.killedBySignal} ended by the signal, ${seen.finishedFirst} finished first, ${seen.leftAfterKill} SIGKILLs left something for the next run to remove`);
    },
    175_000,
  );
});
