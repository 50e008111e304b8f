// The cache folder, made one level at a time. Node 20's mkdir(..., { recursive: true }) loops
// forever where a parent answers ENOENT to mkdir but exists to nothing else (/proc/cache), and
// a regular file or a device on the way surfaces as a bare ENOTDIR: here each level is checked,
// the number of steps is the path's depth, and every failure names the folder.
import { accessSync, constants, mkdirSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { PatchError } from './errors.js';
import * as messages from './messages.js';

function unusable(dir: string, why: string, cause?: unknown): PatchError {
  return new PatchError('cache_unusable', messages.cacheFolderUnusable(dir, why), { cause });
}

/** Makes `dir` (and its missing parents) if needed; throws PatchError 'cache_unusable' when it cannot be a writable folder. */
export function ensureCacheFolderSync(dir: string): void {
  const absolute = path.resolve(dir);
  const levels: string[] = [];
  for (let current = absolute; ; current = path.dirname(current)) {
    levels.unshift(current);
    if (path.dirname(current) === current) break;
  }
  for (const level of levels) {
    let info: Stats;
    try {
      info = statSync(level);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw unusable(absolute, `${level}: ${code ?? String(error)}`, error);
      try {
        mkdirSync(level);
        continue;
      } catch (made) {
        const madeCode = (made as NodeJS.ErrnoException).code;
        // Another process made it in meanwhile: check it as if it had been there.
        if (madeCode !== 'EEXIST') throw unusable(absolute, `cannot create ${level} (${madeCode ?? String(made)})`, made);
        try {
          info = statSync(level);
        } catch (again) {
          throw unusable(absolute, `${level}: ${(again as NodeJS.ErrnoException).code ?? String(again)}`, again);
        }
      }
    }
    if (!info.isDirectory()) throw unusable(absolute, `${level} is not a folder`);
  }
  try {
    accessSync(absolute, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw unusable(absolute, `no permission to write in it (${(error as NodeJS.ErrnoException).code ?? String(error)})`, error);
  }
}
