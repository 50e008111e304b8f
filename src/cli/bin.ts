// The `anecc` command (bin/anecc.js runs the bundle of this file, dist/bundle/anecc.js).
import { exitQuietlyOnBrokenPipe } from './io.js';
import { main } from './main.js';

exitQuietlyOnBrokenPipe();
process.exitCode = await main(process.argv.slice(2));
