// The `anecc check` and `anecc retarget` examples in README.md and docs/ are real output: each
// fenced block that starts with `$ anecc check ...` is run from the repository root and must print
// exactly what the block shows. Other examples there are abridged (`...`) and not held here.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAnecc } from '../helpers/cli.js';
import { corpusSkipReason, repoRoot } from '../../support/corpus.js';

const skip = corpusSkipReason();
if (skip) console.warn(`skipped: ${skip}`);

interface Example {
  readonly file: string;
  readonly args: readonly string[];
  readonly expected: string;
}

function examples(file: string): Example[] {
  const text = readFileSync(path.join(repoRoot, file), 'utf8');
  const out: Example[] = [];
  for (const match of text.matchAll(/^```\n\$ anecc ((?:check|retarget) [^\n]*)\n([\s\S]*?)^```$/gm)) {
    out.push({ file, args: match[1]!.split(' '), expected: match[2]!.replace(/\n$/, '') });
  }
  return out;
}

const all = ['README.md', 'docs/anec-targets.md'].flatMap(examples);
const work = mkdtempSync(path.join(tmpdir(), 'anecc-docs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(skip !== undefined)('documented anecc check output', () => {
  it('should find the examples (mul_macos14.hwx, mul.ane against libane, --fix)', () => {
    expect(all.map((e) => e.args.join(' '))).toEqual(
      expect.arrayContaining([
        'check ../shared/hwx/mul_macos14.hwx',
        'check ../shared/hwx/mul.ane --target libane',
        'check ../shared/hwx/mul_macos14.hwx --target libane --fix -o mul_macos14.anec',
      ]),
    );
  });

  for (const example of all) {
    it(`should print what ${example.file} shows for anecc ${example.args.join(' ')}`, async () => {
      // Written files go to a scratch folder, shown by their bare name as in the docs.
      const args = example.args.map((a, i) => (example.args[i - 1] === '-o' ? path.join(work, a) : a));
      const r = await runAnecc(args, { cwd: repoRoot });
      const shown = r.stdout.split(`${work}${path.sep}`).join('');
      expect(shown).toBe(example.expected);
    });
  }
});
