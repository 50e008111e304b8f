#!/usr/bin/env node
// The built CLI is one bundled file, dist/bundle/anecc.js (source: src/cli/bin.ts); `make setup`
// (or `npm run build`) produces it.
import '../dist/bundle/anecc.js';
