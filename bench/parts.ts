// Figures of the Python side, measured in the same run as the native ones.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pythonEngineAvailability } from '../src/bridge/index.js';
import { benchBridge } from './bridge.js';
import { corpusFiles } from '../support/corpus.js';
import { median, type Figure } from './stats.js';



/** Wall time of one `anecc` command, in milliseconds. */
function timeCommand(args: readonly string[]): number {
  const t0 = performance.now();
  execFileSync('node', ['bin/anecc.cjs', ...args], { stdio: 'ignore' });
  return performance.now() - t0;
}

export async function runBenchParts(figure: Figure): Promise<void> {
  const python = await pythonEngineAvailability();
  if (!python.available) {
    for (const name of ['bridge-startup-ms', 'bridge-call-us', 'both-overhead-ms']) console.log(`figure: ${name} skipped (${python.message})`);
    return;
  }
  const bridge = await benchBridge();
  figure('bridge-startup-ms', bridge.startupMs, 'spawn, bridge import, first answer (default transport)');
  figure('bridge-call-us', bridge.callUs, 'median empty round trip');

  // Extra wall time of --engine both over --engine native, per corpus file (medians of 3 runs).
  const files = corpusFiles().filter((f) => !f.name.includes('gemm'));
  if (files.length === 0) {
    console.log('figure: both-overhead-ms skipped (no corpus: set ANECC_CORPUS)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'anecc-bench-both-'));
  try {
    const overheads = files.map((file) => {
      const args = (engine: string): string[] => [file.path, '--engine', engine, '-p', '-o', join(dir, 'out.anec')];
      const native = median([0, 1, 2].map(() => timeCommand(args('native'))));
      const both = median([0, 1, 2].map(() => timeCommand(args('both'))));
      return both - native;
    });
    figure('both-overhead-ms', median(overheads), `median over ${files.length} corpus files; compare with bridge-startup-ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
