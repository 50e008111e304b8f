// scripts/fetch-corpus.sh: its table names the corpus exactly (every file, size and sha256), and
// it lays the corpus out and refuses a wrong file. Run against a local copy served as file://
// URLs, so the test needs no network; CI runs the script for real.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusDir, corpusFiles, corpusSkipReason, repoRoot } from '../../support/corpus.js';

const script = path.join(repoRoot, 'scripts', 'fetch-corpus.sh');
const text = readFileSync(script, 'utf8');
const variables = new Map([...text.matchAll(/^(\w+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
const expand = (value: string) => value.replace(/\$(\w+)/g, (_, name: string) => variables.get(name) ?? `$${name}`);
const entries = [...text.matchAll(/^([\w/.]+)\|(\d+)\|([0-9a-f]{64})\|(\S+)\|(\S+)\|(\S+)$/gm)].map((m) => ({
  file: m[1]!,
  bytes: Number(m[2]),
  sha256: m[3]!,
  repo: expand(m[4]!),
  commit: expand(m[5]!),
  path: m[6]!,
}));

const curl = (await execa('curl', ['--version'], { reject: false })).exitCode === 0;
const skip = corpusSkipReason() ?? (curl ? undefined : 'curl is not installed: fetch-corpus.sh not run');
if (skip) console.warn(`skipped: fetch-corpus: ${skip}`);

const work = mkdtempSync(path.join(tmpdir(), 'anecc-fetch-corpus-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('fetch-corpus.sh', () => {
  it('should pin every entry to a full commit of a public repository', () => {
    expect(entries.length).toBeGreaterThan(20);
    for (const e of entries) expect(`${e.repo}@${e.commit}`).toMatch(/^[\w-]+\/[\w.-]+@[0-9a-f]{40}$/);
  });

  it.skipIf(corpusDir() === undefined)('should list exactly the corpus files, with their sizes and sha256', () => {
    const listed = new Map(entries.map((e) => [e.file, e]));
    const present = [...corpusFiles('.hwx'), ...corpusFiles('.ane')];
    expect([...listed.keys()].sort()).toEqual(present.map((f) => f.name).sort());
    for (const f of present) {
      expect({ file: f.name, bytes: readFileSync(f.path).length, sha256: sha256(f.path) }).toEqual({ file: f.name, bytes: listed.get(f.name)!.bytes, sha256: listed.get(f.name)!.sha256 });
    }
  });

  describe.skipIf(skip !== undefined)('run against a local mirror', () => {
    const mirror = path.join(work, 'mirror');
    for (const e of entries) {
      const file = path.join(mirror, e.repo, e.commit, e.path);
      mkdirSync(path.dirname(file), { recursive: true });
      if (existsSync(path.join(corpusDir() ?? '', e.file))) cpSync(path.join(corpusDir()!, e.file), file);
    }
    const env = { ...process.env, ANECC_CORPUS_BASE_URL: `file://${mirror}` };

    it('should lay out the corpus, then keep what is already there', async () => {
      const dest = path.join(work, 'hwx');
      const first = await execa('bash', [script, dest], { env });
      expect(first.stdout).toBe(`fetch-corpus: ${dest}: ${entries.length} fetched, 0 already there, every size and sha256 checked`);
      for (const e of entries) expect(sha256(path.join(dest, e.file))).toBe(e.sha256);
      const again = await execa('bash', [script, dest], { env });
      expect(again.stdout).toContain(`0 fetched, ${entries.length} already there`);
    });

    it('should refuse a file whose bytes differ, naming it, and leave nothing in its place', async () => {
      const dest = path.join(work, 'hwx-bad');
      const victim = entries.find((e) => e.file === 'mul.hwx')!;
      const served = path.join(mirror, victim.repo, victim.commit, victim.path);
      const good = readFileSync(served);
      try {
        const bad = Buffer.from(good);
        bad[100] = bad[100]! ^ 0xff;
        writeFileSync(served, bad);
        const r = await execa('bash', [script, dest], { env, reject: false });
        expect(r.exitCode).toBe(1);
        expect(r.stderr).toContain(`fetch-corpus: mul.hwx from ${victim.repo} at ${victim.commit.slice(0, 7)} is 49152 bytes with sha256`);
        expect(existsSync(path.join(dest, 'mul.hwx'))).toBe(false);
      } finally {
        writeFileSync(served, good);
      }
    });
  });
});
