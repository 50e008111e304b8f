// The full `anecc` command, bundled as dist/bundle/anecc.js: bin/anecc.cjs runs it when the fast bundle hands a command over.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
