// patches/ applied at run time: a copy of the upstream anecc package, patched with the
// format-patch files listed in `series`, cached under a key made of everything that went in.

import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { applyPatch, parsePatch } from 'diff';
import type { StructuredPatch } from 'diff';
import * as z from 'zod';
import { ensureCacheFolderSync } from './cache-folder.js';
import { PatchError } from './errors.js';
import * as messages from './messages.js';
import { packageFolderName, pinnedUpstreamSha256 } from './pinned.js';
import type { AppliedPatch, PatchStatus } from './types.js';

// Patch paths are relative to the eiln/anecc repository, whose `anecc/` folder is what
// ANECC_UPSTREAM_SRC names.
const repositoryPrefix = 'anecc/';
// Bumped when the way copies are built changes, so old cache entries are not reused.
// v2: the manifest records each file of the copy, checked on every use.
const cacheFormat = 'anecc-patched-v2';
const manifestName = 'manifest.json';

const maxPackageFiles = 256;
const maxPackageSizeInBytes = 16 * 1024 * 1024;
const maxPatchSizeInBytes = 4 * 1024 * 1024;
const maxSeriesSizeInBytes = 64 * 1024;
const maxPatchCount = 256;
const maxManifestSizeInBytes = 1024 * 1024;
// Renames of a stale final folder aside before giving up (each one means another process raced us).
const maxInstallAttempts = 3;

export interface PrepareOptions {
  /** The upstream `anecc` package folder (the one holding __init__.py). */
  readonly upstreamPackageDir: string;
  readonly patchesDir: string;
  readonly cacheDir: string;
}

interface PatchFile {
  readonly name: string;
  readonly text: string;
}

const manifestSchema = z.object({
  format: z.literal(cacheFormat),
  upstreamSha256: z.string(),
  patches: z.array(z.object({ file: z.string(), subject: z.string().optional(), touches: z.array(z.string()) })),
  warnings: z.array(z.string()),
  files: z.array(z.object({ path: z.string(), size: z.int().nonnegative(), sha256: z.string() })),
});

interface Manifest {
  readonly format: string;
  readonly upstreamSha256: string;
  readonly patches: readonly AppliedPatch[];
  readonly warnings: readonly string[];
  /** Every file of the copy's package folder as it was written, to catch later edits. */
  readonly files: readonly CopyFile[];
}

interface CopyFile {
  /** Relative to the copy's package folder, `/`-separated. */
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Where a final folder is renamed before it is removed (another process may be reading it). */
function staleNameFor(dir: string): string {
  return path.join(path.dirname(dir), `.stale-${path.basename(dir)}-${randomBytes(4).toString('hex')}`);
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

async function readBounded(file: string, limit: number, onTooBig: () => PatchError): Promise<Buffer> {
  const info = await stat(file);
  if (info.size > limit) throw onTooBig();
  return readFile(file);
}

/** Patch file names from `series`: one per line, `#` starts a comment; no series means no patches. */
export async function readSeries(patchesDir: string): Promise<readonly string[]> {
  const seriesPath = path.join(patchesDir, 'series');
  let text: string;
  try {
    text = (
      await readBounded(seriesPath, maxSeriesSizeInBytes, () =>
        new PatchError('series_unreadable', messages.largerThan(seriesPath, maxSeriesSizeInBytes)),
      )
    ).toString('utf8');
  } catch (error) {
    if (isMissing(error)) return [];
    if (error instanceof PatchError) throw error;
    throw new PatchError('series_unreadable', messages.seriesUnreadable(seriesPath), { cause: error });
  }
  const names: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const name = line.replace(/#.*$/, '').trim().split(/\s+/)[0] ?? '';
    if (name === '') continue;
    if (name.includes('/') || name.includes('\\') || name === '..' || name === '.') {
      throw new PatchError('series_unreadable', messages.seriesNameNotAFile(name, patchesDir), {
        patch: name,
      });
    }
    names.push(name);
  }
  if (names.length > maxPatchCount) {
    throw new PatchError('series_unreadable', messages.tooManyPatches(names.length, maxPatchCount));
  }
  return names;
}

async function readPatches(patchesDir: string, names: readonly string[]): Promise<readonly PatchFile[]> {
  const patches: PatchFile[] = [];
  for (const name of names) {
    const file = path.join(patchesDir, name);
    try {
      const bytes = await readBounded(file, maxPatchSizeInBytes, () =>
        new PatchError('patch_unparsable', messages.largerThan(name, maxPatchSizeInBytes), { patch: name }),
      );
      patches.push({ name, text: bytes.toString('utf8') });
    } catch (error) {
      if (error instanceof PatchError) throw error;
      throw new PatchError('patch_missing', messages.patchUnreadable(name, file), {
        patch: name,
        cause: error,
      });
    }
  }
  return patches;
}

/** Files of the upstream package (relative path -> bytes), without bytecode caches. */
async function readPackage(packageDir: string, needsInit = true): Promise<ReadonlyMap<string, Buffer>> {
  const files = new Map<string, Buffer>();
  let total = 0;
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(path.join(packageDir, relative), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name === '__pycache__' || entry.name.endsWith('.pyc')) continue;
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        await walk(child);
      } else if (entry.isFile()) {
        if (files.size >= maxPackageFiles) {
          throw new PatchError('upstream_unreadable', messages.tooManyPackageFiles(packageDir, maxPackageFiles));
        }
        const bytes = await readBounded(path.join(packageDir, child), maxPackageSizeInBytes - total, () =>
          new PatchError('upstream_unreadable', messages.largerThan(packageDir, maxPackageSizeInBytes)),
        );
        total += bytes.length;
        files.set(child, bytes);
      }
    }
  };
  try {
    await walk('');
  } catch (error) {
    if (error instanceof PatchError) throw error;
    throw new PatchError('upstream_unreadable', messages.upstreamUnreadable(packageDir), { cause: error });
  }
  if (needsInit && !files.has('__init__.py')) {
    throw new PatchError('upstream_unreadable', messages.noInitFile(packageDir));
  }
  return files;
}

