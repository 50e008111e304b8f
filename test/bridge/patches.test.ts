// Applying format-patch files to a copy of the anecc package, and caching that copy.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PatchError, diffBody, preparePatchedCopy, readSeries } from '../../src/bridge/index.js';

const original = ['import logging', '', 'TD_SIZE = 0x274', 'TILE_SIZE = 0x4000', '', 'def f():', '    return 1', ''].join('\n');

/** A format-patch mail whose message contains a line that starts with `---`. */
const formatPatch = (from: string, to: string, subject = 'anecc: change TD_SIZE'): string =>
  [
    'From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001',
    'From: Someone <someone@example.com>',
    'Date: Tue, 1 Jan 2030 00:00:00 +0000',
    `Subject: [PATCH 1/1] ${subject}`,
    '',
    '--- a line of the message that looks like a header',
    '---',
    ' anecc/anecc/__init__.py | 2 +-',
    ' 1 file changed, 1 insertion(+), 1 deletion(-)',
    '',
    'diff --git a/anecc/anecc/__init__.py b/anecc/anecc/__init__.py',
    'index 1111111..2222222 100644',
    '--- a/anecc/anecc/__init__.py',
    '+++ b/anecc/anecc/__init__.py',
    '@@ -1,4 +1,4 @@',
    ' import logging',
    ' ',
    `-${from}`,
    `+${to}`,
    ' TILE_SIZE = 0x4000',
    '-- ',
    '2.39.5',
    '',
  ].join('\n');

let root: string;
let upstreamPackageDir: string;
let patchesDir: string;
let cacheDir: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'anecc-patches-'));
  upstreamPackageDir = path.join(root, 'src', 'anecc');
  patchesDir = path.join(root, 'patches');
  cacheDir = path.join(root, 'cache');
  mkdirSync(upstreamPackageDir, { recursive: true });
  mkdirSync(patchesDir);
  writeFileSync(path.join(upstreamPackageDir, '__init__.py'), original);
  writeFileSync(path.join(upstreamPackageDir, 'run.py'), 'print(1)\n');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('readSeries', () => {
  it('should read names, skipping comments and blank lines, and treat a missing series as empty', async () => {
    expect(await readSeries(patchesDir)).toEqual([]);
    writeFileSync(path.join(patchesDir, 'series'), '# the patches\n\n0001-a.patch\n0002-b.patch -p1 # note\n');
    expect(await readSeries(patchesDir)).toEqual(['0001-a.patch', '0002-b.patch']);
  });

  it('should refuse a name that leaves the patches folder', async () => {
    writeFileSync(path.join(patchesDir, 'series'), '../evil.patch\n');
    await expect(readSeries(patchesDir)).rejects.toMatchObject({ code: 'series_unreadable' });
  });
});

describe('diffBody', () => {
  it('should drop the mail headers, the message and the signature', () => {
    const body = diffBody(formatPatch('TD_SIZE = 0x274', 'TD_SIZE = 0x1f8'));
    expect(body.startsWith('diff --git ')).toBe(true);
    expect(body).not.toContain('2.39.5');
    expect(body.endsWith(' TILE_SIZE = 0x4000\n')).toBe(true);
  });
});

