#!/usr/bin/env node
// The `anecc` command. A plain conversion runs in dist/bundle/fast.cjs, one CommonJS file compiled
// with V8's code cache (dist/bundle/fast.cjs.cache, made by the build); anything that needs more runs
// in the full CLI, dist/bundle/anecc.js. `make setup` (or `npm run build`) builds them from src/cli/.
// See docs/performance.md.
'use strict';
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const { Script } = require('node:vm');

const bundle = path.join(__dirname, '..', 'dist', 'bundle', 'fast.cjs');
const cacheFile = `${bundle}.cache`;
// The build ends the bundle with this line, and starts the cache with the same id and a newline:
// a cache is used only with the bundle it was made from (V8 itself checks little more than the
// source's length, and rejects a cache of another Node or other flags).
const BUILD_ID = /\n\/\/ anecc-build ([0-9a-f]{64})\n$/;

/** The cache made from the bundle with this build id, without its header; undefined when there is none. */
function cachedDataFor(buildId) {
  if (buildId === undefined) return undefined;
  let cache;
  try {
    cache = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  return cache.subarray(0, 65).toString('latin1') === `${buildId}\n` ? cache.subarray(65) : undefined;
}

/** Compiles and runs the fast bundle as Node's CommonJS loader would, with the code cache when it fits. */
function loadFast() {
  const source = readFileSync(bundle, 'utf8');
  const buildId = BUILD_ID.exec(source.slice(-100))?.[1];
  const script = new Script(Module.wrap(source), { filename: bundle, cachedData: cachedDataFor(buildId) });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(bundle), module, bundle, path.dirname(bundle));
  return { fast: module.exports, script, buildId };
}

if (require.main === module) {
  loadFast()
    .fast.run(process.argv.slice(2))
    .then((code) => {
      if (code === undefined) return import('../dist/bundle/anecc.js');
      process.exitCode = code;
      return undefined;
    });
} else {
  // For the build, which makes the cache (scripts/code-cache.cjs).
  module.exports = { loadFast, cacheFile };
}