/** The `Subject:` of a format-patch mail, without the `[PATCH n/m]` tag. */
function subjectOf(text: string): string | undefined {
  const match = /^Subject:\s*(.*(?:\n[ \t].*)*)/m.exec(text);
  if (!match?.[1]) return undefined;
  return match[1].replace(/\n[ \t]+/g, ' ').replace(/^\[PATCH[^\]]*\]\s*/, '').trim();
}

/**
 * The diff part of a format-patch mail: the mail headers and message come before the first
 * `diff --git` line (a message line may itself start with `---`), and git's `-- ` signature
 * follows the last hunk.
 */
export function diffBody(text: string): string {
  const normalized = text.replace(/\r\n/g, '\n');
  const start = /^diff --git /m.exec(normalized);
  let body = start ? normalized.slice(start.index) : normalized;
  // format-patch ends with "-- ", the git version and, often, a blank line.
  const signature = /\n-- \n[^\n]*\n*$/.exec(body);
  if (signature) body = body.slice(0, signature.index + 1);
  return body;
}

/** `a/anecc/anecc/x.py` -> `x.py` relative to the package folder, or undefined outside it. */
function packagePath(fileName: string | undefined): string | undefined {
  if (fileName === undefined || fileName === '/dev/null') return undefined;
  const stripped = fileName.replace(/^[ab]\//, '');
  const inPackage = `${repositoryPrefix}${packageFolderName}/`;
  if (!stripped.startsWith(inPackage)) return undefined;
  const relative = stripped.slice(inPackage.length);
  const normalized = path.posix.normalize(relative);
  if (normalized.startsWith('..') || path.posix.isAbsolute(normalized)) return undefined;
  return normalized;
}

function hunkHeader(hunk: StructuredPatch['hunks'][number]): string {
  return `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`;
}

/** Applies one file section; on failure, names the first hunk that does not fit. */
function applySection(source: string, section: StructuredPatch, patch: string, file: string): string {
  const whole = applyPatch(source, section);
  if (whole !== false) return whole;
  let current = source;
  for (const [index, hunk] of section.hunks.entries()) {
    const next = applyPatch(current, { ...section, hunks: [hunk] });
    if (next === false) {
      throw new PatchError('hunk_failed', messages.hunkFailed(patch, index + 1, section.hunks.length, hunkHeader(hunk), file), {
        patch,
        file,
        hunk: index + 1,
        hunkHeader: hunkHeader(hunk),
      });
    }
    current = next;
  }
  // Each hunk fits alone but not in sequence (they overlap or are out of order).
  throw new PatchError('hunk_failed', messages.hunksConflict(patch, file), { patch, file });
}

/** Applies patches in order to the package files; returns what each did and any warnings. */
function applyPatchFiles(
  files: Map<string, string>,
  patches: readonly PatchFile[],
): { readonly applied: readonly AppliedPatch[]; readonly warnings: readonly string[] } {
  const applied: AppliedPatch[] = [];
  const warnings: string[] = [];
  for (const patch of patches) {
    let sections: StructuredPatch[];
    try {
      sections = parsePatch(diffBody(patch.text));
    } catch (cause) {
      throw new PatchError('patch_unparsable', messages.notUnifiedDiff(patch.name, (cause as Error).message), {
        patch: patch.name,
        cause,
      });
    }
    const touches: string[] = [];
    for (const section of sections) {
      if (section.hunks.length === 0 && !section.isRename && !section.isDelete) continue;
      const oldPath = packagePath(section.oldFileName);
      const newPath = packagePath(section.newFileName);
      const created = section.oldFileName === '/dev/null' || section.isCreate === true;
      const deleted = section.newFileName === '/dev/null' || section.isDelete === true;
      const target = deleted ? oldPath : newPath;
      if (target === undefined || (!created && oldPath === undefined)) {
        // Only the package is copied; a change to setup.py or docs has nothing to act on.
        warnings.push(`${patch.name}: skipped ${section.newFileName ?? section.oldFileName ?? '?'} (outside the anecc package)`);
        continue;
      }
      const source = created ? '' : files.get(oldPath ?? target);
      if (source === undefined) {
        throw new PatchError('target_missing', messages.targetMissing(patch.name, oldPath ?? target), {
          patch: patch.name,
          file: oldPath ?? target,
        });
      }
      const result = applySection(source, section, patch.name, oldPath ?? target);
      if (deleted) {
        files.delete(target);
      } else {
        if (section.isRename === true && oldPath !== undefined && oldPath !== target) files.delete(oldPath);
        files.set(target, result);
      }
      touches.push(target);
    }
    if (touches.length === 0) warnings.push(`${patch.name}: changes nothing in the anecc package`);
    applied.push({ file: patch.name, subject: subjectOf(patch.text), touches });
  }
  return { applied, warnings };
}

/** The warning for an upstream that is not the pinned version (also used by doctor). */
export function notPinnedWarning(upstreamSha256: string): string {
  return (
    `upstream anecc/__init__.py (sha256 ${upstreamSha256.slice(0, 12)}) is not eiln/anecc aa7b14f ` +
    `(anecc 1.0.9); the patches were written against that version`
  );
}

/** The manifest of a finished copy in `dir`, or undefined for anything else (missing, partial, foreign). */
async function readManifest(dir: string): Promise<Manifest | undefined> {
  try {
    const bytes = await readBounded(path.join(dir, manifestName), maxManifestSizeInBytes, () =>
      new PatchError('cache_failed', messages.largerThan(manifestName, maxManifestSizeInBytes)),
    );
    const parsed = manifestSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    if (!parsed.success) return undefined;
    const { format, upstreamSha256, patches, warnings, files } = parsed.data;
    return { format, upstreamSha256, patches: patches.map((p) => ({ ...p, subject: p.subject })), warnings, files };
  } catch {
    return undefined;
  }
}

/**
 * Renames the built copy to `dir`; false when a finished copy (another process's, identical) is
 * already there. The final folder is never removed in place: another process may have just
 * renamed its finished copy there, after we found no manifest. A folder without a valid
 * manifest (left by an older format or a crash) is renamed aside first, then removed.
 */
async function install(temporary: string, dir: string): Promise<boolean> {
  for (let attempt = 1; ; attempt += 1) {
    let failure: unknown;
    try {
      await rename(temporary, dir);
      return true;
    } catch (error) {
      failure = error;
    }
    if (await readManifest(dir)) return false;
    if (attempt >= maxInstallAttempts) throw failure;
    const stale = staleNameFor(dir);
    try {
      await rename(dir, stale);
    } catch (error) {
      // Someone else moved it aside first; try again.
      if (!isMissing(error)) throw error;
      continue;
    }
    try {
      await rename(temporary, dir);
      return true;
    } catch {
      // Someone renamed theirs in meanwhile: the next round checks its manifest.
    } finally {
      await rm(stale, { recursive: true, force: true });
    }
  }
}

/**
 * What changed in the copy at `dir` since it was made (a file edited, truncated, removed or
 * added), in one line; undefined when every file is as its manifest recorded. Hashes every file:
 * the package is two small files, well under a millisecond.
 */
async function copyChange(dir: string, recorded: readonly CopyFile[]): Promise<string | undefined> {
  const packageDir = path.join(dir, packageFolderName);
  let present: ReadonlyMap<string, Buffer>;
  try {
    present = await readPackage(packageDir, false);
  } catch (error) {
    return `cannot read ${packageDir} (${(error as Error).message})`;
  }
  for (const file of recorded) {
    const bytes = present.get(file.path);
    if (bytes === undefined) return `${packageFolderName}/${file.path} is missing`;
    if (bytes.length !== file.size) return `${packageFolderName}/${file.path} is ${bytes.length} bytes, made as ${file.size}`;
    const hash = sha256(bytes);
    if (hash !== file.sha256) return `${packageFolderName}/${file.path} was changed (sha256 ${hash.slice(0, 12)}, made as ${file.sha256.slice(0, 12)})`;
  }
  const known = new Set(recorded.map((f) => f.path));
  const extra = [...present.keys()].find((name) => !known.has(name));
  return extra === undefined ? undefined : `${packageFolderName}/${extra} was added`;
}

/** Moves a changed copy out of the way (renamed first: another process may be reading it). */
async function moveAside(dir: string): Promise<void> {
  const stale = staleNameFor(dir);
  try {
    await rename(dir, stale);
  } catch (error) {
    if (isMissing(error)) return;
    throw new PatchError('cache_failed', messages.cannotMoveAside(dir), { cause: error });
  }
  await rm(stale, { recursive: true, force: true }).catch(() => {});
}

/**
 * A patched copy of the upstream package, built once per (upstream files, series, patches) and
 * reused from the cache afterwards. The returned `dir` holds an `anecc` package folder.
 */
export async function preparePatchedCopy(options: PrepareOptions): Promise<PatchStatus> {
  const upstream = await readPackage(options.upstreamPackageDir);
  const names = await readSeries(options.patchesDir);
  const patches = await readPatches(options.patchesDir, names);
  const fileHashes = new Map([...upstream].map(([name, bytes]) => [name, sha256(bytes)]));
  const upstreamSha256 = fileHashes.get('__init__.py') ?? sha256('');
  const upstreamPinned = upstreamSha256 === pinnedUpstreamSha256;

  const key = createHash('sha256');
  key.update(`${cacheFormat}\0`);
  for (const [name, hash] of fileHashes) key.update(`file\0${name}\0${hash}\0`);
  for (const patch of patches) key.update(`patch\0${patch.name}\0${sha256(patch.text)}\0`);
  const dir = path.join(options.cacheDir, key.digest('hex').slice(0, 32));

  const cached = await readManifest(dir);
  let rebuilt: string | undefined;
  if (cached) {
    rebuilt = await copyChange(dir, cached.files);
    if (rebuilt === undefined) {
      return { dir, built: false, upstreamSha256, upstreamPinned, patches: cached.patches, warnings: cached.warnings, rebuilt };
    }
  }
  // Everything below writes: the folder must be usable (and making it must not spin).
  ensureCacheFolderSync(options.cacheDir);
  if (rebuilt !== undefined) await moveAside(dir);

  const files = new Map<string, string>();
  const binary = new Map<string, Buffer>();
  for (const [name, bytes] of upstream) {
    const text = bytes.toString('utf8');
    // Patches are text; other files (if any) are copied byte for byte.
    if (Buffer.from(text, 'utf8').equals(bytes)) files.set(name, text);
    else binary.set(name, bytes);
  }
  const { applied, warnings: patchWarnings } = applyPatchFiles(files, patches);
  const warnings = [...(upstreamPinned ? [] : [notPinnedWarning(upstreamSha256)]), ...patchWarnings];
  const copyFiles = [...files, ...binary]
    .map(([name, content]) => {
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      return { path: name, size: bytes.length, sha256: sha256(bytes) };
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const manifest: Manifest = { format: cacheFormat, upstreamSha256, patches: applied, warnings, files: copyFiles };

  // Build beside the final folder, then rename: a reader never sees a half-written copy.
  const temporary = path.join(options.cacheDir, `.tmp-${path.basename(dir)}-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    for (const [name, content] of [...files, ...binary]) {
      const target = path.join(temporary, packageFolderName, ...name.split('/'));
      // Below a temporary folder inside a checked cache folder: recursive is safe here.
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content);
    }
    await mkdir(path.join(temporary, packageFolderName), { recursive: true });
    await writeFile(path.join(temporary, manifestName), `${JSON.stringify(manifest, null, 2)}\n`);
    if (!(await install(temporary, dir))) {
      // Another process finished the same copy first; theirs is identical.
      await rm(temporary, { recursive: true, force: true });
      return { dir, built: false, upstreamSha256, upstreamPinned, patches: applied, warnings, rebuilt };
    }
  } catch (error) {
    await rm(temporary, { recursive: true, force: true }).catch(() => {});
    const code = (error as NodeJS.ErrnoException).code;
    throw new PatchError('cache_failed', messages.cannotWritePatchedCopy(options.cacheDir, code), { cause: error });
  }
  return { dir, built: true, upstreamSha256, upstreamPinned, patches: applied, warnings, rebuilt };
}
