// Figures for the Python bridge: start-up (spawn, bridge import, first answer; over the default
// transport, ANECC_BRIDGE_TRANSPORT chooses) and the round trip of one empty call. The bench script
// prints them; nothing here needs upstream.

import { performance } from 'node:perf_hooks';
import { openPythonEngine } from '../src/bridge/index.js';
import type { PythonEngineOptions } from '../src/bridge/index.js';

export interface BridgeFigures {
  /** From openPythonEngine() to the first answered call, in milliseconds. */
  readonly startupMs: number;
  /** Median round trip of an empty call, in microseconds. */
  readonly callUs: number;
}

const defaultCalls = 2000;
const warmUpCalls = 50;

/** Measures the bridge with the interpreter from PYTHON_BIN (or python3). */
export async function benchBridge(options: PythonEngineOptions & { readonly calls?: number } = {}): Promise<BridgeFigures> {
  const calls = options.calls ?? defaultCalls;
  const started = performance.now();
  const engine = await openPythonEngine(options);
  try {
    await engine.ping();
    const startupMs = performance.now() - started;
    for (let i = 0; i < warmUpCalls; i++) await engine.ping();
    const samples: number[] = [];
    for (let i = 0; i < calls; i++) {
      const t0 = performance.now();
      await engine.ping();
      samples.push((performance.now() - t0) * 1000);
    }
    samples.sort((a, b) => a - b);
    return { startupMs, callUs: samples[Math.floor(samples.length / 2)] ?? Number.NaN };
  } finally {
    await engine.close();
  }
}
