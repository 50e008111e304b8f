// `npm run build`, second step: the `anecc` command as one ESM file, dist/bundle/anecc.js, with
// each lazily loaded part (subcommands, the bridge, zod, the patch library) in its own chunk
// beside it. One file parses faster than the hundreds the hot path would otherwise open; the
// library (dist/index.js) stays tsc's output. See docs/performance.md.
import { rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

// `anecc --help` without loading commander: its text, made by commander from the command's own
// definition in tsc's output (built just before this), goes into the bundle as a constant.
const { convertHelpText } = await import('../dist/cli/commands/convert.js');
const help = await convertHelpText();

// Chunk names carry content hashes: start empty so no stale chunk is left beside the new ones.
rmSync('dist/bundle', { recursive: true, force: true });
const result = await build({
  entryPoints: { anecc: 'src/cli/bin.ts' },
  outdir: 'dist/bundle',
  // Chunks sit beside the entry: modules that find packaged files (py/, patches/, hwx/) from
  // import.meta.url count two folders up, as from dist/<folder>/*.js.
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // pythonia is started from its own files (interface.py beside its JavaScript): never bundled.
  external: ['pythonia'],
  define: { __ANECC_CONVERT_HELP__: JSON.stringify(help) },
  // CommonJS dependencies (commander) call require() for Node's own modules.
  banner: { js: "import { createRequire as __anecc_createRequire } from 'node:module';\nconst require = __anecc_createRequire(import.meta.url);" },
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
  metafile: process.env['BUNDLE_METAFILE'] !== undefined,
});
// BUNDLE_METAFILE=meta.json: what went into which file (https://esbuild.github.io/analyze/).
if (result.metafile) writeFileSync(process.env['BUNDLE_METAFILE'], JSON.stringify(result.metafile));
