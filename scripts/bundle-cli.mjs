// `npm run build`, second step: the `anecc` command in two bundles (see docs/performance.md).
// - dist/bundle/fast.cjs: one CommonJS file with what a plain conversion runs, with either engine
//   or both. bin/anecc.cjs loads it first; Node loads one CommonJS file faster than it links ES
//   modules.
// - dist/bundle/anecc.js: the full CLI as ESM, each lazily loaded part (subcommands, commander,
//   the bridge, zod, the patch library, the fixes) in its own chunk beside it. The fast bundle hands
//   it every command that needs a part the fast bundle does not hold (src/cli/full-cli.ts).
// - dist/bundle/fast.cjs.cache: V8's code cache of the fast bundle (scripts/code-cache.cjs).
// The library (dist/index.js) stays tsc's output.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// `anecc --help` without loading commander: its text, made by commander from the command's own
// definition in tsc's output (built just before this), goes into the bundle as a constant.
const { convertHelpText } = await import('../dist/cli/commands/convert.js');
const help = await convertHelpText();

// Chunk names carry content hashes: start empty so no stale chunk is left beside the new ones.
rmSync('dist/bundle', { recursive: true, force: true });
// Both bundles: Node 20, the prebuilt help, linked source maps.
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // pythonia is started from its own files (interface.py beside its JavaScript): never bundled.
  external: ['pythonia'],
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
};
const result = await build({
  ...common,
  entryPoints: { anecc: 'src/cli/bin.ts' },
  outdir: 'dist/bundle',
  // Chunks sit beside the entry: modules that find packaged files (py/, patches/, hwx/) from
  // import.meta.url count two folders up, as from dist/<folder>/*.js.
  chunkNames: '[name]-[hash]',
  splitting: true,
  format: 'esm',
  define: { __ANECC_CONVERT_HELP__: JSON.stringify(help) },
  // CommonJS dependencies (commander) call require() for Node's own modules.
  banner: { js: "import { createRequire as __anecc_createRequire } from 'node:module';\nconst require = __anecc_createRequire(import.meta.url);" },
  metafile: process.env['BUNDLE_METAFILE'] !== undefined,
});
// BUNDLE_METAFILE=meta.json: what went into which file (https://esbuild.github.io/analyze/).
if (result.metafile) writeFileSync(process.env['BUNDLE_METAFILE'], JSON.stringify(result.metafile));

// In the fast bundle, each dynamic import() becomes a module that throws FullCliNeeded: what the
// CLI loads lazily is what the fast path does not run, except what a conversion runs: the command
// itself (lazy in the full CLI so that --help does not load it) and the Python engine (the bridge,
// its reply schemas and the patch library: lazy so that a native conversion does not run them, in
// the fast bundle so that the Python child starts without waiting for the full CLI to load).
const fullCliModule = fileURLToPath(new URL('../src/cli/full-cli.ts', import.meta.url));
const fastPathModules = new Set(
  ['../src/cli/commands/convert.ts', '../src/bridge/open.ts', '../src/bridge/replies.ts', '../src/bridge/patches.ts'].map((m) =>
    fileURLToPath(new URL(m, import.meta.url)),
  ),
);
const fullCliOnly = {
  name: 'full-cli-only',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      if (fastPathModules.has(path.resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts')))) return undefined;
      return { path: args.path, namespace: 'full-cli-only' };
    });
    build.onLoad({ filter: /.*/, namespace: 'full-cli-only' }, (args) => ({
      contents: `import { FullCliNeeded } from ${JSON.stringify(fullCliModule)};\nthrow new FullCliNeeded(${JSON.stringify(args.path)});\n`,
      loader: 'ts',
      resolveDir: path.dirname(fullCliModule),
    }));
  },
};
await build({
  ...common,
  entryPoints: ['src/cli/fast.ts'],
  outfile: 'dist/bundle/fast.cjs',
  // A third smaller to read and to cache; identifiers stay, so --debug's stack traces keep names.
  minifyWhitespace: true,
  minifySyntax: true,
  format: 'cjs',
  plugins: [fullCliOnly],
  // Two folders below the package root, as the ESM bundle (packageRoot counts from there).
  define: { __ANECC_CONVERT_HELP__: JSON.stringify(help), 'import.meta.url': '__anecc_import_meta_url' },
  // "use strict" first: esbuild's own directive would come after this line and count for nothing.
  banner: { js: "'use strict';\nconst __anecc_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
});
// The build id that ties the code cache to this bundle (bin/anecc.cjs checks it), then the cache.
const fast = readFileSync('dist/bundle/fast.cjs');
appendFileSync('dist/bundle/fast.cjs', `// anecc-build ${createHash('sha256').update(fast).digest('hex')}\n`);
// Without NODE_OPTIONS: V8 rejects a cache made under other flags, and `anecc` runs without them.
const env = { ...process.env };
delete env['NODE_OPTIONS'];
const trained = spawnSync(process.execPath, ['scripts/code-cache.cjs'], { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
// Only speed depends on the cache (bin/anecc.cjs compiles without it), so an install goes on
// without one; test/cli/fast-bundle.test.ts fails when a build makes none.
if (trained.status !== 0) {
  rmSync('dist/bundle/fast.cjs.cache', { force: true });
  const reason = trained.stderr.split('\n').find((line) => /^\w*Error\b/.test(line)) ?? trained.stderr.trim();
  process.stderr.write(`warning: no code cache for dist/bundle/fast.cjs (plain conversions start a few ms slower): ${reason}\n`);
}
