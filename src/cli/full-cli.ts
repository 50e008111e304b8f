// The `anecc` command starts in dist/bundle/fast.cjs, one CommonJS file holding what a plain
// conversion runs, with either engine or both (see docs/performance.md). Every other module the
// CLI loads lazily (subcommands, commander, the fixes) is left out of that file: its import throws
// this instead, and bin/anecc.cjs runs the command again in the full CLI, dist/bundle/anecc.js.
// That is only safe because nothing was printed, written or consumed before: the lazy imports of
// a conversion all happen before its input is read and before Python starts
// (src/convert/convert.ts), and the CLI prints only after.

/** The command needs a module the fast bundle does not hold; thrown only in the fast bundle. */
export class FullCliNeeded extends Error {
  override readonly name = 'FullCliNeeded';
  constructor(readonly module: string) {
    super(`not in the fast bundle: ${module}`);
  }
}
