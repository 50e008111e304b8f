// Entry of dist/bundle/fast.cjs, which bin/anecc.cjs loads first (see ./full-cli.ts).
import { FullCliNeeded } from './full-cli.js';
import { main } from './main.js';

/**
 * The exit status, or undefined when the full CLI must run the command (nothing was done yet).
 * Once per process: esbuild marks a lazily loaded module as loaded before it runs, so a second
 * call would find the stub that throws FullCliNeeded already "loaded" and empty.
 */
export async function run(argv: readonly string[]): Promise<number | undefined> {
  try {
    return await main(argv);
  } catch (error) {
    if (!(error instanceof FullCliNeeded)) throw error;
    return undefined;
  }
}
