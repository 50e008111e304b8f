// The plain parser skips commander on common command lines; wherever it answers, its answer must
// be commander's, and it must hand everything unusual over.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anecTargetNames, profiles } from '../../src/anec/index.js';
import { convertHelpText, parseArgvWithCommander } from '../../src/cli/commands/convert.js';
import { parsePlainConvertArgv } from '../../src/cli/plain-argv.js';
import { engineChoices } from '../../src/convert/index.js';
import { runAnecc } from '../helpers/cli.js';

const choices = { engine: engineChoices, profile: profiles, target: anecTargetNames };
const quiet = { stdout: () => {}, stderr: () => {} };

/** commander's parse, or the usage error / exit it ends in, as data. */
async function viaCommander(argv: readonly string[]): Promise<unknown> {
  try {
    return await parseArgvWithCommander(argv, quiet);
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const token = fc.oneof(
  fc.constantFrom('-w', '--write', '-p', '--print', '-f', '--force', '--clean', '--remap-slots', '--debug'),
  fc.constantFrom('-n', '--name', '-o', '--out', '--engine', '--profile', '--target'),
  fc.constantFrom('both', 'native', 'python', 'patched', 'upstream', 'libane', 'anecc-1.0.9', 'bogus', 'a.hwx', 'b.anec', '', 'x y', 'diff'),
  fc.constantFrom('-', '--', '-wp', '-po', '--out=x.anec', '--help', '--nope', '-x', '-1', '--engine=native'),
);

describe('parsePlainConvertArgv', () => {
  it('should find what commander finds on the usual command lines', async () => {
    const lines = [
      ['mul.hwx', '-o', 'out.anec'],
      ['mul.hwx', '-p'],
      ['-w', '-n', 'net', 'mul.hwx', '-f'],
      ['--engine', 'native', 'mul.hwx', '--out', 'x.anec', '--profile', 'upstream', '--clean', '--remap-slots', '--debug'],
      ['mul.hwx', '-o', 'a.anec', '-o', 'b.anec'],
      ['mul.hwx', '--target', 'libane', '-o', 'x.anec'],
    ];
    for (const argv of lines) {
      const plain = parsePlainConvertArgv(argv, choices);
      expect(plain, argv.join(' ')).toBeDefined();
      expect(plain).toEqual(await viaCommander(argv));
    }
  });

  it('should hand help, errors and unusual forms to commander', () => {
    for (const argv of [[], ['--help'], ['a', 'b'], ['-wp', 'a'], ['a', '--out=x'], ['a', '--', 'b'], ['a', '-o'], ['a', '-o', '-p'], ['a', '--engine', 'fast'], ['a', '--nope'], ['-']]) {
      expect(parsePlainConvertArgv(argv, choices), argv.join(' ')).toBeUndefined();
    }
  });

  it('should agree with commander on every command line it accepts', async () => {
    const samples = fc.sample(fc.array(token, { maxLength: 7 }), { numRuns: 600, seed: 9 });
    let accepted = 0;
    for (const argv of samples) {
      const plain = parsePlainConvertArgv(argv, choices);
      if (plain === undefined) continue;
      accepted++;
      expect(plain, JSON.stringify(argv)).toEqual(await viaCommander(argv));
    }
    // The sample must exercise the plain path, or the property proves nothing.
    expect(accepted).toBeGreaterThan(30);
  });
});

describe('anecc --help without commander', () => {
  it('should print exactly the help commander makes, from the built command', async () => {
    const r = await runAnecc(['--help']);
    expect(r.exitCode).toBe(0);
    // execa strips the final newline.
    expect(`${r.stdout}\n`).toBe(await convertHelpText());
  });
});
