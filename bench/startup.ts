// Whole-process figures: what one `anecc` call costs from spawn to exit, next to `node -e 0` and to
// upstream's own click CLI. Every ratio is of medians over alternating runs made in this one run,
// on the same corpus files, so a busy machine slows both sides alike.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { corpusDir } from '../support/corpus.js';
import { fmt, median, type Figure } from './stats.js';


/** Runs per command and file; at least 7 (BENCH_RUNS raises it). */
const runs = Math.max(7, Number(process.env['BENCH_RUNS'] ?? 9) || 9);
const files = ['mul.hwx', 'mul_macos26_m1.hwx', 'tinygrad/gemm.hwx'] as const;
const cli = 'bin/anecc.cjs';
const peakRssHook = new URL('./peak-rss.mjs', import.meta.url).pathname;


interface Command {
  readonly argv: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Wall time of one whole process, in milliseconds (its exit status is not ours to judge here).
 * Its output is captured (spawnSync's 'pipe': a socket pair read to the end), as a build script
 * that captures it runs `anecc`.
 */
function wall(command: Command): number {
  const [bin, ...args] = command.argv;
  const options: SpawnSyncOptions = { stdio: ['ignore', 'pipe', 'pipe'], env: command.env ?? process.env };
  const t0 = performance.now();
  const r = spawnSync(bin!, args, options);
  const ms = performance.now() - t0;
  if (r.error) throw r.error;
  return ms;
}

/**
 * Median wall time of each command, runs interleaved: round after round every command runs once,
 * in an order that flips each round, so drift in the machine's load lands on all of them.
 */
function medians(commands: Readonly<Record<string, Command>>): Record<string, number> {
  const names = Object.keys(commands);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const name of names) wall(commands[name]!); // warm-up: page cache, the patched copy, the probe cache
  for (let round = 0; round < runs; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) samples[name]!.push(wall(commands[name]!));
  }
  return Object.fromEntries(names.map((n) => [n, median(samples[n]!)]));
}

/** How upstream's own CLI is started here, or why it cannot be. */
function upstreamCli(): { argv: string[]; env: NodeJS.ProcessEnv } | string {
  const python = process.env['PYTHON_BIN'] || 'python3';
  const src = process.env['ANECC_UPSTREAM_SRC'];
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (src) env['PYTHONPATH'] = src;
  // What the console script `anecc` (setup.py: anecc=anecc.run:run) runs.
  const argv = [python, '-c', 'import sys; from anecc.run import run; sys.exit(run())'];
  const check = spawnSync(python, ['-c', 'import anecc.run'], { env, stdio: 'ignore' });
  if (check.error || check.status !== 0) {
    return `upstream anecc's CLI is not importable by ${python}${src ? ` from ANECC_UPSTREAM_SRC` : ''}; set PYTHON_BIN and ANECC_UPSTREAM_SRC`;
  }
  return { argv, env };
}

/** The largest per-file ratio (the figure) and every per-file ratio (its note). */
function ratio(per: readonly { file: string; a: number; b: number }[]): { value: number; note: string } {
  const ratios = per.map((p) => ({ file: p.file, r: p.a / p.b, a: p.a, b: p.b }));
  const value = Math.max(...ratios.map((r) => r.r));
  return { value, note: ratios.map((r) => `${r.file} ${fmt(r.a)}/${fmt(r.b)} ms = ${fmt(r.r)}`).join(', ') };
}

