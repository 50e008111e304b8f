// Output files appear whole or not at all: write beside the target, then rename over it. Where a
// rename would change what the user pointed at (a symbolic link, a device such as /dev/null or
// /dev/stdout, a writable file in a folder we may not create files in), write into the target
// as upstream's open(out, "wb") does.
import { chmodSync, closeSync, lstatSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { decodeEscaped, fsPath } from '../names/escaped-bytes.js';
import { removeOnExit } from './remove-on-exit.js';
import { removeStaleTemporaries, temporaryNameFor } from './temporary-names.js';

function writeAll(fd: number, chunks: readonly Uint8Array[]): void {
  for (const chunk of chunks) {
    for (let done = 0; done < chunk.length; ) done += writeSync(fd, chunk, done, chunk.length - done);
  }
}

function writeInPlace(path: string, chunks: readonly Uint8Array[]): void {
  const fd = openSync(fsPath(path), 'w');
  try {
    writeAll(fd, chunks);
  } finally {
    closeSync(fd);
  }
}

export function writeFileAtomic(path: string, chunks: readonly Uint8Array[]): void {
  const named = fsPath(path);
  const own = lstatSync(named, { throwIfNoEntry: false });
  const link = own?.isSymbolicLink() === true;
  // What the name leads to: the entry itself, unless it is a link.
  const followed = link ? statSync(named, { throwIfNoEntry: false }) : own;
  // A device, a pipe, or a link to nothing yet: open() is the only way to write what it names.
  if ((followed !== undefined && !followed.isFile()) || (link && followed === undefined)) {
    writeInPlace(path, chunks);
    return;
  }
  // Through a link to a file: replace that file and keep the link.
  const target = link ? decodeEscaped(realpathSync(named, { encoding: 'buffer' })) : path;
  // The existing file's permissions, kept by the replacement (none when the file is new).
  const mode = followed === undefined ? undefined : followed.mode & 0o7777;
  removeStaleTemporaries(dirname(target));
  const temporary = join(dirname(target), temporaryNameFor(basename(target)));
  // Before the file exists, so no signal can come between its creation and its registration.
  const release = removeOnExit(temporary);
  let fd: number;
  try {
    fd = openSync(fsPath(temporary), 'wx');
  } catch (error) {
    release();
    const code = (error as NodeJS.ErrnoException).code;
    // The folder refuses new files, but the file itself may be writable, as it is for upstream.
    if (mode !== undefined && (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')) {
      writeInPlace(target, chunks);
      return;
    }
    throw error;
  }
  try {
    try {
      writeAll(fd, chunks);
    } finally {
      closeSync(fd);
    }
    if (mode !== undefined) chmodSync(fsPath(temporary), mode);
    renameSync(fsPath(temporary), fsPath(target));
  } catch (error) {
    rmSync(fsPath(temporary), { force: true });
    throw error;
  } finally {
    release();
  }
}
