#!/usr/bin/env node
// The `anecc` command. A plain conversion runs in dist/bundle/fast.cjs (one CommonJS file, the
// quickest start Node offers); anything that needs more runs in the full CLI, dist/bundle/anecc.js.
// `make setup` (or `npm run build`) builds both from src/cli/. See docs/performance.md.
'use strict';
require('../dist/bundle/fast.cjs')
  .run(process.argv.slice(2))
  .then((code) => {
    if (code === undefined) return import('../dist/bundle/anecc.js');
    process.exitCode = code;
    return undefined;
  });
