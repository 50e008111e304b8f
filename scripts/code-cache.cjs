// `npm run build`, last step: dist/bundle/fast.cjs.cache, V8's code cache of the fast bundle. It is
// made after one plain conversion of the sample shipped in hwx/, so that it holds the functions a
// conversion compiles, not only the bundle's top level; bin/anecc.cjs uses it only with the bundle
// it was made from. Run in its own process, with no output: `node scripts/code-cache.cjs`.
'use strict';
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { loadFast, cacheFile } = require('../bin/anecc.cjs');

const sample = path.join(__dirname, '..', 'hwx', 'mul-v9.hwx');
const work = mkdtempSync(path.join(tmpdir(), 'anecc-code-cache-'));
const { fast, script, buildId } = loadFast();
if (buildId === undefined) throw new Error('dist/bundle/fast.cjs does not end with its build id');
fast
  .run(['--engine', 'native', sample, '-o', path.join(work, 'sample.anec')])
  .then((code) => {
    if (code !== 0) throw new Error(`the sample conversion exited with ${code}`);
    writeFileSync(cacheFile, Buffer.concat([Buffer.from(`${buildId}\n`, 'latin1'), script.createCachedData()]));
  })
  .finally(() => rmSync(work, { recursive: true, force: true }));
