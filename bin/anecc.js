#!/usr/bin/env node
// The built CLI lives in dist/; `make setup` (or `npm run build`) produces it.
import { exitQuietlyOnBrokenPipe } from '../dist/cli/io.js';
import { main } from '../dist/cli/main.js';

exitQuietlyOnBrokenPipe();
process.exitCode = await main(process.argv.slice(2));
