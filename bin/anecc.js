#!/usr/bin/env node
// The built CLI lives in dist/; `make setup` (or `npm run build`) produces it.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