/** Peak resident memory of one process, in bytes, reported by the preloaded hook. */
function peakRss(argv: readonly string[]): number {
  const [, ...args] = argv;
  const r = spawnSync(process.execPath, ['--import', peakRssHook, ...args], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  const text = r.output[3]?.toString().trim() ?? '';
  return Number(text);
}

/**
 * NODE_EXTRA_CA_CERTS makes Node 20 read and parse that certificate file as it starts, before any
 * of anecc runs (tens of milliseconds on a full system bundle), and Python pays nothing of the
 * kind. Where it is set, each Node command also runs without it (`<name>-bare`, in the same
 * alternating rounds), and each ratio is printed a second time from those, as
 * `<figure>-without-extra-ca-certs`: what a machine without the setting sees.
 */
const extraCaCerts = process.env['NODE_EXTRA_CA_CERTS'] ? 'NODE_EXTRA_CA_CERTS' : undefined;

/** `commands`, and where NODE_EXTRA_CA_CERTS is set each Node command (argv[0] node) once more without it. */
function withBare(commands: Readonly<Record<string, Command>>): Record<string, Command> {
  const all: Record<string, Command> = { ...commands };
  if (extraCaCerts === undefined) return all;
  for (const [name, command] of Object.entries(commands)) {
    if (command.argv[0] !== 'node') continue;
    const env: NodeJS.ProcessEnv = { ...(command.env ?? process.env) };
    delete env[extraCaCerts];
    all[`${name}-bare`] = { ...command, env };
  }
  return all;
}

export async function runStartupFigures(figure: Figure): Promise<void> {
  const corpus = corpusDir();
  const names = ['cli-native-vs-node', 'cli-native-vs-upstream-cli', 'cli-default-vs-upstream-cli', 'cli-fallback-vs-native', 'cli-help-vs-node', 'library-import-ms', 'cli-native-peak-mib'];
  if (corpus === undefined) {
    for (const name of [...names, 'node-extra-ca-certs-ms']) console.log(`figure: ${name} skipped (no corpus: set ANECC_CORPUS)`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'anecc-bench-startup-'));
  try {
    const out = join(dir, 'out.anec');
    const upstream = upstreamCli();
    // No usable Python: the interpreter runs, but there is no anecc where it is told to look.
    const nowhere = join(dir, 'no-upstream');
    mkdirSync(nowhere);
    const fallbackEnv: NodeJS.ProcessEnv = { ...process.env, ANECC_UPSTREAM_SRC: nowhere, ANECC_CACHE_DIR: join(dir, 'cache-fallback') };
    delete fallbackEnv['ANECC_ENGINE'];
    const defaultEnv: NodeJS.ProcessEnv = { ...process.env, ANECC_CACHE_DIR: join(dir, 'cache-default') };
    delete defaultEnv['ANECC_ENGINE'];

    const perFile = files.map((name) => {
      const path = join(corpus, ...name.split('/'));
      const commands: Record<string, Command> = {
        node: { argv: ['node', '-e', '0'] },
        native: { argv: ['node', cli, '--engine', 'native', path, '-o', out] },
        fallback: { argv: ['node', cli, path, '-o', out], env: fallbackEnv },
      };
      if (typeof upstream !== 'string') {
        commands['upstream'] = { argv: [...upstream.argv, path, '-o', out], env: upstream.env };
        commands['default'] = { argv: ['node', cli, path, '-o', out], env: defaultEnv };
      }
      const m = medians(withBare(commands));
      console.log(`  ${name}: ${Object.entries(m).map(([k, v]) => `${k} ${fmt(v)} ms`).join(', ')}`);
      return { file: name, m };
    });
    const bare = (command: string): string => (command === 'upstream' ? command : `${command}-bare`);
    const figureOf = (name: string, a: string, b: string, goal: string): void => {
      const r = ratio(perFile.map((p) => ({ file: p.file, a: p.m[a]!, b: p.m[b]! })));
      figure(name, r.value, `goal ${goal}; worst of: ${r.note}`);
      if (extraCaCerts === undefined) return;
      const w = ratio(perFile.map((p) => ({ file: p.file, a: p.m[bare(a)]!, b: p.m[bare(b)]! })));
      figure(`${name}-without-extra-ca-certs`, w.value, `goal ${goal}; worst of: ${w.note}`);
    };
    figureOf('cli-native-vs-node', 'native', 'node', '<= 1.3');
    if (typeof upstream === 'string') {
      for (const name of ['cli-native-vs-upstream-cli', 'cli-default-vs-upstream-cli']) {
        for (const variant of extraCaCerts === undefined ? [name] : [name, `${name}-without-extra-ca-certs`]) console.log(`figure: ${variant} skipped (${upstream})`);
      }
    } else {
      figureOf('cli-native-vs-upstream-cli', 'native', 'upstream', '<= 1.0');
      figureOf('cli-default-vs-upstream-cli', 'default', 'upstream', '<= 1.5');
    }
    figureOf('cli-fallback-vs-native', 'fallback', 'native', '<= 1.2');

    const help = medians(withBare({ node: { argv: ['node', '-e', '0'] }, help: { argv: ['node', cli, '--help'] } }));
    for (const [suffix, name] of extraCaCerts === undefined ? [['', 'cli-help-vs-node']] : [['', 'cli-help-vs-node'], ['-bare', 'cli-help-vs-node-without-extra-ca-certs']]) {
      const [a, b] = [help[`help${suffix}`]!, help[`node${suffix}`]!];
      figure(name!, a / b, `goal <= 1.3; ${fmt(a)}/${fmt(b)} ms`);
    }

    const importMs: number[] = [];
    const script = "const t0 = performance.now(); await import('anecc'); process.stdout.write(String(performance.now() - t0));";
    for (let i = 0; i < runs; i++) {
      const r = spawnSync('node', ['--input-type=module', '-e', script], { encoding: 'utf8' });
      importMs.push(Number(r.stdout));
    }
    figure('library-import-ms', median(importMs), `await import('anecc') in a fresh process, median of ${runs}`);

    const mul = join(corpus, 'mul.hwx');
    const first = perFile[0]!.m;
    if (extraCaCerts === undefined) console.log('figure: node-extra-ca-certs-ms skipped (NODE_EXTRA_CA_CERTS is not set)');
    else figure('node-extra-ca-certs-ms', first['node']! - first['node-bare']!, `what NODE_EXTRA_CA_CERTS adds to every Node start here (${files[0]} run: node -e 0 ${fmt(first['node']!)} ms, without it ${fmt(first['node-bare']!)} ms)`);
    const peaks = Array.from({ length: 3 }, () => peakRss(['node', cli, '--engine', 'native', mul, '-o', out]));
    const base = Array.from({ length: 3 }, () => peakRss(['node', '-e', '0']));
    figure('cli-native-peak-mib', median(peaks) / 2 ** 20, `node -e 0: ${fmt(median(base) / 2 ** 20)} MiB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
