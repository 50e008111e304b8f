// Every example in README.md and docs/*.md is run here, so none goes stale:
// - ```console blocks: each `$ command` runs in bash, in a folder holding copies of the corpus
//   files, with `anecc` on PATH and no usable Python engine (PYTHON_BIN names no interpreter).
//   The lines under it are what it prints: stderr first, then stdout (the order
//   anecc writes them in). A line ending in `...` matches any line starting with the rest; a line
//   that is only `...` matches any number of lines.
// - ```ts example blocks: compiled with tsc against the built package (imported as 'anecc'), then
//   run with node in the same folder; they must exit 0.
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusDir, corpusSkipReason, repoRoot } from '../../support/corpus.js';

interface Example {
  readonly file: string;
  readonly line: number;
  readonly kind: 'console' | 'ts';
  readonly body: string;
}

function examplesIn(file: string): Example[] {
  const text = readFileSync(path.join(repoRoot, file), 'utf8');
  const found: Example[] = [];
  const fence = /^```(console|ts example)\n([\s\S]*?)^```$/gm;
  for (const m of text.matchAll(fence)) {
    const line = text.slice(0, m.index).split('\n').length;
    found.push({ file, line, kind: m[1] === 'console' ? 'console' : 'ts', body: m[2]! });
  }
  return found;
}

const docs = ['README.md', ...readdirSync(path.join(repoRoot, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const examples = docs.flatMap(examplesIn);

/** Whether `actual` lines fit `expected`, with `...` as described above. */
export function fits(expected: readonly string[], actual: readonly string[]): boolean {
  const [head, ...rest] = expected;
  if (head === undefined) return actual.length === 0;
  if (head === '...') return actual.some((_, i) => fits(rest, actual.slice(i))) || fits(rest, []);
  const [first, ...others] = actual;
  if (first === undefined) return false;
  const ok = head.endsWith('...') ? first.startsWith(head.slice(0, -3)) : first === head;
  return ok && fits(rest, others);
}

const skip = corpusSkipReason();
if (skip) console.warn(`skipped: documentation examples: ${skip}`);

const work = mkdtempSync(path.join(tmpdir(), 'anecc-docs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A fresh folder with the corpus files, and the environment the examples assume. */
function setting(name: string): { cwd: string; env: NodeJS.ProcessEnv } {
  const cwd = path.join(work, name);
  mkdirSync(cwd);
  for (const entry of readdirSync(corpusDir()!)) {
    if (/\.(hwx|ane)$/.test(entry)) copyFileSync(path.join(corpusDir()!, entry), path.join(cwd, entry));
  }
  const bin = path.join(work, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(path.join(bin, 'anecc'), `#!/bin/sh\nexec node ${JSON.stringify(path.join(repoRoot, 'bin', 'anecc.cjs'))} "$@"\n`);
  chmodSync(path.join(bin, 'anecc'), 0o755);
  // No Python engine: an interpreter that is not there, so the outcome is the same on every machine.
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}${path.delimiter}${process.env['PATH'] ?? ''}`, PYTHON_BIN: path.join(work, 'no-python'), ANECC_CACHE_DIR: path.join(work, 'cache') };
  delete env['ANECC_UPSTREAM_SRC'];
  return { cwd, env };
}

function commands(body: string): { command: string; expected: string[] }[] {
  const out: { command: string; expected: string[] }[] = [];
  for (const line of body.replace(/\n$/, '').split('\n')) {
    if (line.startsWith('$ ')) out.push({ command: line.slice(2), expected: [] });
    else out.at(-1)?.expected.push(line);
  }
  return out;
}

describe.skipIf(skip !== undefined)('documentation examples', () => {
  it('should find examples of both kinds', () => {
    expect(examples.filter((e) => e.kind === 'console').length).toBeGreaterThan(3);
    expect(examples.filter((e) => e.kind === 'ts').length).toBeGreaterThan(0);
  });

  examples.forEach((example, index) => {
    if (example.kind !== 'console') return;
    it(`should print what ${example.file}:${example.line} shows`, async () => {
      const { cwd, env } = setting(`console-${index}`);
      const steps = commands(example.body);
      expect(steps.length).toBeGreaterThan(0);
      for (const { command, expected } of steps) {
        const r = await execa('bash', ['-c', command], { cwd, env, reject: false });
        const lines = [r.stderr, r.stdout].filter((s) => s !== '').join('\n').split('\n');
        const actual = lines.length === 1 && lines[0] === '' ? [] : lines;
        // On a mismatch, show the whole output against the example.
        if (!fits(expected, actual)) expect(`$ ${command}\n${actual.join('\n')}`).toBe(`$ ${command}\n${expected.join('\n')}`);
      }
    });
  });

  const tsExamples = examples.filter((e) => e.kind === 'ts');
  it('should compile every TypeScript example against the package and run it', async () => {
    const { cwd, env } = setting('typescript');
    mkdirSync(path.join(cwd, 'node_modules', '@types'), { recursive: true });
    symlinkSync(repoRoot, path.join(cwd, 'node_modules', 'anecc'));
    symlinkSync(path.join(repoRoot, 'node_modules', '@types', 'node'), path.join(cwd, 'node_modules', '@types', 'node'));
    writeFileSync(path.join(cwd, 'package.json'), JSON.stringify({ name: 'examples', private: true, type: 'module' }));
    const files = tsExamples.map((e, i) => {
      const name = `example-${i}.ts`;
      writeFileSync(path.join(cwd, name), `// ${e.file}:${e.line}\n${e.body}\nexport {};\n`);
      return name;
    });
    const compilerOptions = { module: 'node16', moduleResolution: 'node16', target: 'es2022', strict: true, types: ['node'], outDir: 'out', skipLibCheck: true };
    writeFileSync(path.join(cwd, 'tsconfig.json'), JSON.stringify({ compilerOptions, files }));
    const tsc = await execa('node', [path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], { cwd, reject: false });
    expect(tsc.stdout).toBe('');
    for (const [i, e] of tsExamples.entries()) {
      const r = await execa('node', [path.join('out', `example-${i}.js`)], { cwd, env, reject: false });
      expect({ example: `${e.file}:${e.line}`, exitCode: r.exitCode, stderr: r.stderr }).toMatchObject({ exitCode: 0 });
    }
  }, 180_000);
});
