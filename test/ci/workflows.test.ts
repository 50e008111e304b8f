// The GitHub workflows: valid by the workflow schema (action-validator, a WebAssembly build that
// runs offline), and doing what the README says: every push runs the type check, the suite and
// the replayed differential job with the corpus fetched; the live job runs on a schedule.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/corpus.js';

const dir = path.join(repoRoot, '.github', 'workflows');
const workflows = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
const validator = path.join(repoRoot, 'node_modules', '@action-validator', 'cli', 'cli.mjs');
const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');

/** The `run:` commands of a workflow, in order (single-line and block forms). */
function runs(text: string): string[] {
  const out: string[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const m = /^(\s*)(?:- )?run: (.*)$/.exec(line);
    if (!m) return;
    if (m[2] !== '|') return void out.push(m[2]!.trim());
    for (let j = i + 1; j < lines.length && (lines[j]!.trim() === '' || lines[j]!.search(/\S/) > m[1]!.length); j++) out.push(lines[j]!.trim());
  });
  return out.filter((r) => r !== '');
}

describe('GitHub workflows', () => {
  it('should find both workflows', () => {
    expect(workflows.sort()).toEqual(['ci.yml', 'differential.yml']);
  });

  for (const name of workflows) {
    it(`should pass action-validator: ${name}`, async () => {
      const r = await execa('node', [validator, path.join(dir, name)], { reject: false });
      expect({ exitCode: r.exitCode, stdout: r.stdout }).toEqual({ exitCode: 0, stdout: '' });
    });
  }

  it('should reject a broken workflow (the validator validates)', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'anecc-workflow-'));
    try {
      const broken = path.join(work, 'broken.yml');
      writeFileSync(broken, read('ci.yml').replace('runs-on:', 'runs-onn:'));
      const r = await execa('node', [validator, broken], { reject: false });
      expect(r.exitCode).toBe(1);
      expect(`${r.stdout}${r.stderr}`).toContain("Additional property 'runs-onn' is not allowed");
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('should run the suite and the replayed differential job on every push, after fetching the corpus', () => {
    const text = read('ci.yml');
    expect(text).toMatch(/^on:\n {2}push:\n/m);
    expect(runs(text)).toEqual(['bash scripts/fetch-corpus.sh', 'make test', 'make differential MODE=replay']);
  });

  it('should run the live job against anecc 1.0.9 from PyPI on a schedule', () => {
    const text = read('differential.yml');
    expect(text).toMatch(/^on:\n {2}schedule:\n/m);
    const commands = runs(text);
    expect(commands).toContain("python -m pip install 'anecc==1.0.9'");
    expect(commands.indexOf('bash scripts/fetch-corpus.sh')).toBeLessThan(commands.indexOf('make differential MODE=live CASES="$CASES" SEED="$SEED"'));
    expect(commands).toContain('make test');
  });
});