describe('preparePatchedCopy', () => {
  it('should apply the series to a copy and reuse it from the cache', async () => {
    writeFileSync(path.join(patchesDir, '0001-td.patch'), formatPatch('TD_SIZE = 0x274', 'TD_SIZE = 0x1f8'));
    writeFileSync(path.join(patchesDir, 'series'), '0001-td.patch\n');

    const first = await preparePatchedCopy({ upstreamPackageDir, patchesDir, cacheDir });
    const second = await preparePatchedCopy({ upstreamPackageDir, patchesDir, cacheDir });

    const patched = readFileSync(path.join(first.dir, 'anecc', '__init__.py'), 'utf8');
    expect(patched).toBe(original.replace('TD_SIZE = 0x274', 'TD_SIZE = 0x1f8'));
    expect(readFileSync(path.join(first.dir, 'anecc', 'run.py'), 'utf8')).toBe('print(1)\n');
    expect(first).toMatchObject({ built: true, upstreamPinned: false });
    expect(first.patches).toEqual([{ file: '0001-td.patch', subject: 'anecc: change TD_SIZE', touches: ['__init__.py'] }]);
    expect(second).toMatchObject({ built: false, dir: first.dir, patches: first.patches });
    // The upstream folder itself is never touched.
    expect(readFileSync(path.join(upstreamPackageDir, '__init__.py'), 'utf8')).toBe(original);
  });

  it('should replace a cached folder whose manifest is missing or invalid, leaving nothing aside', async () => {
    const first = await preparePatchedCopy({ upstreamPackageDir, patchesDir, cacheDir });
    const manifest = path.join(first.dir, 'manifest.json');
    for (const broken of [undefined, '{"format":"anecc-patched-v1","patches":"not a list"}', 'not json']) {
      if (broken === undefined) rmSync(manifest);
      else writeFileSync(manifest, broken);
      writeFileSync(path.join(first.dir, 'leftover'), '');
      const again = await preparePatchedCopy({ upstreamPackageDir, patchesDir, cacheDir });
      expect(again).toMatchObject({ built: true, dir: first.dir });
      expect(existsSync(path.join(first.dir, 'leftover'))).toBe(false);
      expect(readdirSync(cacheDir)).toEqual([path.basename(first.dir)]);
    }
  });

  it('should build a new copy when a patch changes', async () => {
    writeFileSync(path.join(patchesDir, '0001-td.patch'), formatPatch('TD_SIZE = 0x274', 'TD_SIZE = 0x1f8'));
    writeFileSync(path.join(patchesDir, 'series'), '0001-td.patch\n');
    const first = await preparePatchedCopy({ upstreamPackageDir, patchesDir, cacheDir });
    writeFileSync(path.join(patchesDir, '0001-td.patch'), formatPatch('TD_SIZE = 0x274', 'TD_SIZE = 0x200'));
    const second = await preparePatchedCopy({ upstreamPackageDir, patchesDir, cacheDir });
    expect(second.dir).not.toBe(first.dir);
    expect(second.built).toBe(true);
  });

  it('should name the patch and the hunk that does not apply', async () => {
    writeFileSync(path.join(patchesDir, '0001-td.patch'), formatPatch('TD_SIZE = 0x999', 'TD_SIZE = 0x1f8'));
    writeFileSync(path.join(patchesDir, 'series'), '0001-td.patch\n');
    const error = await preparePatchedCopy({ upstreamPackageDir, patchesDir, cacheDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PatchError);
    expect(error).toMatchObject({
      code: 'hunk_failed',
      patch: '0001-td.patch',
      file: '__init__.py',
      hunk: 1,
      hunkHeader: '@@ -1,4 +1,4 @@',
    });
    expect((error as Error).message).toContain('0001-td.patch: hunk 1 of 1');
    // Nothing half-built is left in the cache.
    expect(existsSync(cacheDir) ? readdirSync(cacheDir) : []).toEqual([]);
  });

  it('should fail clearly when series lists a missing patch', async () => {
    writeFileSync(path.join(patchesDir, 'series'), '0009-missing.patch\n');
    await expect(preparePatchedCopy({ upstreamPackageDir, patchesDir, cacheDir })).rejects.toMatchObject({
      code: 'patch_missing',
      patch: '0009-missing.patch',
    });
  });

  it('should fail clearly when a patch targets a file upstream lacks', async () => {
    const text = formatPatch('TD_SIZE = 0x274', 'TD_SIZE = 0x1f8').replaceAll('anecc/anecc/__init__.py', 'anecc/anecc/other.py');
    writeFileSync(path.join(patchesDir, '0001-other.patch'), text);
    writeFileSync(path.join(patchesDir, 'series'), '0001-other.patch\n');
    await expect(preparePatchedCopy({ upstreamPackageDir, patchesDir, cacheDir })).rejects.toMatchObject({
      code: 'target_missing',
      file: 'other.py',
    });
  });

  it('should fail clearly when upstream has no package', async () => {
    await expect(
      preparePatchedCopy({ upstreamPackageDir: path.join(root, 'nowhere'), patchesDir, cacheDir }),
    ).rejects.toMatchObject({ code: 'upstream_unreadable' });
  });
});
