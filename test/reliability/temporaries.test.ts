// Output temporaries (issue 14, items 2 and 6): within NAME_MAX, removed on signals, and stale
// ones of dead processes removed by the next run in the folder.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { removeStaleTemporaries, temporaryNameFor, temporaryOwner } from '../../src/lifecycle/index.js';
import { runAnecc } from '../helpers/cli.js';
import { repoRoot } from '../../support/corpus.js';

const work = mkdtempSync(join(tmpdir(), 'anecc-temps-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const sample = join(repoRoot, 'hwx', 'mul-v5.hwx');

/** The id of a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('temporary names (item 6)', () => {
  it.each([1, 200, 236, 237, 250, 255])('stay within 255 bytes for a %i-byte output name', (length) => {
    const base = 'a'.repeat(length);
    const name = temporaryNameFor(base);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
    expect(temporaryOwner(name)).toBe(process.pid);
  });

  it('cut multi-byte names at whole characters', () => {
    const name = temporaryNameFor('é'.repeat(127));
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
    expect(name).not.toContain('\ufffd');
  });

  it.each([237, 255])('let the command write a %i-byte output name, as upstream can', async (length) => {
    const dir = mkdtempSync(join(work, 'long-'));
    const name = `${'n'.repeat(length - 5)}.anec`;
    const r = await runAnecc([sample, '--engine', 'native', '-o', join(dir, name)]);
    expect(r.stderr).not.toContain('ENAMETOOLONG');
    expect(r.exitCode).toBe(0);
    expect(readdirSync(dir)).toEqual([name]);
  });
});

describe('stale temporaries (item 2)', () => {
  it('of dead processes are removed by the next write in that folder; live ones and other files stay', async () => {
    const dir = mkdtempSync(join(work, 'stale-'));
    const stale = `.out.anec.${deadPid()}.0123abcd.tmp`;
    const live = `.out.anec.${process.pid}.0123abcd.tmp`;
    for (const name of [stale, live, '.keep.1.tmp', 'other.anec']) writeFileSync(join(dir, name), 'x');
    const r = await runAnecc([sample, '--engine', 'native', '-o', join(dir, 'out.anec')]);
    expect(r.exitCode).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([live, '.keep.1.tmp', 'other.anec', 'out.anec'].sort());
  });

  it('are left alone when the folder cannot be listed', () => {
    expect(removeStaleTemporaries(join(work, 'no-such-folder'))).toEqual([]);
  });
});

describe('signals during the write (item 2)', () => {
  const module = fileURLToPath(new URL('../../dist/lifecycle/index.js', import.meta.url));
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('%s removes the registered temporary and still ends the process by that signal', (signal) => {
    const file = join(work, `.sig-${signal}.tmp`);
    const script = `
      import { writeFileSync } from 'node:fs';
      const { removeOnExit } = await import(${JSON.stringify(module)});
      removeOnExit(${JSON.stringify(file)});
      writeFileSync(${JSON.stringify(file)}, Buffer.alloc(1 << 20));
      process.kill(process.pid, ${JSON.stringify(signal)});
      setTimeout(() => {}, 5000);`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { timeout: 10_000 });
    expect(child.signal).toBe(signal);
    expect(existsSync(file)).toBe(false);
  });
});
