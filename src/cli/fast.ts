// Entry of dist/bundle/fast.cjs, which bin/anecc.cjs loads first (see ./full-cli.ts).
import { FullCliNeeded } from './full-cli.js';
import { exitQuietlyOnBrokenPipe } from './io.js';
import { main } from './main.js';

/** The exit status, or undefined when the full CLI must run the command (nothing was done yet). */
export async function run(argv: readonly string[]): Promise<number | undefined> {
  const restore = exitQuietlyOnBrokenPipe();
  try {
    return await main(argv);
  } catch (error) {
    if (!(error instanceof FullCliNeeded)) throw error;
    // The full CLI installs its own.
    restore();
    return undefined;
  }
}
