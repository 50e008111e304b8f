// The full `anecc` command, bundled as dist/bundle/anecc.js: bin/anecc.cjs runs it when the fast bundle hands a command over.
import { exitQuietlyOnBrokenPipe } from './io.js';
import { main } from './main.js';

exitQuietlyOnBrokenPipe();
process.exitCode = await main(process.argv.slice(2));
