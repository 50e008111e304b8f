// Preloaded by bench/startup.ts (`node --import`): writes the process's peak resident memory in
// bytes to file descriptor 3 as it exits, whatever the program does.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  try {
    writeSync(3, `${process.resourceUsage().maxRSS * 1024}\n`);
  } catch {
    // No descriptor 3: started without the bench.
  }
});
