// `make bench`: speed and memory figures, every ratio measured within this one run.
// Prints `figure: NAME VALUE` lines; a figure that cannot be measured here says why.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runNativeEngine } from '../src/anec/index.js';
import { writeFileAtomic } from '../src/lifecycle/index.js';
import { describeLarge, writeHwx } from '../src/writer/index.js';
import { runBenchParts } from './parts.js';
import { startProgress, type Progress } from '../scripts/progress.js';
import { runStartupFigures } from './startup.js';
import { fmt, median } from './stats.js';
import { convertRequest } from '../support/requests.js';

const REPEATS = 3;
const execFileAsync = promisify(execFile);

/** Steps of the run: the file, each repeat, the two memory probes, upstream, the parts. */
const STEPS = 1 + REPEATS + 2 + 1 + 1;
let progress: Progress | undefined;
let step = 0;
const stepDone = (): void => progress?.update(++step);

function figure(name: string, value: number | string, note = ''): void {
  console.log(`figure: ${name} ${typeof value === 'number' ? fmt(value) : value}${note ? `  # ${note}` : ''}`);
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

async function main(): Promise<void> {
  // `make bench ONLY=startup`: the whole-process figures alone (a few minutes less).
  if (process.argv[2] !== 'startup') await largeFileFigures();
  console.log(`whole process (medians of alternating runs; the figure is the worst file):`);
  await runStartupFigures(figure);
}

async function largeFileFigures(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'anecc-bench-'));
  progress = startProgress('bench', STEPS, { unit: 'steps', disagreements: false });
  try {
    const file = join(dir, 'large.hwx');
    const out = join(dir, 'large.anec');
    writeFileSync(file, writeHwx(describeLarge()));
    gc();
    stepDone();
    const fileSize = statSync(file).size;
    console.log(`bench file: ${(fileSize / 2 ** 20).toFixed(0)} MiB HWX made by the writer (describeLarge)`);

    const request = convertRequest(file);
    const reads: number[] = [];
    const converts: number[] = [];
    const convertAndWrites: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      let bytes: Uint8Array = new Uint8Array(0);
      reads.push(time(() => void (bytes = readFileSync(file))));
      converts.push(time(() => void runNativeEngine(bytes, request, 'upstream')));
      convertAndWrites.push(
        time(() => {
          const outcome = runNativeEngine(bytes, request, 'upstream');
          if (!outcome.anec) throw new Error(`native conversion failed: ${outcome.error?.message}`);
          writeFileAtomic(out, [outcome.anec.header, outcome.anec.payload]);
        }),
      );
      bytes = new Uint8Array(0);
      gc();
      stepDone();
    }
    const read = median(reads);
    const native = median(converts);
    const nativeWithWrite = median(convertAndWrites);
    console.log(`read ${fmt(read)} ms, native convert ${fmt(native)} ms, native convert+write ${fmt(nativeWithWrite)} ms (medians of ${REPEATS})`);
    figure('native-time-vs-read', native / read, 'target <= 3');

    const baseline = Number((await execFileAsync('node', ['bench/peak-memory.mjs'])).stdout);
    stepDone();
    const peak = Number((await execFileAsync('node', ['bench/peak-memory.mjs', file, out])).stdout);
    stepDone();
    figure('native-peak-memory-mib', peak / 2 ** 20, `node alone: ${fmt(baseline / 2 ** 20)} MiB`);
    figure('native-peak-memory-vs-file', peak / fileSize, 'target <= 2');

    const upstream = await upstreamSeconds(file, join(dir, 'upstream.anec'));
    stepDone();
    if (typeof upstream === 'string') console.log(`figure: native-speedup-vs-upstream skipped (${upstream})`);
    else {
      console.log(`upstream anecc_convert ${fmt(upstream.convert * 1000)} ms, anecc_compile (header and write) ${fmt(upstream.compile * 1000)} ms`);
      figure('native-speedup-vs-upstream', (upstream.convert * 1000) / native, 'conversion: anecc_convert vs the native engine; target >= 50');
      figure('native-speedup-vs-upstream-with-write', ((upstream.convert + upstream.compile) * 1000) / nativeWithWrite, 'both writing the 256 MiB output');
    }
    rmSync(file, { force: true });
    await runBenchParts(figure);
    stepDone();
  } finally {
    progress.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Upstream's in-process times in seconds (interpreter start excluded), or why not. */
async function upstreamSeconds(file: string, out: string): Promise<{ convert: number; compile: number } | string> {
  const src = process.env['ANECC_UPSTREAM_SRC'];
  const python = process.env['PYTHON_BIN'] ?? 'python3';
  const code = [
    'import sys, time, logging',
    'if sys.argv[3]: sys.path.insert(0, sys.argv[3])',
    'import anecc',
    'logging.disable(logging.CRITICAL)',
    't0 = time.perf_counter()',
    'res = anecc.anecc_convert(sys.argv[1], None, False)',
    't1 = time.perf_counter()',
    'anecc.anecc_compile(res, sys.argv[2])',
    'print(t1 - t0, time.perf_counter() - t1)',
  ].join('\n');
  try {
    execFileSync(python, ['-c', 'import sys\nif sys.argv[1]: sys.path.insert(0, sys.argv[1])\nimport anecc', src ?? ''], { stdio: 'ignore' });
  } catch {
    return `upstream anecc is not importable by ${python}; set PYTHON_BIN and ANECC_UPSTREAM_SRC`;
  }
  console.log('running upstream on the bench file (pure Python: this takes a minute or more)...');
  // Asynchronous, so the progress line keeps ticking through upstream's minute.
  const [convert, compile] = (await execFileAsync(python, ['-c', code, file, out, src ?? ''])).stdout.trim().split(' ').map(Number);
  return convert !== undefined && compile !== undefined && Number.isFinite(convert) && Number.isFinite(compile)
    ? { convert, compile }
    : 'upstream printed no time';
}

await main();
